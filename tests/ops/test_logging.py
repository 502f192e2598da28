"""Production logs: one JSON object per line, each with the id of its request, no private links."""

import io
import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest

TOKEN = "t" * 43
PRIVATE_PATH = f"/temaplaner/finnes-ikke/innspill/mitt/{TOKEN}/"


@pytest.fixture
def log_lines():
    """What the production console handler writes, as a list of lines."""
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    copy = logging.StreamHandler(stream)
    copy.setFormatter(console.formatter)
    for log_filter in console.filters:
        copy.addFilter(log_filter)
    logging.getLogger().addHandler(copy)
    try:
        yield lambda: stream.getvalue().splitlines()
    finally:
        logging.getLogger().removeHandler(copy)


@pytest.mark.django_db
def test_a_request_logs_json_lines_with_the_request_id_of_its_response(client, log_lines):
    response = client.get(PRIVATE_PATH)  # a 404, which Django logs with its path
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    records = [json.loads(line) for line in log_lines()]
    assert records, "the 404 was not logged"
    assert all(record["request_id"] == request_id for record in records)
    not_found = next(record for record in records if record["logger"] == "django.request")
    assert not_found["level"] == "WARNING" and "/innspill/mitt/…/" in not_found["message"]
    assert TOKEN not in "\n".join(log_lines())


@pytest.mark.django_db
def test_each_request_gets_its_own_id_and_the_proxys_id_is_kept_when_well_formed(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]

    from_proxy = "0f3c2a9be4d14c56a1b2c3d4e5f60718"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=from_proxy)["X-Request-ID"] == from_proxy
    # A forged id could split or garble log lines: it is replaced, not echoed.
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" \n{"level": "CRITICAL"}')
    assert forged["X-Request-ID"] != 'x" \n{"level": "CRITICAL"}'
    assert len(forged["X-Request-ID"]) == 32


def test_gunicorn_lines_are_json_with_the_request_id_and_no_private_link(monkeypatch, capsys):
    from gunicorn.config import Config

    from participation.log_privacy import GunicornLogger

    monkeypatch.setenv("LOG_FORMAT", "json")
    config = Config()
    config.set("accesslog", "-")
    logger = GunicornLogger(config)
    request = SimpleNamespace(headers=[], uri=PRIVATE_PATH, method="GET", version=(1, 1))
    response = SimpleNamespace(status="200 OK", headers=[("X-Request-ID", "abc123def456")], sent=10)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": PRIVATE_PATH,
        "PATH_INFO": PRIVATE_PATH,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    try:
        logger.access(response, request, environ, timedelta(milliseconds=12))
        # A request that fails outside Django is logged with its path by gunicorn itself.
        logger.error("Error handling request GET %s", PRIVATE_PATH)
    finally:
        for log in (logger.access_log, logger.error_log):
            for handler in list(log.handlers):
                log.removeHandler(handler)
    captured = capsys.readouterr()
    access = json.loads(captured.out.strip())
    assert access["request_id"] == "abc123def456" and access["logger"] == "gunicorn.access"
    assert "/innspill/mitt/…/" in access["message"] and TOKEN not in captured.out
    error = json.loads(captured.err.strip())
    assert error["message"] == "Error handling request GET /temaplaner/finnes-ikke/innspill/mitt/…/"
    assert TOKEN not in captured.err
