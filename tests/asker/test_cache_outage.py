"""With Redis away the site is served from the database: every page, the API, the feeds, search,
the form and the admin's sign-in answer without a 5xx, input is stored, and one warning says
what is missing. Redis is used again as soon as it is back."""

import logging
import re
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
from django.core.cache import cache

from asker.env import read_cache
from core import redis_cache
from participation.models import Submission
from tests.factories import ParticipationRoundFactory, ThemePlanPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "riktig-hest-batteri-stift"
CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused


@pytest.fixture(autouse=True)
def fresh_redis_state(monkeypatch, settings):
    """Each test starts as a new process would: no Redis known to be away, no warning given."""
    monkeypatch.setattr(redis_cache, "_availability", {})
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


@pytest.fixture
def use_redis(monkeypatch, settings):
    """Point the cache at a Redis address, through the same setting code as production."""

    def point_at(url):
        monkeypatch.setenv("REDIS_URL", url)
        settings.CACHES = {"default": read_cache("REDIS_URL")}

    return point_at


@pytest.fixture
def plan_round(db):
    return ParticipationRoundFactory(page=ThemePlanPageFactory(title="Plan for trær"))


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("redaktor", "r@asker.kommune.no", PASSWORD)


def visit_everything(client, plan_round):
    """Status code by address, for what visitors, senders and staff ask for."""
    plan_url = plan_round.page.url
    form_url = plan_url + "innspill/"
    statuses = {
        url: client.get(url).status_code
        for url in [
            "/",
            "/temaplaner/",
            plan_url,
            form_url,
            "/api/plans/",
            "/temaplaner/rss/",
            plan_url + "rss/",
            "/sok/?q=trær",
            "/admin/login/",
            "/healthz/ready",
        ]
    }
    stamp = re.search(r'name="shown_at" value="([^"]+)"', client.get(form_url).content.decode())
    post = {
        "round": plan_round.pk,
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "category": "private",
        "text": "Plant flere trær langs Slemmestadveien.",
        "publication": "named",
        "privacy": "on",
        "website": "",
        "shown_at": stamp.group(1),
    }
    statuses["POST " + form_url] = client.post(form_url, post).status_code
    login = {"username": "redaktor", "password": PASSWORD}
    statuses["POST /admin/login/"] = client.post("/admin/login/", login).status_code
    statuses["/admin/"] = client.get("/admin/").status_code
    client.logout()
    reset = {"email": "r@asker.kommune.no"}
    statuses["POST /admin/password_reset/"] = client.post(
        "/admin/password_reset/", reset
    ).status_code
    return statuses


def assert_served(statuses):
    failed = {url: status for url, status in statuses.items() if status >= 500}
    assert not failed, failed
    assert statuses["POST /admin/login/"] == 302, "the right password signs in"
    assert statuses["/admin/"] == 200


def stored_input():
    return list(Submission.objects.values_list("text", flat=True))


def redis_warnings(caplog):
    return [r for r in caplog.records if r.name == "core.redis_cache" and r.levelno >= 30]


def test_with_redis_refusing_connections_everything_answers_and_input_is_stored(
    client, use_redis, plan_round, staff, caplog
):
    use_redis(CLOSED_PORT)
    caplog.set_level(logging.INFO, logger="core.redis_cache")
    started = time.monotonic()

    statuses = visit_everything(client, plan_round)

    assert_served(statuses)
    assert statuses["POST " + plan_round.page.url + "innspill/"] == 302  # to the receipt
    assert stored_input() == ["Plant flere trær langs Slemmestadveien."]
    assert time.monotonic() - started < 10  # each Redis call fails at once, not after a wait
    # One warning for the whole outage, naming Redis without its password, not one per call.
    [warning] = redis_warnings(caplog)
    assert "127.0.0.1:1" in warning.getMessage()


def test_readiness_reports_redis_away_but_stays_ready(client, use_redis):
    use_redis(CLOSED_PORT)
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "error"}}
    assert client.get("/healthz").status_code == 200


def test_the_post_limit_lets_posts_through_while_redis_is_away(client, use_redis, plan_round):
    """Fails open: with nothing to count in, the limit of five posts per address stops no one."""
    use_redis(CLOSED_PORT)
    form_url = plan_round.page.url + "innspill/"
    for n in range(7):
        stamp = re.search(
            r'name="shown_at" value="([^"]+)"', client.get(form_url).content.decode()
        ).group(1)
        data = {
            "round": plan_round.pk,
            "name": "Kari Nordmann",
            "email": "kari@example.no",
            "category": "private",
            "text": f"Innspill nummer {n}.",
            "publication": "none",
            "privacy": "on",
            "website": "",
            "shown_at": stamp,
        }
        assert client.post(form_url, data).status_code == 302
    assert len(stored_input()) == 7


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


NOTHING_ON_DISK = ["--save", "", "--appendonly", "no"]


def start_redis(port):
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", *NOTHING_ON_DISK],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("redis-server did not start")


@pytest.fixture
def own_redis():
    """A redis-server of this test's own on a free port, stopped and started by the test."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed here (CI installs it)")
    port = free_port()
    servers = [start_redis(port)]

    class Redis:
        url = f"redis://127.0.0.1:{port}/0"

        def stop(self):
            servers[-1].terminate()
            servers[-1].wait(10)

        def start(self):
            servers.append(start_redis(port))

        def freeze(self):
            """The process stops, its socket stays: connections are made, nothing answers."""
            servers[-1].send_signal(signal.SIGSTOP)

        def thaw(self):
            servers[-1].send_signal(signal.SIGCONT)

    yield Redis()
    for server in servers:
        if server.poll() is None:
            server.send_signal(signal.SIGCONT)
            server.kill()
            server.wait(10)


def test_redis_stopped_mid_run_costs_no_request_and_is_used_again_when_back(
    client, use_redis, own_redis, plan_round, staff, caplog
):
    use_redis(own_redis.url)
    caplog.set_level(logging.INFO, logger="core.redis_cache")
    assert_served(visit_everything(client, plan_round))
    assert cache.get(f"site-frame:{plan_round.page.get_site().pk}:nb") is not None  # in Redis

    own_redis.stop()
    assert_served(visit_everything(client, plan_round))
    assert len(stored_input()) == 2
    assert len(redis_warnings(caplog)) == 1

    own_redis.start()
    # The readiness check asks Redis at once, so the site uses it again without waiting.
    assert client.get("/healthz/ready").json()["checks"]["cache"] == "ok"
    cache.set("back", "ja")
    assert cache.get("back") == "ja"
    assert any("svarer igjen" in record.getMessage() for record in caplog.records)


@contextmanager
def at_most(seconds):
    """Fail the test, rather than hang it, if the block takes longer."""

    def overdue(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, overdue)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_frozen_redis_costs_a_short_timeout_now_and_then_not_a_hang(
    client, use_redis, own_redis, plan_round, staff
):
    """A Redis that accepts connections but never answers (paused, overloaded, cut off without
    a reset): each process waits out one short timeout, then leaves Redis alone for a while."""
    use_redis(own_redis.url)
    assert_served(visit_everything(client, plan_round))
    own_redis.freeze()
    started = time.monotonic()
    with at_most(20):
        statuses = visit_everything(client, plan_round)
    assert_served(statuses)
    assert len(stored_input()) == 2
    assert time.monotonic() - started < 5  # measured 0.7 s, against 0.2 s with Redis answering
    own_redis.thaw()
