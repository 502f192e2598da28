"""The environment drives the settings; bad values stop start-up with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from asker.env import (
    ConfigurationError,
    read_bool,
    read_cache,
    read_database,
    read_email,
    read_int,
    read_list,
    read_origins,
    read_str,
)

ROOT = Path(__file__).resolve().parents[2]


def test_database_defaults_to_sqlite(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = read_database("DATABASE_URL", "sqlite:////tmp/asker.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/asker.sqlite3"


def test_postgres_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://asker:hemmelig@db.example.no:5433/temaplaner")
    config = read_database("DATABASE_URL", "sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.no", 5433, "temaplaner")
    assert config["CONN_HEALTH_CHECKS"] is True


def test_unknown_database_scheme_names_variable_and_example_without_password(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://root:hemmelig@localhost/x")
    with pytest.raises(ConfigurationError) as error:
        read_database("DATABASE_URL", "sqlite:///x")
    message = str(error.value)
    assert message.startswith("DATABASE_URL:")
    assert "Eksempel: DATABASE_URL=postgres://" in message
    assert "hemmelig" not in message


def test_postgres_url_without_database_name_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://db.example.no:5432")
    with pytest.raises(ConfigurationError, match="databasenavn"):
        read_database("DATABASE_URL", "sqlite:///x")


def test_redis_url_turns_on_redis_cache(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    assert read_cache("REDIS_URL")["BACKEND"] == "core.redis_cache.FailOpenRedisCache"
    monkeypatch.delenv("REDIS_URL")
    assert read_cache("REDIS_URL")["BACKEND"].endswith("LocMemCache")


def test_malformed_redis_url_is_refused(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "127.0.0.1:6379")
    with pytest.raises(ConfigurationError, match="REDIS_URL=redis://"):
        read_cache("REDIS_URL")


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("ja", True), ("false", False), ("0", False)]
)
def test_booleans_accept_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert read_bool("DEBUG", not expected) is expected


def test_unclear_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "kanskje")
    with pytest.raises(ConfigurationError, match="DEBUG: «kanskje»"):
        read_bool("DEBUG", False)


def test_number_below_its_minimum_is_refused_with_the_default_as_example(monkeypatch):
    monkeypatch.setenv("EMAIL_TIMEOUT", "0")
    with pytest.raises(ConfigurationError, match="EMAIL_TIMEOUT: «0» er ikke et helt tall ≥ 1"):
        read_int("EMAIL_TIMEOUT", 10, minimum=1)


def test_list_items_are_trimmed_and_empty_ones_dropped(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example.no, ,b.example.no ")
    assert read_list("ALLOWED_HOSTS", [], example="x") == ["a.example.no", "b.example.no"]


def test_a_secret_starting_with_a_dollar_is_read_as_written(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "$hemmelig")
    assert read_str("SECRET_KEY", required=True) == "$hemmelig"


def test_smtp_email_url_with_tls(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://bruker:passord@smtp.example.no:587")
    config = read_email("EMAIL_URL", None, required=True)
    assert config["EMAIL_HOST"] == "smtp.example.no"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_USE_TLS"] is True


def test_missing_email_url_in_production_is_refused(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    with pytest.raises(ConfigurationError, match="EMAIL_URL: mangler"):
        read_email("EMAIL_URL", None, required=True)


def test_csrf_origin_without_scheme_is_refused(monkeypatch):
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "temaplaner.asker.kommune.no")
    with pytest.raises(ConfigurationError, match="CSRF_TRUSTED_ORIGINS"):
        read_origins("CSRF_TRUSTED_ORIGINS")


def _manage_check(**env):
    """Run `manage.py check` in a clean environment with only the given variables."""
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "SECRET_KEY": "k" * 60,
    "ALLOWED_HOSTS": "temaplaner.example.no",
    "SITE_URL": "https://temaplaner.example.no",
    "EMAIL_URL": "smtp://smtp.example.no:25",
}


@pytest.mark.parametrize(
    ("variable", "bad_value"),
    [
        ("SECRET_KEY", None),
        ("ALLOWED_HOSTS", None),
        ("SITE_URL", "temaplaner.example.no"),
        ("DATABASE_URL", "mysql://localhost/x"),
        ("REDIS_URL", "localhost:6379"),
        ("DEBUG", "kanskje"),
    ],
)
def test_bad_configuration_stops_start_up_with_one_clear_line(variable, bad_value):
    env = dict(PRODUCTION)
    env.pop(variable, None)
    if bad_value is not None:
        env[variable] = bad_value
    result = _manage_check(**env)
    assert result.returncode == 2
    assert f"Feil i konfigurasjonen: {variable}:" in result.stderr
    assert f"Eksempel: {variable}=" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_configuration_starts():
    result = _manage_check(**PRODUCTION)
    assert result.returncode == 0, result.stderr
