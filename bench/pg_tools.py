"""PostgreSQL helpers shared by bench/restore_check.py and bench/pg_restart.py (and the tests in
tests/ops): DATABASE_URL as libpq reads it, pg_dump and pg_restore with the password kept off
their command lines, the archive's creation time, and CREATE/DROP DATABASE.

scripts/backup.sh does the same URL rewrite in shell (it runs in the production image, without
this repository's Python); keep DUMP_OPTIONS and LIBPQ_PARAMETERS in step with it.
"""

import datetime
import os
import re
import subprocess
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql

# Django's spellings of a PostgreSQL URL (asker/env.py); libpq reads only the first two.
SCHEMES = ("postgres", "postgresql", "pgsql")
# The same as scripts/backup.sh, so restore_check checks the kind of dump the backups are.
DUMP_OPTIONS = ("--format=custom", "--no-owner")
# Query options libpq knows (PostgreSQL 15-17). Others in DATABASE_URL are for Django or
# django-environ (conn_max_age, pool, …), and pg_dump would stop at them.
LIBPQ_PARAMETERS = frozenset(
    {
        "application_name",
        "channel_binding",
        "client_encoding",
        "connect_timeout",
        "dbname",
        "fallback_application_name",
        "gssdelegation",
        "gssencmode",
        "gsslib",
        "host",
        "hostaddr",
        "keepalives",
        "keepalives_count",
        "keepalives_idle",
        "keepalives_interval",
        "krbsrvname",
        "load_balance_hosts",
        "options",
        "passfile",
        "port",
        "replication",
        "require_auth",
        "requirepeer",
        "requiressl",
        "service",
        "ssl_max_protocol_version",
        "ssl_min_protocol_version",
        "sslcert",
        "sslcertmode",
        "sslcompression",
        "sslcrl",
        "sslcrldir",
        "sslkey",
        "sslmode",
        "sslnegotiation",
        "sslpassword",
        "sslrootcert",
        "sslsni",
        "target_session_attrs",
        "tcp_user_timeout",
        "user",
    }
)
ARCHIVE_CREATED = re.compile(r"^; Archive created at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC$", re.M)


def split_url(url):
    """(libpq URL without the password, the password or None) for a Django DATABASE_URL.

    postgres:// and pgsql:// become postgresql://, and query options libpq doesn't know go."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(f"not a PostgreSQL URL: {parts.scheme}://…")
    password = None
    userinfo, at, hosts = parts.netloc.rpartition("@")
    if at:
        user, colon, secret = userinfo.partition(":")
        if colon:
            password = unquote(secret)
        userinfo = user
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key == "password":
            password = value
        elif key in LIBPQ_PARAMETERS:
            query.append((key, value))
    netloc = f"{userinfo}@{hosts}" if at else hosts
    # Not urlunsplit: it writes postgresql:///name (no host: the socket) as postgresql:/name.
    public = f"postgresql://{netloc}{parts.path}" + (f"?{urlencode(query)}" if query else "")
    return public, password


def with_database(url, name):
    """The same server and user, another database."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def database_name(url):
    return unquote(urlsplit(url).path.lstrip("/"))


def connect(url, **kwargs):
    """psycopg connection (in this process: the password is on no command line)."""
    public, password = split_url(url)
    if password is not None:
        kwargs["password"] = password
    return psycopg.connect(public, **kwargs)


def client(program, *args, url, environment=None, **kwargs):
    """Run a PostgreSQL client program against `url`: the password goes in PGPASSWORD (the
    environment of a process is readable only by its own user and root; its command line, in
    ps and /proc/*/cmdline, by everyone)."""
    public, password = split_url(url)
    environment = {**os.environ, **(environment or {})}
    if password is not None:
        environment["PGPASSWORD"] = password
    return subprocess.run(
        [program, *args, f"--dbname={public}"], env=environment, check=True, **kwargs
    )


def dump(url, path):
    """pg_dump the database at `url` to `path`, as scripts/backup.sh does."""
    client("pg_dump", *DUMP_OPTIONS, f"--file={path}", url=url, environment={"TZ": "UTC"})


def restore(path, url):
    """pg_restore `path` into the (empty) database at `url`; stops at the first error."""
    client("pg_restore", "--no-owner", "--exit-on-error", str(path), url=url)


def archive_created_at(path):
    """When pg_dump started on the archive at `path` (`pg_restore -l`'s «Archive created at»).

    pg_dump notes the time before it connects and takes its snapshot, so every row committed
    before then is in the dump. Needs no database; whole seconds. The archive holds pg_dump's
    local clock time without a zone: scripts/backup.sh and dump() run pg_dump with TZ=UTC, and
    this reads it in UTC. A dump made in a zone east of UTC would look newer than it is: one
    that looks newer than now is refused."""
    listing = subprocess.run(
        ["pg_restore", "--list", str(path)],
        env={**os.environ, "TZ": "UTC"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = ARCHIVE_CREATED.search(listing)
    if not found:
        raise ValueError(f"{path}: pg_restore --list shows no «Archive created at … UTC»")
    created = datetime.datetime.strptime(found[1], "%Y-%m-%d %H:%M:%S")
    created = created.replace(tzinfo=datetime.UTC)
    if created > datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1):
        raise ValueError(
            f"{path}: «Archive created at {found[1]}» is in the future: "
            "was pg_dump run with TZ=UTC (as scripts/backup.sh does)?"
        )
    return created


def _admin(url, statement, name):
    """CREATE/DROP DATABASE, from the server's maintenance database (outside a transaction)."""
    with connect(with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


def create_database(url, name):
    """Create `name` beside `url`'s database; returns its URL."""
    _admin(url, "CREATE DATABASE {}", name)
    return with_database(url, name)


def drop_database(url):
    """Drop the database `url` names, ending its connections (nothing if it isn't there)."""
    _admin(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", database_name(url))
