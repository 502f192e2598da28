"""The production shape of issue #17 on loopback, and four faults it must survive.

    .venv/bin/python bench/drill.py [--only N] [--keep]

It starts, all on 127.0.0.1: a fresh database `asker_drill_<pid>` on the PostgreSQL server at
port 5432 (user postgres), migrated and with the demo content; its own redis-server and
moto's S3 server (two buckets) on free ports; an SMTP sink in this process that counts every
mail per recipient and subject; two gunicorn instances A and B with the same settings
(production: DEBUG off, database task backend, S3, Redis, SMTP) but each its own media
folders, as two hosts would have; and the task worker, `manage.py db_worker`. Then:

1. a citizen posts input with a PDF through A; a moderator logs into B, downloads the
   attachment (the same bytes), answers in the admin; the receipt and the answer each reach
   the sink once. Then the sink turns black hole (accepts, never answers): a post through A
   must still come back at once, since no mail is sent inside a request;
2. Redis is stopped for 5 s in the middle of 10 s of GETs (home, plan, API, feeds, search) and
   form posts over A and B: no 5xx, /healthz/ready stays 200; Redis is started again;
3. two `manage.py notify_followers` at once, for fresh confirmed followers of a plan and one
   new event: once the worker has drained the outbox, each follower has exactly one mail;
4. PostgreSQL is restarted (bench/pg_restart.py's command: it ends every connection to the
   cluster, other users' too) while posts go through A and B. A receipt is a 302 to the
   sender's private link; the receipt page then shows the reference. Every receipt must have
   exactly one row with the sent text and the shown reference, and every row of the run a
   receipt; a post without a receipt must have got the clear 503 page or no answer at all
   (never another 5xx). Those send the same form again once PostgreSQL is back («Send igjen»
   on the 503 page, or the browser's resend) and must then get a receipt, also when their row
   was stored though the answer was lost; no input is stored twice; posts after the restart
   must all get receipts.

It prints a figures table and exits 1 if any check failed. Every child process is stopped and
the database dropped at the end, however it ends; the logs stay in a temporary folder whose
path is printed (deleted after a run without failures unless --keep), and the last lines of
each are printed when something failed.
"""

import argparse
import importlib.util
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import requests

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import pg_restart, pg_tools
from bench.drill_services import (
    DrillError,
    Processes,
    SmtpSink,
    free_port,
    port_open,
    wait_for,
)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SERVER = "postgresql://postgres@127.0.0.1:5432"
PLAN_SLUG = "handling-mot-klimaendringene"
PLAN_PATH = f"/temaplaner/{PLAN_SLUG}/"
FORM_PATH = PLAN_PATH + "innspill/"
TOKEN_IN_LOCATION = re.compile(r"/innspill/mitt/([-\w]{20,64})/\?mottatt=1$")
REFERENCE = re.compile(r"INN-\d{4}-\d{5,}")
MIN_FILL_SECONDS = 1  # the form's spam stamp: posts wait this long after opening the form
TASK_BACKEND = "django_tasks_db.DatabaseBackend"
MODERATOR = "drill-moderator"
MEDIA_BUCKET, PRIVATE_BUCKET = "asker-drill-media", "asker-drill-private"
TIMEOUT = 30  # seconds for any one HTTP request
# One PDF, recognised by its content; random bytes so a stale copy cannot pass for it.
ATTACHMENT = b"%PDF-1.4\n% drill\n" + secrets.token_bytes(4000) + b"\n%%EOF\n"


# --- What was found ---------------------------------------------------------------------------


@dataclass
class Scenario:
    number: int
    title: str
    figures: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    seconds: float = 0.0

    def check(self, ok, problem):
        if not ok:
            self.problems.append(problem)
        return ok


@dataclass
class Drill:
    args: argparse.Namespace
    folder: Path
    processes: Processes
    sink: SmtpSink
    env: dict = field(default_factory=dict)
    ports: dict = field(default_factory=dict)
    setup_problems: list = field(default_factory=list)
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    def url(self, instance, path=""):
        return f"http://127.0.0.1:{self.ports[instance]}{path}"


# --- HTTP as a browser does it over plain HTTP -------------------------------------------------


class Browser(requests.Session):
    """A session that sends back the cookies the site marks Secure (CSRF, session): outside
    DEBUG they are, and this drill speaks plain HTTP on loopback. Every request on its own
    connection: a person's next click comes long after gunicorn's keep-alive of 2 s, and
    requests does not resend a POST on a connection the server has just closed."""

    def __init__(self):
        super().__init__()
        self.headers["Connection"] = "close"
        self.sent = 0  # requests made, answered or not

    def request(self, *args, **kwargs):
        self.sent += 1
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        response = super().request(*args, **kwargs)
        for cookie in [c for c in self.cookies if c.secure]:
            self.cookies.set(cookie.name, cookie.value, domain=cookie.domain, path=cookie.path)
        return response


class Forms(HTMLParser):
    """Every form on a page: its action and the values a browser would send unchanged."""

    def __init__(self, html):
        super().__init__()
        self.forms = []
        self._textarea = None
        self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            fields[name] = a.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and ("selected" in a or self._select not in fields):
            fields[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def with_field(self, name):
        return next((form for form in self.forms if name in form["fields"]), None)


class Citizen:
    """One sender: opens the form on one instance, posts after the spam stamp's minimum, and
    reads the receipt page (with its reference) if the post was received."""

    def __init__(self, base_url, number, marker, attachment=None):
        self.base_url = base_url
        self.number = number
        self.email = f"innbygger-{marker}-{number}@example.no"
        self.text = f"Innspill {number} fra {marker}: flere sykkelveier og trygge skoleveier."
        self.attachment = attachment
        self.browser = Browser()
        self.fields = None
        self.outcome = ""  # HTTP status, or the name of a connection error
        self.body = ""
        self.token = ""
        self.reference = ""
        self.seconds = None
        self.opened_at = None
        self.sent_again = ""  # what the first post got, if it was sent again

    def open_form(self):
        try:
            response = self.browser.get(self.base_url + FORM_PATH)
        except requests.RequestException as error:
            self.outcome = f"form {type(error).__name__}"
            return self
        form = Forms(response.text).with_field("csrfmiddlewaretoken")
        if response.status_code != 200 or form is None:
            self.outcome = f"form {response.status_code}"
            return self
        self.fields = form["fields"]
        self.opened_at = time.monotonic()
        return self

    def filled_in(self):
        return {
            **self.fields,
            "name": f"Drill {self.number}",
            "email": self.email,
            "category": "private",
            "text": self.text,
            "publication": "named",
            "privacy": "on",
            "website": "",
        }

    def post(self, data=None):
        """Post the form as filled in, or `data` (a form the site gave back)."""
        if self.fields is None:
            return self
        wait = MIN_FILL_SECONDS + 0.2 - (time.monotonic() - self.opened_at)
        if wait > 0:
            time.sleep(wait)
        data = data or self.filled_in()
        files = {key: (None, value) for key, value in data.items()}
        if self.attachment is not None:
            files["attachment"] = ("innspill.pdf", self.attachment, "application/pdf")
        began = time.perf_counter()
        try:
            response = self.browser.post(self.base_url + FORM_PATH, files=files)
        except requests.RequestException as error:
            self.outcome = type(error).__name__
            return self
        finally:
            self.seconds = time.perf_counter() - began
        self.outcome = str(response.status_code)
        self.body = response.text
        match = TOKEN_IN_LOCATION.search(response.headers.get("Location", ""))
        self.token = match.group(1) if match else ""
        return self

    def send_again(self):
        """What a person does after the 503 page or no answer at all: «Send igjen» on the page
        (the form it gives back, with the same stamp), or the same post again (the browser's
        resend). Either way the site must not store the input twice."""
        if self.fields is None:
            return self
        given_back = Forms(self.body).with_field("shown_at") if self.outcome == "503" else None
        self.sent_again = self.outcome
        return self.post(given_back["fields"] if given_back else None)

    @property
    def receipted(self):
        return bool(self.token)

    def read_receipt(self, deadline):
        """The reference on the receipt page; tried until `deadline` (the database may be
        coming back)."""
        while self.token and not self.reference and time.monotonic() < deadline:
            try:
                response = self.browser.get(
                    f"{self.base_url}{FORM_PATH}mitt/{self.token}/?mottatt=1"
                )
                found = REFERENCE.search(response.text) if response.status_code == 200 else None
                if found:
                    self.reference = found.group(0)
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        return self.reference


# --- The stack ----------------------------------------------------------------------------------


def manage(drill, *args, timeout=180, host="jobs"):
    """`manage.py …` with the instances' settings, on the disk of `host`; its output."""
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**drill.env, **host_folders(drill, host)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        output = (done.stdout + done.stderr).strip().splitlines()
        raise DrillError(f"manage.py {args[0]} failed:\n  " + "\n  ".join(output[-15:]))
    return done.stdout


def host_folders(drill, host):
    """Each instance's own media folders, as on a separate host: only shared storage lets B
    serve what A stored."""
    base = drill.folder / f"host-{host}"
    return {"MEDIA_ROOT": str(base / "media"), "PRIVATE_MEDIA_ROOT": str(base / "private-media")}


def start_services(drill):
    """PostgreSQL database, Redis, S3, SMTP sink: the environment both instances share."""
    ports = drill.ports
    ports["redis"] = free_port()
    start_redis(drill)
    secret = secrets.token_urlsafe(50)
    drill.database_url = pg_tools.create_database(SERVER, f"asker_drill_{drill.args.pid}")
    ports["a"], ports["b"] = free_port(), free_port()
    drill.env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(drill.folder),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "asker.settings",
        "DEBUG": "false",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": drill.url("a"),
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; no TLS proxy in front
        "DATABASE_URL": drill.database_url.replace("postgresql://", "postgres://", 1),
        "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{drill.sink.port}",
        "EMAIL_TIMEOUT": "3",  # the black-hole post must not hold the worker long
        "STATIC_ROOT": str(drill.folder / "static"),
        "PARTICIPATION_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS),
        "PARTICIPATION_RATE_LIMIT": "100000",  # every post comes from 127.0.0.1
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "2",
    }
    if worker_command_exists(drill):
        drill.env["TASKS_BACKEND"] = TASK_BACKEND
    else:
        drill.setup_problems.append(
            "task worker: manage.py db_worker command not found; TASKS_BACKEND not set, so "
            "mail goes out inside requests (the app's default)"
        )
    start_s3(drill)


def worker_command_exists(drill):
    done = subprocess.run(
        [PYTHON, "manage.py", "help", "db_worker"],
        cwd=ROOT,
        env=drill.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode == 0


def start_redis(drill):
    port = drill.ports["redis"]
    drill.processes.start(
        "redis",
        [
            *("redis-server", "--port", str(port), "--bind", "127.0.0.1"),
            *("--save", "", "--appendonly", "no", "--dir", str(drill.folder)),
        ],
    )
    wait_for(f"redis-server on port {port}", lambda: port_open(port), 15)


def start_s3(drill):
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None:
        drill.setup_problems.append(
            "S3 server: moto[server] is not installed (.venv/bin/uv pip install --python "
            '.venv/bin/python "moto[server]"); S3_* not set, media stay on each host\'s disk'
        )
        return
    port = drill.ports["s3"] = free_port()
    drill.processes.start(
        "s3", [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], env=drill.env
    )
    wait_for(f"moto S3 server on port {port}", lambda: port_open(port), 30)
    drill.env.update(
        {
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": "drill",
            "S3_SECRET_ACCESS_KEY": secrets.token_urlsafe(20),
            "S3_BUCKET": MEDIA_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        }
    )
    s3 = s3_client(drill)
    for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET):
        s3.create_bucket(Bucket=bucket)


def s3_client(drill):
    import boto3  # moto's dependency: present whenever the S3 server is

    return boto3.client(
        "s3",
        endpoint_url=drill.env["S3_ENDPOINT_URL"],
        region_name=drill.env["S3_REGION"],
        aws_access_key_id=drill.env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=drill.env["S3_SECRET_ACCESS_KEY"],
    )


def prepare_site(drill):
    manage(drill, "migrate", "--noinput")
    manage(drill, "load_demo_content")
    manage(drill, "collectstatic", "--noinput")  # DEBUG off: pages need the manifest
    drill.moderator_password = secrets.token_urlsafe(16)
    manage(
        drill,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User\n"
        f"user = User.objects.create_user({MODERATOR!r}, 'moderator@example.no', "
        f"{drill.moderator_password!r}, first_name='Drill', last_name='Moderator')\n"
        "user.groups.add(Group.objects.get(name='Innspillsmoderatorer'))\n",
    )


def start_instances(drill):
    for instance in ("a", "b"):
        start_instance(drill, instance)
    for instance in ("a", "b"):
        wait_healthy(drill, instance, 60)


def start_instance(drill, instance):
    drill.processes.start(
        f"gunicorn-{instance}",
        [
            *(str(ROOT / ".venv/bin/gunicorn"), "asker.wsgi", "-c", "gunicorn.conf.py"),
            *("--bind", f"127.0.0.1:{drill.ports[instance]}"),
        ],
        env={**drill.env, **host_folders(drill, instance)},
        cwd=ROOT,
    )


def wait_healthy(drill, instance, timeout):
    """Until /healthz (database answers) is 200; seconds waited."""
    began = time.monotonic()

    def healthy():
        if not drill.processes.alive(f"gunicorn-{instance}"):
            raise DrillError(f"gunicorn {instance.upper()} exited")
        try:
            return requests.get(drill.url(instance, "/healthz"), timeout=2).status_code == 200
        except requests.RequestException:
            return False

    wait_for(f"gunicorn {instance.upper()} /healthz", healthy, timeout)
    return time.monotonic() - began


def start_worker(drill):
    """`manage.py db_worker`; a setup problem (not a stop) if it isn't there or dies."""
    if "TASKS_BACKEND" not in drill.env:  # no worker command (worker_command_exists)
        drill.worker = False
        return
    drill.processes.start(
        "worker",
        [PYTHON, "manage.py", "db_worker"],
        env={**drill.env, **host_folders(drill, "jobs")},
        cwd=ROOT,
    )
    time.sleep(4)  # long enough for Django to start and an unknown command to fail
    if not drill.processes.alive("worker"):
        log = drill.processes.tail("worker")
        reason = "db_worker command not found" if "Unknown command" in log else "exited at start"
        drill.setup_problems.append(f"task worker: manage.py db_worker {reason}")
        drill.worker = False
    else:
        drill.worker = True


# --- 1. Citizen through A, moderator through B -------------------------------------------------


def citizen_and_moderator(drill, scenario):
    marker = f"drill-{drill.run}-1"
    citizen = Citizen(drill.url("a"), 1, marker, attachment=ATTACHMENT)
    citizen.open_form().post()
    scenario.figures["requests"] = citizen.browser.sent
    if not scenario.check(citizen.receipted, f"post through A: {describe(citizen)}"):
        return
    citizen.read_receipt(time.monotonic() + 10)
    reference = citizen.reference
    scenario.check(reference, "the receipt page on A shows no reference")
    scenario.figures["post latency"] = f"{citizen.seconds * 1000:.0f} ms"
    pk = query_one(drill, "SELECT id FROM participation_submission WHERE token = %s", citizen.token)
    if drill.env.get("S3_PRIVATE_BUCKET"):
        listed = s3_client(drill).list_objects_v2(Bucket=PRIVATE_BUCKET)
        scenario.check(
            listed.get("KeyCount", 0) >= 1,
            "the attachment is not in the private S3 bucket (stored on A's disk?)",
        )

    moderator = Browser()
    b = drill.url("b")
    login = moderator.get(b + "/admin/login/")
    form = Forms(login.text).with_field("csrfmiddlewaretoken")
    done = moderator.post(
        b + "/admin/login/",
        data={
            **(form["fields"] if form else {}),
            "username": MODERATOR,
            "password": drill.moderator_password,
        },
    )
    if not scenario.check(
        done.status_code == 302 and "login" not in done.headers.get("Location", ""),
        f"moderator login on B: {done.status_code}",
    ):
        return
    # Streamed by the app, or a short-lived signed address after its permission check.
    download = moderator.get(f"{b}/admin/innspill/vedlegg/{pk}/", allow_redirects=True)
    scenario.figures["attachment on B"] = f"{download.status_code}, " + (
        "via a signed address" if download.history else "streamed by the app"
    )
    scenario.check(
        download.status_code == 200,
        f"attachment on B: {download.status_code} (A stored it; does B read the same storage?)",
    )
    scenario.check(
        download.status_code != 200 or download.content == ATTACHMENT,
        f"attachment on B: {len(download.content)} bytes, not the {len(ATTACHMENT)} sent",
    )

    edit_url = f"{b}/admin/innspill/edit/{pk}/"
    page = moderator.get(edit_url)
    form = Forms(page.text).with_field("answer")
    if not scenario.check(
        page.status_code == 200 and form, f"the admin's answer form on B: {page.status_code}"
    ):
        return
    answer = f"Takk for innspillet ({marker}). Vi tar det med i arbeidet."
    saved = moderator.post(
        edit_url,
        data={
            **form["fields"],
            "state": "declined",
            "decline_reason": "Øvelse: innspillet publiseres ikke.",
            "answer": answer,
        },
    )
    scenario.figures["requests"] = citizen.browser.sent + moderator.sent
    if not scenario.check(
        saved.status_code == 302, f"saving the answer on B: {saved.status_code} (form errors?)"
    ):
        return

    receipt_subject = f"Kvittering for innspill {reference}"
    answer_subject = f"Svar på innspill {reference}"

    def mails():
        sent = drill.sink.to([citizen.email])
        return (
            sum(n for (_to, subject), n in sent.items() if subject.startswith(receipt_subject)),
            sum(n for (_to, subject), n in sent.items() if subject.startswith(answer_subject)),
        )

    arrived = settle(lambda: all(mails()), 30)
    receipts, answers = mails()
    scenario.figures["mails sent"] = receipts + answers
    scenario.figures["duplicated"] = max(receipts - 1, 0) + max(answers - 1, 0)
    scenario.check(
        arrived, f"mails to the citizen after 30 s: {receipts} receipt, {answers} answer"
    )
    scenario.check(receipts <= 1 and answers <= 1, f"{receipts} receipts, {answers} answers sent")
    black_hole_post(drill, scenario, marker)


def black_hole_post(drill, scenario, marker):
    """A post while the mail server accepts connections and never answers."""
    citizen = Citizen(drill.url("a"), 2, marker).open_form()
    drill.sink.black_hole.set()
    try:
        citizen.post()
    finally:
        drill.sink.black_hole.clear()
    scenario.figures["requests"] += citizen.browser.sent
    latency = citizen.seconds or 0
    scenario.figures["post, black-hole SMTP"] = f"{latency * 1000:.0f} ms"
    scenario.check(citizen.receipted, f"post with a black-hole SMTP server: {describe(citizen)}")
    scenario.check(latency < 2, f"post with a black-hole SMTP server took {latency:.1f} s")


# --- 2. Redis stopped under load ----------------------------------------------------------------


LOAD_PATHS = [
    "/",
    "/temaplaner/",
    PLAN_PATH,
    "/api/plans/",
    "/temaplaner/rss/",
    f"{PLAN_PATH}rss/",
    "/temaplaner/kalender.ics",
    "/sok/?q=klima",
    FORM_PATH,
]


def redis_outage(drill, scenario):
    marker = f"drill-{drill.run}-2"
    citizens = [Citizen(drill.url("ab"[n % 2]), n, marker).open_form() for n in range(1, 13)]
    statuses = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + 10
    outage = {}
    health = Counter()

    def get(n):
        path = LOAD_PATHS[n % len(LOAD_PATHS)]
        instance = "ab"[n % 2]
        try:
            status = str(requests.get(drill.url(instance, path), timeout=TIMEOUT).status_code)
        except requests.RequestException as error:
            status = type(error).__name__
        with lock:
            statuses[status] += 1

    def load(thread):
        n = thread
        while time.monotonic() < stop_at:
            get(n)
            n += 4

    def posts():
        time.sleep(3)  # into the outage
        for citizen in citizens:
            citizen.post()
            with lock:
                statuses[citizen.outcome] += 1
            time.sleep(0.3)

    def stop_and_start_redis():
        time.sleep(2.5)
        outage["began"] = time.monotonic()
        drill.processes.stop("redis")
        while time.monotonic() - outage["began"] < 5:
            for instance in "ab":
                for probe in ("/healthz/live", "/healthz/ready"):
                    try:
                        code = requests.get(drill.url(instance, probe), timeout=5).status_code
                    except requests.RequestException as error:
                        code = type(error).__name__
                    health[f"{probe} {code}"] += 1
            time.sleep(0.5)
        start_redis(drill)
        outage["seconds"] = time.monotonic() - outage["began"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = [pool.submit(load, t) for t in range(4)]
        jobs += [pool.submit(posts), pool.submit(stop_and_start_redis)]
        for job in jobs:
            job.result(timeout=120)

    server_errors = sum(n for status, n in statuses.items() if status.startswith("5"))
    failed = sum(n for status, n in statuses.items() if not status[:1].isdigit())
    scenario.figures["requests"] = sum(statuses.values())
    scenario.figures["5xx"] = server_errors
    scenario.figures["receipts vs rows"], problems = receipts_and_rows(drill, citizens, marker)
    scenario.problems += problems
    scenario.figures["redis down"] = f"{outage.get('seconds', 0):.1f} s"
    scenario.figures["status codes"] = dict(sorted(statuses.items()))
    scenario.figures["health during outage"] = dict(sorted(health.items()))
    scenario.check(server_errors == 0, f"{server_errors} × 5xx with Redis down")
    scenario.check(failed == 0, f"{failed} requests without an HTTP answer")
    scenario.check(
        all(c.receipted for c in citizens),
        f"{sum(not c.receipted for c in citizens)} of {len(citizens)} posts without a receipt",
    )
    ready_bad = sum(n for key, n in health.items() if not key.endswith(" 200"))
    scenario.check(
        ready_bad == 0, f"/healthz/live or /ready not 200 with Redis down: {dict(health)}"
    )


# --- 3. Two scheduler runs at once -------------------------------------------------------------


def two_scheduler_runs(drill, scenario):
    followers = [f"folger-{drill.run}-{n}@example.no" for n in range(drill.args.followers)]
    manage(
        drill,
        "shell",
        "-c",
        "import datetime\n"
        "from django.utils import timezone\n"
        "from core import events\n"
        "from subscriptions import notifications\n"
        "from subscriptions.models import Subscription\n"
        "from themeplans.models import ThemePlanPage\n"
        f"plan = ThemePlanPage.objects.get(slug={PLAN_SLUG!r})\n"
        "now = timezone.now()\n"
        f"for address in {followers!r}:\n"
        "    follower = Subscription.objects.create(\n"
        "        plan=plan, email=address, created_at=now, confirmed_at=now)\n"
        "    notifications.record_known(follower, now)\n"
        "events.record(events.event(\n"
        f"    plan, 'milestone-moved', 'drill:{drill.run}', now,\n"
        "    lambda: ('Øvelse: en milepæl er flyttet', 'Drill')))\n",
    )
    time.sleep(1)  # the event's moment has come for both runs
    began = time.monotonic()
    runs = [
        subprocess.Popen(
            [PYTHON, "manage.py", "notify_followers"],
            cwd=ROOT,
            env={**drill.env, **host_folders(drill, "jobs")},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = []
    for run in runs:
        try:
            outputs.append(run.communicate(timeout=120)[0])
        except subprocess.TimeoutExpired:
            run.kill()
            outputs.append(run.communicate()[0])
    for run, output in zip(runs, outputs, strict=True):
        scenario.check(
            run.returncode == 0,
            f"notify_followers exited {run.returncode}: {output.strip()[-400:]}",
        )
    scenario.figures["runs"] = f"2 at once, {time.monotonic() - began:.1f} s"
    for number, output in enumerate(outputs, 1):
        # Its count of mails queued, or what it said instead (a run that found another going).
        queued = re.search(r"\((\d+) e-poster lagt i kø\)", output)
        said = (output.strip().splitlines() or [""])[-1][:70]
        scenario.figures[f"run {number}"] = f"{queued.group(1)} mails queued" if queued else said

    def per_follower():
        counts = Counter()
        for (to, _subject), n in drill.sink.to(followers).items():
            counts[to] += n
        return counts

    arrived = settle(lambda: len(per_follower()) == len(followers), 60)
    counts = per_follower()
    sent = sum(counts.values())
    duplicated = sum(n - 1 for n in counts.values() if n > 1)
    scenario.figures["followers"] = len(followers)
    scenario.figures["mails sent"] = sent
    scenario.figures["duplicated"] = duplicated
    scenario.check(
        arrived, f"after 60 s, {len(counts)} of {len(followers)} followers have their mail"
    )
    scenario.check(duplicated == 0, f"{duplicated} follower mails sent twice or more")


# --- 4. PostgreSQL restarted under load --------------------------------------------------------


def postgres_restart(drill, scenario):
    command = drill.args.restart_command or pg_restart.default_restart_command()
    marker = f"drill-{drill.run}-4"
    citizens = [Citizen(drill.url("ab"[n % 2]), n, marker) for n in range(1, drill.args.posts + 1)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(Citizen.open_form, citizens))
    restarter, restart = pg_restart.restart_thread(command, timeout=90)
    answered = 0
    lock = threading.Lock()
    restart_after = len(citizens) // 3

    def post(citizen):
        nonlocal answered
        time.sleep(0.15)
        citizen.post()
        citizen.answered_at = time.monotonic()
        with lock:
            answered += 1
            if answered == restart_after:
                restarter.start()

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(post, citizens))
    if restarter.ident is not None:
        restarter.join(timeout=120)
    recovered_in = max(wait_healthy(drill, instance, 60) for instance in "ab")
    receipted = [c for c in citizens if c.receipted]
    failed = [c for c in citizens if not c.receipted]
    clear = [c for c in failed if c.outcome == "503" and pg_restart.CLEAR_ERROR in c.body]
    other_5xx = [c for c in failed if c.outcome.startswith("5") and c not in clear]
    other = [c for c in failed if c.outcome[:1].isdigit() and not c.outcome.startswith("5")]
    unanswered = [c for c in failed if not c.outcome[:1].isdigit()]
    # Those told to send again, or told nothing, do so once: the same form, so a row stored
    # while its answer was lost (the connection broke at COMMIT) gives its receipt now.
    for citizen in clear + unanswered:
        citizen.send_again()
    recovery = [
        Citizen(drill.url("ab"[n % 2]), n, marker).open_form()
        for n in range(len(citizens) + 1, len(citizens) + 5)
    ]
    for citizen in recovery:
        citizen.post()
    everyone = citizens + recovery
    deadline = time.monotonic() + 30
    for citizen in everyone:
        citizen.read_receipt(deadline)

    summary, problems = receipts_and_rows(drill, everyone, marker)
    scenario.problems += problems
    sent_again = [c for c in citizens if c.sent_again]
    scenario.figures["requests"] = sum(c.browser.sent for c in everyone)
    scenario.figures["5xx"] = len(clear) + len(other_5xx)
    scenario.figures["clear 503 / other 5xx / no answer"] = (
        f"{len(clear)} / {len(other_5xx)} / {len(unanswered)}"
    )
    scenario.figures["sent again / receipted then"] = (
        f"{len(sent_again)} / {sum(c.receipted for c in sent_again)}"
    )
    scenario.figures["receipts vs rows"] = summary
    scenario.figures["restart"] = (
        f"{restart.get('seconds', 0):.1f} s, ready after {recovered_in:.1f} s"
    )
    after = [c for c in citizens if "began" in restart and c.answered_at > restart["began"]]
    scenario.figures["posts answered after restart began"] = len(after)
    scenario.figures["posts wall time"] = f"{time.monotonic() - began:.1f} s"
    scenario.check("began" in restart, "PostgreSQL was never restarted")
    scenario.check(not restart or after, "no post was answered after the restart began")
    scenario.check(not restart.get("returncode"), f"restart failed: {restart.get('output')}")
    scenario.check(
        not other_5xx,
        f"{len(other_5xx)} posts got a 5xx without the clear page: "
        + ", ".join(sorted({c.outcome for c in other_5xx})),
    )
    scenario.check(not other, f"{len(other)} posts got {sorted({c.outcome for c in other})}")
    scenario.check(
        all(c.receipted for c in recovery),
        f"posts after the restart: {[describe(c) for c in recovery if not c.receipted]}",
    )
    scenario.check(
        all(c.receipted for c in sent_again),
        f"sent again after the restart: {[describe(c) for c in sent_again if not c.receipted]}",
    )
    receipted = [c for c in everyone if c.receipted]
    scenario.check(
        all(c.reference for c in receipted),
        f"{sum(not c.reference for c in receipted)} receipt pages never showed their reference",
    )
    if drill.worker:
        scenario.check(
            drill.processes.alive("worker"),
            "the worker exited with the restart (its log: worker.log); no mail goes out now",
        )
    receipts_mailed = settle(
        lambda: (
            len(drill.sink.to([c.email for c in everyone if c.receipted]))
            == sum(c.receipted for c in everyone)
        ),
        20,
    )
    mailed = drill.sink.to([c.email for c in everyone])
    scenario.figures["mails sent"] = sum(mailed.values())
    scenario.figures["duplicated"] = sum(n - 1 for n in mailed.values() if n > 1)
    scenario.check(scenario.figures["duplicated"] == 0, "a receipt mail went out twice")
    if not receipts_mailed:
        scenario.figures["receipt mails missing"] = (
            f"{sum(c.receipted for c in everyone) - len(mailed)} (retry_failed_mail sends "
            "mails whose queued delivery was lost after 5 min)"
        )


# --- Shared checks -------------------------------------------------------------------------------


def receipts_and_rows(drill, citizens, marker):
    """("receipts R / rows N", problems): each receipt's token has one row with the text sent
    (and the reference shown, when the page was read); each row of this run has a receipt; no
    input is stored twice."""
    stored = query_all(
        drill,
        "SELECT token, reference, text FROM participation_submission WHERE text LIKE %s",
        f"%{marker}%",
    )
    rows = {token: (reference, text) for token, reference, text in stored}
    problems = [
        f"one input stored {n} times: {text[:40]!r}"
        for text, n in Counter(text for _token, _reference, text in stored).items()
        if n > 1
    ]
    receipted = [c for c in citizens if c.receipted]
    for citizen in receipted:
        row = rows.get(citizen.token)
        if row is None:
            problems.append(f"post {citizen.number}: receipt without a row")
        elif row[1] != citizen.text:
            problems.append(f"post {citizen.number}: the row holds other text")
        elif citizen.reference and row[0] != citizen.reference:
            problems.append(f"post {citizen.number}: receipt {citizen.reference}, row {row[0]}")
    unreceipted = rows.keys() - {c.token for c in receipted}
    by_text = {c.text: c for c in citizens}
    for token in unreceipted:
        reference, text = rows[token]
        sender = by_text.get(text)
        seen = f"post {sender.number} got {describe(sender)[:60]}" if sender else "unknown post"
        problems.append(f"row {reference} stored without a receipt ({seen})")
    return f"{len(receipted)} / {len(rows)}", problems


def query_all(drill, statement, *params):
    with pg_tools.connect(drill.database_url, connect_timeout=10) as connection:
        return connection.execute(statement, params).fetchall()


def query_one(drill, statement, *params):
    rows = query_all(drill, statement, *params)
    if not rows:
        raise DrillError(f"no row for: {statement}")
    return rows[0][0]


def settle(done, timeout):
    """Wait until done() (mails arrived), then 3 s more for late duplicates; whether it was."""
    try:
        wait_for("mails", done, timeout, interval=0.5)
    except DrillError:
        return False
    time.sleep(3)
    return True


def describe(citizen):
    return f"{citizen.outcome or 'not sent'}" + (
        f" ({citizen.body[:120]!r})" if citizen.outcome.startswith(("4", "5")) else ""
    )


# --- Running it ----------------------------------------------------------------------------------

SCENARIOS = {
    1: ("citizen posts via A, moderator answers via B", citizen_and_moderator),
    2: ("Redis stopped for 5 s under load", redis_outage),
    3: ("two notify_followers runs at once", two_scheduler_runs),
    4: ("PostgreSQL restarted under load", postgres_restart),
}


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", type=int, choices=sorted(SCENARIOS), help="run one scenario")
    parser.add_argument("--keep", action="store_true", help="keep the database and the logs")
    parser.add_argument("--followers", type=int, default=40, help="followers in scenario 3")
    parser.add_argument("--posts", type=int, default=64, help="posts in scenario 4")
    parser.add_argument(
        "--restart-command", help="restarts PostgreSQL (default: as bench/pg_restart.py)"
    )
    args = parser.parse_args(argv)
    args.pid = os.getpid()
    return args


def print_table(setup_problems, scenarios, seconds):
    print("\n=== Drill figures")
    for problem in setup_problems:
        print(f"SETUP PROBLEM: {problem}")
    for scenario in scenarios:
        result = "FAILED" if scenario.problems else "OK"
        print(f"\n{scenario.number}. {scenario.title}: {result} ({scenario.seconds:.1f} s)")
        for label, value in scenario.figures.items():
            print(f"   {label:<36}{value}")
        for problem in scenario.problems:
            print(f"   PROBLEM: {problem}")
    failed = bool(setup_problems) or any(s.problems for s in scenarios)
    print(f"\nresult: {'FAILED' if failed else 'OK'} in {seconds:.0f} s")
    return failed


def main(argv=None):
    args = parse_arguments(argv)
    # SIGTERM (a CI timeout) ends the run through the `finally` below, like Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="asker-drill-"))
    print(f"drill logs in {folder}", flush=True)
    processes = Processes(folder)
    scenarios = []
    failed = True
    with SmtpSink() as sink:
        drill = Drill(args=args, folder=folder, processes=processes, sink=sink)
        drill.database_url = None
        drill.worker = False
        try:
            step("services: PostgreSQL database, Redis, S3, SMTP sink")
            start_services(drill)
            step("migrate, demo content, static files, moderator")
            prepare_site(drill)
            step("gunicorn A and B, the worker")
            start_instances(drill)
            start_worker(drill)
            for number, (title, run) in SCENARIOS.items():
                if args.only and number != args.only:
                    continue
                step(f"{number}. {title}")
                scenario = Scenario(number, title)
                scenarios.append(scenario)
                started = time.monotonic()
                try:
                    run(drill, scenario)
                except (DrillError, requests.RequestException, subprocess.SubprocessError) as error:
                    scenario.problems.append(f"stopped: {error}")
                except Exception:  # a fault here must not hide the other scenarios' findings
                    scenario.problems.append(f"stopped by an error:\n{traceback.format_exc()}")
                scenario.seconds = time.monotonic() - started
            failed = print_table(drill.setup_problems, scenarios, time.monotonic() - began)
        except DrillError as error:
            drill.setup_problems.append(f"drill stopped: {error}")
            print_table(drill.setup_problems, scenarios, time.monotonic() - began)
        finally:
            processes.stop_all()
            if failed:
                for name in processes.running:
                    print(f"\n--- last lines of {processes.log_of(name)}")
                    print(processes.tail(name))
            if drill.database_url and not args.keep:
                try:
                    pg_tools.drop_database(drill.database_url)
                except psycopg.Error as error:
                    failed = True
                    print(f"could not drop {pg_tools.database_name(drill.database_url)}: {error}")
            if failed or args.keep:
                print(f"\nlogs kept in {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


STARTED = time.monotonic()


def step(text):
    print(f"--- {text} ({time.monotonic() - STARTED:.0f} s)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
