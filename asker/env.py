"""Read the site's configuration from environment variables, with errors an operator can act on.

Every reader names the variable and shows a valid example when a value is missing or
malformed, so a bad deployment stops at start-up with one clear line instead of a traceback
deep inside Django.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_env = environ.Env()

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nei", ""}


class ConfigurationError(ImproperlyConfigured):
    """A setting in the environment is missing or malformed."""

    def __init__(self, name: str, problem: str, example: str):
        self.name = name
        super().__init__(f"{name}: {problem}. Eksempel: {name}={example}")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def read_str(name: str, default: str | None = None, *, required: bool = False, example: str = ""):
    value = _raw(name)
    if value:
        return value
    if required:
        raise ConfigurationError(name, "mangler og må settes", example)
    return default


def read_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ConfigurationError(
        name, f"«{value}» er ikke en gyldig ja/nei-verdi (bruk true eller false)", "true"
    )


def read_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = _raw(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ConfigurationError(name, f"«{value}» er ikke et helt tall ≥ {minimum}", str(default))
    return number


def read_list(name: str, default: list[str], *, example: str, required: bool = False) -> list[str]:
    """A comma-separated list."""
    value = _raw(name)
    items = list(default) if value is None else [i.strip() for i in value.split(",") if i.strip()]
    if required and not items:
        raise ConfigurationError(name, "mangler og må settes (kommaseparert liste)", example)
    return items


def read_origins(name: str) -> list[str]:
    """Origins such as CSRF_TRUSTED_ORIGINS: each needs a scheme and a host, nothing more."""
    example = "https://temaplaner.asker.kommune.no"
    origins = read_list(name, [], example=example)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise ConfigurationError(
                name, f"«{origin}» er ikke en opprinnelse på formen https://vertsnavn", example
            )
    return origins


def read_url(
    name: str,
    default: str | None,
    *,
    schemes: tuple[str, ...],
    example: str,
    required: bool = False,
) -> str | None:
    value = read_str(name, default, required=required, example=example)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        raise ConfigurationError(
            name,
            f"«{_without_password(value)}» har ukjent skjema; bruk {' eller '.join(schemes)}",
            example,
        )
    if (
        parts.scheme
        in (
            "http",
            "https",
            "postgres",
            "postgresql",
            "redis",
            "rediss",
            "smtp",
            "smtps",
            "submission",
        )
        and not parts.hostname
    ):
        raise ConfigurationError(name, "adressen mangler vertsnavn", example)
    return value


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


DATABASE_EXAMPLE = "postgres://asker:passord@db.example.no:5432/temaplaner"


def read_database(name: str, default: str) -> dict:
    """DATABASE_URL: sqlite:///sti/til/fil.sqlite3 or postgres://bruker:passord@vert:5432/navn."""
    url = read_url(
        name,
        default,
        schemes=("sqlite", "postgres", "postgresql", "pgsql"),
        example=DATABASE_EXAMPLE,
    )
    parts = urlsplit(url)
    if parts.scheme != "sqlite" and not parts.path.strip("/"):
        raise ConfigurationError(
            name, "adressen mangler databasenavn etter siste /", DATABASE_EXAMPLE
        )
    config = _env.db_url_config(url)
    if config["ENGINE"].endswith("postgresql"):
        # Reuse connections between requests; health checks drop a broken one after a restart.
        config.setdefault("CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
    return config


def read_cache(name: str) -> dict:
    """REDIS_URL turns on the shared Redis cache; without it each process caches in memory."""
    url = read_url(
        name, None, schemes=("redis", "rediss", "unix"), example="redis://127.0.0.1:6379/0"
    )
    if url is None:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "asker"}
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "asker",
        "TIMEOUT": 300,
    }


EMAIL_EXAMPLE = "smtp+tls://bruker:passord@smtp.example.no:587"


def read_email(name: str, default: str | None, *, required: bool) -> dict:
    """EMAIL_URL: smtp://, smtp+tls://, smtp+ssl://, consolemail:// or memorymail://."""
    url = read_url(
        name,
        default,
        schemes=("smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail", "memorymail", "dummymail"),
        example=EMAIL_EXAMPLE,
        required=required,
    )
    return _env.email_url_config(url)
