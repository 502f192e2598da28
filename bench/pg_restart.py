"""PostgreSQL restarts in the middle of concurrent posts: nothing with a receipt is lost,
everything else got the clear error page, and the site recovers without restarting the app.

From the repository root, as a user allowed to restart the cluster (root on this machine):

    .venv/bin/python bench/pg_restart.py [--posts 200] [--concurrency 20] [--restart-after 70]
        [--restart-command 'pg_ctlcluster --skip-systemctl-redirect 15 main restart']

It makes a fresh database `asker_pg_restart` on 127.0.0.1 (postgres user), migrates it, loads
the demo content, starts gunicorn on it (gunicorn.conf.py: several workers, two threads each,
pooled connections with health checks), and posts through bench/concurrent_posts.py's senders.
Once --restart-after posts have an answer (fewer than --posts) it runs --restart-command,
while the rest keep coming: by default PostgreSQL's own restart (which ends every connection)
of the cluster on port 5432 as `pg_lsclusters` lists it. Then it waits for /healthz, sends
--recovery more posts from new forms, and checks every receipt's reference and text in the
database. Restarting ends all connections to the cluster, other users' too: run it alone.
Exits 1 if a receipt lost its row, a row has no receipt, a post got a 500 or an unclear error,
a post after the restart failed, or the restart didn't run or failed.
"""

import argparse
import os
import shlex
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import pg_tools

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "asker_pg_restart"
PG_PORT = 5432
SERVER = f"postgresql://postgres@127.0.0.1:{PG_PORT}"
PORT = 8011
URL = f"http://127.0.0.1:{PORT}"
CLEAR_ERROR = "Vi fikk ikke lagret innspillet akkurat nå"
SERVER_LOG = Path("/tmp/asker-pg-restart-gunicorn.log")
ENVIRONMENT = {
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": URL,
    "EMAIL_URL": "dummymail://",
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": "/tmp/asker-pg-restart-static",
    "PARTICIPATION_MIN_FILL_SECONDS": "0",
    "PARTICIPATION_RATE_LIMIT": "100000",
    "LOG_LEVEL": "WARNING",
    "PORT": str(PORT),
}


def fresh_database():
    drop_database()
    pg_tools.create_database(SERVER, DATABASE)


def drop_database():
    pg_tools.drop_database(f"{SERVER}/{DATABASE}")


def default_restart_command():
    """pg_ctlcluster's restart of the one cluster `pg_lsclusters` lists on PG_PORT."""
    try:
        listed = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(f"pg_lsclusters: {error}; give --restart-command") from error
    clusters = [
        line.split()[:2] for line in listed.splitlines() if line.split()[2:3] == [str(PG_PORT)]
    ]
    if len(clusters) != 1:
        raise SystemExit(
            f"pg_lsclusters lists {len(clusters)} clusters on port {PG_PORT}; "
            "give --restart-command"
        )
    version, cluster = clusters[0]
    return shlex.join(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"])


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--restart-after", type=int, default=70, help="answered posts")
    parser.add_argument(
        "--restart-command",
        help="shell command restarting PostgreSQL (default: pg_ctlcluster for the cluster "
        f"pg_lsclusters lists on port {PG_PORT})",
    )
    parser.add_argument("--pace", type=float, default=0.1, help="pause before each post (s)")
    parser.add_argument("--recovery", type=int, default=10, help="posts after the restart")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    if not 1 <= args.restart_after < args.posts:
        parser.error(
            f"--restart-after ({args.restart_after}) must be at least 1 and less than "
            f"--posts ({args.posts}), or the restart would come after the last post"
        )
    if args.concurrency < 1 or args.recovery < 1:
        parser.error("--concurrency and --recovery must be at least 1")
    return args


def manage(*args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def restart_thread(command, timeout=None):
    """(A thread that runs the restart command when started, the record it fills): when the
    restart began by time.monotonic(), to compare with when each post was answered, how many
    seconds it took, its return code and output. bench/drill.py's restart scenario uses it too."""
    restart = {}

    def restart_postgresql():
        restart["began"] = time.monotonic()
        done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=timeout)
        restart["seconds"] = time.monotonic() - restart["began"]
        restart["returncode"] = done.returncode
        restart["output"] = (done.stdout + done.stderr).strip()

    return threading.Thread(target=restart_postgresql), restart


def wait_until_healthy(timeout=60):
    """Seconds until /healthz says the database answers."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        try:
            if requests.get(f"{URL}/healthz", timeout=2).status_code == 200:
                return time.perf_counter() - began
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{URL}/healthz svarte ikke 200 innen {timeout} s")


def main():
    args = parse_arguments()
    args.restart_command = args.restart_command or default_restart_command()
    print(f"restart command: {args.restart_command}", flush=True)

    os.environ.update(ENVIRONMENT)
    print(f"fresh database {DATABASE}: migrate, demo content, collectstatic …", flush=True)
    fresh_database()
    manage("migrate", "--noinput")
    manage("load_demo_content")
    manage("collectstatic", "--noinput")
    print(f"gunicorn on {URL}, its log in {SERVER_LOG}", flush=True)
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "asker.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        stdout=SERVER_LOG.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_healthy()
        return run(args)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        if not args.keep:
            drop_database()


def run(args):
    # Django (for reading the stored rows) is set up by importing the senders, on DATABASE_URL.
    sys.path.insert(0, str(ROOT))
    from bench.concurrent_posts import FORM_PATH, Sender, check_database

    class KeptSender(Sender):
        """A sender that also keeps the answer's page, to tell the clear error from others."""

        body = ""

        def post(self, url, start):
            self.session.hooks["response"].append(self.keep)
            return super().post(url, start)

        def keep(self, response, *args, **kwargs):
            self.body = response.text

    form_url = URL + FORM_PATH
    marker = f"restart-{uuid.uuid4().hex[:12]}"
    senders = [KeptSender(n, marker) for n in range(1, args.posts + 1)]
    answered = 0
    answered_lock = threading.Lock()
    restarter, restart = restart_thread(args.restart_command)

    def post(sender):
        nonlocal answered
        time.sleep(args.pace)
        sender.post(form_url, None)
        sender.answered_at = time.monotonic()  # the clock restart_thread uses
        with answered_lock:
            answered += 1
            if answered == args.restart_after:
                restarter.start()
        return sender

    print(f"{args.posts} posts to {form_url}, {args.concurrency} at a time", flush=True)
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(lambda s: s.open_form(form_url), senders))
        began = time.perf_counter()
        list(pool.map(post, senders))
        wall = time.perf_counter() - began
    if restarter.ident is not None:  # started
        restarter.join()
    recovered_in = wait_until_healthy()

    recovery = [KeptSender(args.posts + n, marker) for n in range(1, args.recovery + 1)]
    for sender in recovery:
        sender.open_form(form_url)
        sender.post(form_url, None)

    everyone = senders + recovery
    rows, problems = check_database(everyone, marker)
    receipts = [s for s in senders if s.receipt]
    failed = [s for s in senders if not s.receipt]
    clear = [s for s in failed if s.outcome == "503" and CLEAR_ERROR in s.body]
    unclear = [s for s in failed if s not in clear and s.outcome.isdigit()]
    not_answered = [s for s in failed if not s.outcome.isdigit()]
    after_restart = [s for s in senders if "began" in restart and s.answered_at > restart["began"]]
    recovered = [s for s in recovery if s.receipt]
    if unclear:
        problems.append(f"{len(unclear)} posts answered without the clear error page")
    if not_answered:
        problems.append(f"{len(not_answered)} posts without an HTTP answer")
    if len(recovered) != len(recovery):
        problems.append(f"{len(recovery) - len(recovered)} posts after the restart failed")
    if "began" not in restart:
        problems.append(
            f"PostgreSQL was never restarted: fewer than {args.restart_after} posts were answered"
        )
    elif restart.get("returncode"):
        problems.append(f"restart failed: {restart['output']}")

    def line(label, value):
        print(f"{label:<36}{value}")

    line("posts sent (under load)", sum(1 for s in senders if s.seconds is not None))
    line("receipts (302 to the private link)", len(receipts))
    line("rows stored (load + recovery)", len(rows))
    line("receipts whose row has their text", sum(1 for s in receipts if s.token in rows))
    line("errors shown: 503 clear Norwegian", len(clear))
    line("errors shown: other", dict(Counter(s.outcome for s in unclear)) or "none")
    line("connection errors / no answer", dict(Counter(s.outcome for s in not_answered)) or "none")
    line("posts answered after restart began", len(after_restart))
    line("restart command took", f"{restart.get('seconds', 0):.1f} s")
    line("/healthz ok again after the run", f"{recovered_in:.1f} s")
    line("recovery posts: sent / receipts", f"{len(recovery)} / {len(recovered)}")
    line("wall time under load", f"{wall:.1f} s")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"{'result':<36}{'FAILED' if problems else 'OK'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
