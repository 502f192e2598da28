"""gunicorn, run with the project's gunicorn.conf.py on loopback, stops gracefully on SIGTERM: a
request in flight finishes, readiness answers 503 on a connection that is already open, and a
new connection is refused at once instead of hanging in the listen backlog."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLOW_SECONDS = 3
# The project's settings; kept-alive connections held long enough for the test to reuse one.
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--keep-alive", "10"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, timeout=5, connection=None):
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def start_gunicorn(tmp_path, port):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }
    environment.pop("REDIS_URL", None)
    return subprocess.Popen(
        [*GUNICORN, "-b", f"127.0.0.1:{port}", "tests.ops.slow_wsgi:application"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture
def gunicorn(tmp_path):
    """Two workers of the site (plus /langsom), on a free loopback port, ready for requests."""
    port = free_port()
    server = start_gunicorn(tmp_path, port)
    deadline = time.monotonic() + 60
    while True:
        try:
            if get(port, "/healthz/live", timeout=1)[0] == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("gunicorn did not start")
        time.sleep(0.2)
    yield server, port
    if server.poll() is None:
        server.kill()
    server.wait(10)


def new_request_outcome(port):
    """What a client connecting now gets, and how long it waited for it."""
    started = time.monotonic()
    try:
        status, _body = get(port, "/healthz/live", timeout=5)
        outcome = status
    except ConnectionRefusedError:
        outcome = "refused"
    except (ConnectionResetError, http.client.RemoteDisconnected):
        outcome = "reset"
    except TimeoutError:
        outcome = "hung"
    return outcome, time.monotonic() - started


def test_sigterm_finishes_the_request_in_flight_and_refuses_new_ones_at_once(gunicorn):
    server, port = gunicorn
    kept_alive = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    assert get(port, "/healthz/ready", connection=kept_alive)[0] == 200

    slow = {}
    in_flight = threading.Thread(
        target=lambda: slow.update(answer=get(port, f"/langsom?sekunder={SLOW_SECONDS}", 30))
    )
    in_flight.start()
    time.sleep(0.5)  # the slow request is in the application now
    server.send_signal(signal.SIGTERM)
    time.sleep(0.2)  # the master and the workers have handled the signal

    # A load balancer probing on a connection it already has learns the instance is going.
    assert get(port, "/healthz/ready", connection=kept_alive) == (503, b'{"status": "draining"}')
    outcome, waited = new_request_outcome(port)
    assert outcome == "refused", (outcome, waited)
    assert waited < 1

    in_flight.join(30)
    assert slow["answer"] == (200, b"ferdig")
    assert server.wait(SLOW_SECONDS + 10) == 0


def test_sigterm_while_the_workers_are_still_booting_refuses_new_connections_at_once(tmp_path):
    """The master listens before its workers have loaded Django (seconds): a worker told to
    stop while booting must not keep the socket open, unaccepted, until it has booted."""
    port = free_port()
    server = start_gunicorn(tmp_path, port)
    try:
        deadline = time.monotonic() + 10
        while True:  # until the master listens; the workers are loading Django now
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, "gunicorn did not listen"
                time.sleep(0.02)
        server.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        outcome, waited = new_request_outcome(port)
        assert outcome == "refused", (outcome, waited)
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)
