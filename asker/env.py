"""Read the site's configuration from environment variables, with errors an operator can act on.

Every reader names the variable and shows a valid example when a value is missing or
malformed, so a bad deployment stops at start-up with one clear line instead of a traceback
deep inside Django.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured


class _Env(environ.Env):
    """django-environ's casts, also reading Norwegian yes/no and refusing a yes/no it does not
    know. Only its casts: Env.get_value would read a value starting with «$» as the name of
    another variable, and a secret may well start with «$»."""

    BOOLEAN_TRUE_STRINGS = (*environ.Env.BOOLEAN_TRUE_STRINGS, "ja")
    BOOLEAN_FALSE_STRINGS = ("false", "off", "n", "no", "0", "nei", "")

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool and value.strip().lower() not in (
            cls.BOOLEAN_TRUE_STRINGS + cls.BOOLEAN_FALSE_STRINGS
        ):
            raise ValueError(value)
        return super().parse_value(value, cast)


class ConfigurationError(ImproperlyConfigured):
    """A setting in the environment is missing or malformed."""

    def __init__(self, name: str, problem: str, example: str):
        self.name = name
        super().__init__(f"{name}: {problem}. Eksempel: {name}={example}")


def run_or_explain(start):
    """Call ``start()``; on a ConfigurationError print what to fix and exit with status 2."""
    try:
        return start()
    except ConfigurationError as error:
        print(f"Feil i konfigurasjonen: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def _read(name: str, cast, default, *, problem: str, example: str, valid=lambda value: True):
    """django-environ casts; a value it cannot cast, or not `valid`, stops start-up."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = _Env.parse_value(raw, cast)
    except ValueError:
        pass
    else:
        if valid(value):
            return value
    raise ConfigurationError(name, problem.format(value=raw.strip()), example)


def read_str(name: str, default: str | None = None, *, required: bool = False, example: str = ""):
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ConfigurationError(name, "mangler og må settes", example)
    return default


def read_bool(name: str, default: bool) -> bool:
    return _read(
        name,
        bool,
        default,
        problem="«{value}» er ikke en gyldig ja/nei-verdi (bruk true eller false)",
        example="true",
    )


def read_int(name: str, default: int, *, minimum: int = 0) -> int:
    if not os.environ.get(name, "").strip():
        return default
    return _read(
        name,
        int,
        default,
        problem=f"«{{value}}» er ikke et helt tall ≥ {minimum}",
        example=str(default),
        valid=lambda number: number >= minimum,
    )


def read_list(name: str, default: list[str], *, example: str, required: bool = False) -> list[str]:
    """A comma-separated list."""
    raw = os.environ.get(name)
    items = list(default) if raw is None else _Env.parse_value(raw, [str.strip])
    items = [item for item in items if item]
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


def read_database(name: str, default: str, *, statement_timeout: int = 0) -> dict:
    """DATABASE_URL: sqlite:///sti/til/fil.sqlite3 or postgres://bruker:passord@vert:5432/navn.

    On PostgreSQL, a statement_timeout (seconds, 0 for none) makes the server cancel any one
    statement that runs longer (SQLite has no such limit)."""
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
    config = _Env.db_url_config(url)
    if config["ENGINE"].endswith("postgresql"):
        # Reuse connections between requests; health checks drop a broken one after a restart.
        config.setdefault("CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
        if statement_timeout:
            options = config.setdefault("OPTIONS", {})
            given = options.get("options", "")
            limit = f"-c statement_timeout={statement_timeout * 1000}"
            options["options"] = f"{given} {limit}".strip()
    return config


def read_cache(name: str) -> dict:
    """REDIS_URL turns on the shared Redis cache; without it each process caches in memory.
    The site survives losing Redis: see core/redis_cache.py."""
    url = read_url(
        name, None, schemes=("redis", "rediss", "unix"), example="redis://127.0.0.1:6379/0"
    )
    if url is None:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "asker"}
    return {
        "BACKEND": "core.redis_cache.FailOpenRedisCache",
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
    return _Env.email_url_config(url)


def read_object_storage() -> dict:
    """S3_BUCKET and S3_PRIVATE_BUCKET put media and attachments in an S3-compatible store
    (core/object_storage.py), as STORAGES entries; neither set: {} (local disk). One without
    the other stops start-up: attachments on one server's disk is what the store is there to
    end. S3_ENDPOINT_URL for a store other than AWS (MinIO, Ceph…); keys from S3_ACCESS_KEY_ID
    and S3_SECRET_ACCESS_KEY, or boto3's own chain (an instance role) when they are unset."""
    buckets = {"S3_BUCKET": "temaplaner-media", "S3_PRIVATE_BUCKET": "temaplaner-vedlegg"}
    named = {name: read_str(name) for name in buckets}
    if not any(named.values()):
        return {}
    for name, example in buckets.items():
        read_str(name, required=True, example=example)
    endpoint = read_url(
        "S3_ENDPOINT_URL", None, schemes=("http", "https"), example="http://127.0.0.1:9000"
    )
    options = {
        "endpoint_url": endpoint,
        "region_name": read_str("S3_REGION", "us-east-1"),
        "access_key": read_str("S3_ACCESS_KEY_ID"),
        "secret_key": read_str("S3_SECRET_ACCESS_KEY"),
        "signature_version": "s3v4",
        # Stores other than AWS seldom have a DNS name per bucket.
        "addressing_style": "path" if endpoint else None,
        "default_acl": None,  # objects private; the bucket policy opens the image folders
    }
    # Where browsers fetch images from, when not from the endpoint itself (a CDN, a proxy, or
    # an endpoint only the app servers reach).
    public_url = read_url(
        "S3_PUBLIC_URL",
        None,
        schemes=("http", "https"),
        example="https://media.temaplaner.asker.kommune.no/temaplaner-media",
    )
    public = {}
    if public_url:
        parts = urlsplit(public_url)
        public = {
            "custom_domain": parts.netloc + parts.path.rstrip("/"),
            "url_protocol": f"{parts.scheme}:",
        }
    return {
        "default": {
            "BACKEND": "core.object_storage.PublicMediaStorage",
            "OPTIONS": {**options, **public, "bucket_name": named["S3_BUCKET"]},
        },
        "private": {
            "BACKEND": "core.object_storage.PrivateObjectStorage",
            "OPTIONS": {**options, "bucket_name": named["S3_PRIVATE_BUCKET"]},
        },
    }
