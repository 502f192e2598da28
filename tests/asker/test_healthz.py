import pytest
from django.core.cache import caches


@pytest.mark.django_db
def test_healthz_reports_database_ok_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == "ok"
    assert not response.cookies


@pytest.mark.django_db
def test_healthz_checks_redis_when_configured(client, settings):
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("REDIS_URL is not set in this run; CI runs the suite again with Redis")
    caches["default"].clear()
    assert client.get("/healthz").json()["checks"]["cache"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_unhealthy_database_with_503(client, monkeypatch):
    from asker import views

    def broken():
        raise OSError("connection refused")

    monkeypatch.setattr(views, "_check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == "error"


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405
