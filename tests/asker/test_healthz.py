"""Liveness and readiness for load balancers and orchestrators (asker/health.py)."""

import threading

import pytest
from django.core.cache import caches

from asker import draining, health

HEALTH_ADDRESSES = ["/healthz", "/healthz/live", "/healthz/ready"]


@pytest.fixture
def shutting_down(monkeypatch):
    """This process has been told to stop (SIGTERM), as the gunicorn worker marks it."""
    monkeypatch.setattr(draining, "_draining", threading.Event())
    draining.start()


@pytest.fixture
def database_away(monkeypatch):
    def broken():
        raise OSError("connection refused")

    monkeypatch.setattr(health, "_check_database", broken)


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/healthz", "/healthz/ready"])
def test_ready_reports_database_ok_and_sets_no_cookie(client, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == "ok"
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_checks_redis_when_configured(client, settings):
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("REDIS_URL is not set in this run; CI runs the suite again with Redis")
    caches["default"].clear()
    assert client.get("/healthz/ready").json()["checks"]["cache"] == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/healthz", "/healthz/ready"])
def test_ready_reports_unhealthy_database_with_503(client, database_away, address):
    response = client.get(address)
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == "error"


def test_live_answers_without_asking_the_database(client, database_away):
    """No django_db mark: any query here would raise."""
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies


@pytest.mark.parametrize("address", ["/healthz", "/healthz/ready"])
def test_ready_turns_503_as_soon_as_the_process_is_shutting_down(client, shutting_down, address):
    response = client.get(address)
    assert response.status_code == 503
    assert response.json() == {"status": "draining"}


def test_live_stays_200_while_shutting_down(client, shutting_down):
    """Requests in flight are finishing: restarting the process now would cut them."""
    assert client.get("/healthz/live").status_code == 200


@pytest.mark.parametrize("address", HEALTH_ADDRESSES)
def test_health_refuses_post(client, address):
    assert client.post(address).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("address", HEALTH_ADDRESSES)
def test_health_probes_over_plain_http_are_not_redirected_to_https(client, settings, address):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(address).status_code == 200
    assert client.get("/").status_code == 301
