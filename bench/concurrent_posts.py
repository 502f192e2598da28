"""Send many innspill at once to a running server and check every receipt in its database.

Each simulated sender opens the form in its own HTTP session (CSRF cookie and token, signed
`shown_at` stamp), then the posts go out, at most --concurrency at a time; when all of them fit,
they wait for each other and leave at the same moment. Every 302 receipt carries the private
token; the script then looks each one up in the database named by DATABASE_URL (the same one
the server uses) and checks the stored text and the reference. It prints posts sent, receipts,
rows stored, unique references, errors by status, wall time and post latency, and exits 1
if anything was lost, doubled, malformed or answered with a 5xx.

Run: `.venv/bin/python bench/concurrent_posts.py [--url URL] [--posts 50] [--concurrency 50]`.
Without DATABASE_URL it checks db.sqlite3, which is what `make run` serves on port 8000. The
server must not enforce the fill time or a low rate limit (all posts come from one address):
start it with PARTICIPATION_MIN_FILL_SECONDS=0 and PARTICIPATION_RATE_LIMIT=1000.

Against PostgreSQL with gunicorn, from the repository root, in a throwaway database:

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE asker_bench'
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/asker_bench \\
        SECRET_KEY=bench-only-not-a-secret-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx \\
        ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL=http://127.0.0.1:8010 \\
        EMAIL_URL=dummymail:// SECURE_SSL_REDIRECT=false STATIC_ROOT=/tmp/asker-bench-static \\
        PARTICIPATION_MIN_FILL_SECONDS=0 PARTICIPATION_RATE_LIMIT=1000
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py load_demo_content
    .venv/bin/python manage.py collectstatic --noinput   # DEBUG is off: pages need the manifest
    PORT=8010 .venv/bin/gunicorn asker.wsgi -c gunicorn.conf.py &   # add REDIS_URL=... as in
    .venv/bin/python bench/concurrent_posts.py --url http://127.0.0.1:8010   # production
    kill %1
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE asker_bench WITH (FORCE)'

The gunicorn settings give 2×CPU+1 workers (at most 8) with 2 threads each; WEB_CONCURRENCY
changes the number of workers.
"""

import argparse
import os
import re
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402
import requests  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from participation.models import Submission  # noqa: E402
from tests.participation.hidden_inputs import hidden_inputs  # noqa: E402

FORM_PATH = "/temaplaner/handling-mot-klimaendringene/innspill/"
REFERENCE = re.compile(r"INN-(\d{4})-(\d{5,})")
TOKEN_IN_LOCATION = re.compile(r"/innspill/mitt/([-\w]{20,64})/\?mottatt=1$")
TIMEOUT = 60


class Sender:
    def __init__(self, number, marker):
        self.number = number
        self.text = f"Innspill {number} fra {marker}: flere sykkelveier, færre parkeringsplasser."
        self.session = requests.Session()
        self.fields = {}
        self.csrf = ""
        self.outcome = ""  # an HTTP status as text, or the name of a connection error
        self.token = ""
        self.seconds = None
        self.error = ""

    def open_form(self, url):
        try:
            response = self.session.get(url, timeout=TIMEOUT)
        except requests.RequestException as error:
            self.outcome = f"form {type(error).__name__}"
            return self
        fields = hidden_inputs(response.text)
        if response.status_code != 200 or "csrftoken" not in response.cookies:
            self.outcome = f"form {response.status_code}"
            return self
        self.fields = fields
        # CSRF_COOKIE_SECURE is on outside DEBUG; over plain HTTP the cookie goes back by hand.
        self.csrf = response.cookies["csrftoken"]
        # A person needs minutes to write, long past gunicorn's keep-alive of 2 s, so the post
        # goes on a new connection. Reusing this one races the server closing it as idle, and
        # requests does not resend a POST on a closed connection as browsers do.
        self.session.close()
        self.session = requests.Session()
        return self

    def post(self, url, start):
        if start is not None:
            start.wait(timeout=TIMEOUT)  # all senders press «Send» at the same moment
        if self.outcome:  # the form never opened
            return self
        fields = {
            **self.fields,
            "name": f"Benk {self.number}",
            "email": f"benk{self.number}@example.no",
            "category": "private",
            "text": self.text,
            "publication": "none",
            "privacy": "on",
            "website": "",
        }
        began = time.perf_counter()
        try:
            response = self.session.post(
                url,
                files={name: (None, value) for name, value in fields.items()},  # multipart
                cookies={"csrftoken": self.csrf},
                allow_redirects=False,
                timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            self.outcome = type(error).__name__
            self.error = str(error)
            return self
        finally:
            self.seconds = time.perf_counter() - began
            self.session.close()
        self.outcome = str(response.status_code)
        match = TOKEN_IN_LOCATION.search(response.headers.get("Location", ""))
        self.token = match.group(1) if match else ""
        return self

    @property
    def receipt(self):
        return self.outcome in ("301", "302", "303") or self.outcome.startswith("2")


def check_database(senders, marker):
    """Problems found: receipts without their row, rows without a receipt, bad references."""
    rows = {s.token: s for s in Submission.objects.filter(text__contains=marker)}
    problems = []
    receipts = [s for s in senders if s.receipt]
    for sender in receipts:
        row = rows.get(sender.token)
        if row is None:
            problems.append(f"post {sender.number}: receipt {sender.token!r} has no row")
            continue
        if row.text != sender.text:
            problems.append(f"post {sender.number}: stored text differs: {row.text!r}")
        match = REFERENCE.fullmatch(row.reference or "")
        if not match:
            problems.append(f"post {sender.number}: malformed reference {row.reference!r}")
        elif int(match.group(2)) != row.pk or int(match.group(1)) != (
            timezone.localtime(row.received_at).year
        ):
            problems.append(f"post {sender.number}: {row.reference} is not row {row.pk}'s")
    unexpected = rows.keys() - {s.token for s in receipts}
    problems += [f"row {rows[t].reference} stored without a receipt" for t in unexpected]
    return rows, problems


def percentile(values, share):
    return values[min(len(values) - 1, int(len(values) * share))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running server")
    parser.add_argument("--path", default=FORM_PATH, help="the form's path")
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=50, help="posts in flight at once")
    args = parser.parse_args()
    url = urljoin(args.url, args.path)
    workers = min(args.concurrency, args.posts)
    marker = f"benk-{uuid.uuid4().hex[:12]}"
    database = connection.settings_dict["NAME"]
    print(f"{args.posts} posts to {url}, {workers} at a time")
    print(f"checked in database {connection.vendor} {database}, run marker {marker}")

    senders = [Sender(number, marker) for number in range(1, args.posts + 1)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        began = time.perf_counter()
        list(pool.map(lambda s: s.open_form(url), senders))
        forms = time.perf_counter() - began
        start = threading.Barrier(workers) if workers == args.posts else None
        began = time.perf_counter()
        list(pool.map(lambda s: s.post(url, start), senders))
        wall = time.perf_counter() - began

    rows, problems = check_database(senders, marker)
    receipts = [s for s in senders if s.receipt]
    references = {rows[s.token].reference for s in receipts if s.token in rows}
    errors = Counter(s.outcome for s in senders if not s.receipt)
    server_errors = sum(n for outcome, n in errors.items() if outcome.startswith("5"))
    latencies = sorted(s.seconds * 1000 for s in senders if s.seconds is not None)
    if len(references) != len(receipts):
        problems.append(f"{len(receipts)} receipts but {len(references)} unique references")
    if server_errors:
        problems.append(f"{server_errors} server errors")
    if errors:
        problems.append(f"{sum(errors.values())} posts without a receipt")

    print(f"{'forms opened in':<22}{forms:.2f} s")
    print(f"{'posts sent':<22}{sum(1 for s in senders if s.seconds is not None)}")
    print(f"{'2xx/3xx receipts':<22}{len(receipts)}")
    print(f"{'rows stored':<22}{len(rows)}")
    print(f"{'unique references':<22}{len(references)}")
    summary = ", ".join(f"{outcome}: {n}" for outcome, n in sorted(errors.items()))
    print(f"{'errors by status':<22}{summary or 'none'}")
    print(f"{'wall time':<22}{wall:.2f} s ({len(senders) / wall:.1f} posts/s)")
    if latencies:
        print(
            f"{'post latency':<22}p50 {statistics.median(latencies):.0f} ms, "
            f"p95 {percentile(latencies, 0.95):.0f} ms, max {latencies[-1]:.0f} ms"
        )
    if references:
        print(f"{'references':<22}{min(references)} … {max(references)}")
    for sender in [s for s in senders if s.error][:3]:
        print(f"error of post {sender.number}: {sender.error}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("result                OK" if not problems else "result                FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
