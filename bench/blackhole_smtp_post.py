"""How long a citizen's post takes when the mail server accepts connections and never answers.

A "black hole" SMTP server listens on loopback: it accepts every connection and sends nothing,
not even the greeting, so a sender waits until EMAIL_TIMEOUT. The script posts --posts inputs
through Django's test client, each from a browser of its own (form loaded first), twice:

- with the ImmediateBackend (how the site sent mail before the worker): the receipt and the
  moderators' notice are sent inside the request, so each post waits for the mail server;
- with the database backend (production's default now): the post stores its row, its mails and
  their queued tasks, and returns; `manage.py db_worker` sends the mails later.

It prints the latency of each post in ms, the median and the maximum per backend, how many
connections the black hole got during each phase, and the tasks left queued for the worker.
Exit status 1 if a post with the database backend touched the mail server or was not a 302.

Run from the repository root (test dependencies installed; a throwaway in-memory database):

    .venv/bin/python bench/blackhole_smtp_post.py [--posts 3] [--timeout 10]

--timeout is EMAIL_TIMEOUT in seconds (production's default is 10).
"""

import argparse
import logging
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class BlackHoleSMTP:
    """Accepts connections on loopback and never answers; counts them."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            conn, _ = self.server.accept()
            self.connections.append(conn)  # kept open, silent


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=10, help="EMAIL_TIMEOUT, seconds")
    return parser.parse_args()


args = parse()
black_hole = BlackHoleSMTP()
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{black_hole.port}"
os.environ["EMAIL_TIMEOUT"] = str(args.timeout)

import django  # noqa: E402

django.setup()
# The failed sends are the point here: their log lines (one traceback per mail) would bury the
# figures.
logging.disable(logging.CRITICAL)

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from tests.factories import ParticipationRoundFactory, PlanPersonFactory  # noqa: E402
from tests.participation.conftest import form_stamp, valid_input  # noqa: E402

BACKENDS = {
    "ImmediateBackend (før)": "django_tasks.backends.immediate.ImmediateBackend",
    "DatabaseBackend (etter)": "django_tasks_db.DatabaseBackend",
}


def post_inputs(open_round, label, count):
    url = open_round.page.url + "innspill/"
    latencies, statuses = [], []
    for number in range(count):
        client = Client()
        data = valid_input(open_round, topic="", email=f"avsender{label[:1]}{number}@example.no")
        data["shown_at"] = form_stamp(client, url)
        started = time.perf_counter()
        response = client.post(url, data)
        latencies.append((time.perf_counter() - started) * 1000)
        statuses.append(response.status_code)
    return latencies, statuses


def main():
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    open_round = ParticipationRoundFactory()
    PlanPersonFactory(page=open_round.page)  # the moderators' notice goes to the plan's contact
    failed = False
    print(f"Black-hole SMTP på 127.0.0.1:{black_hole.port}, EMAIL_TIMEOUT={args.timeout} s")
    for label, backend in BACKENDS.items():
        before = len(black_hole.connections)
        with override_settings(
            TASKS={"default": {"BACKEND": backend}},
            PARTICIPATION_MIN_FILL_SECONDS=0,
            PARTICIPATION_RATE_LIMIT=1000,
        ):
            latencies, statuses = post_inputs(open_round, label, args.posts)
        touched = len(black_hole.connections) - before
        print(
            f"{label}: {args.posts} innspill, status {sorted(set(statuses))}, "
            f"median {statistics.median(latencies):.0f} ms, maks {max(latencies):.0f} ms "
            f"({', '.join(f'{ms:.0f}' for ms in latencies)} ms); "
            f"SMTP-tilkoblinger: {touched}"
        )
        if backend.startswith("django_tasks_db"):
            queued = DBTaskResult.objects.ready().filter(task_path="core.outbox.deliver").count()
            print(f"  e-poster i kø til arbeideren (manage.py db_worker): {queued}")
            failed = touched > 0 or set(statuses) != {302}
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
