"""Test harness: production settings, with the values a test run needs set in the environment.

Tests run with DEBUG off, like production; only what a test client cannot provide is filled
in here (a key, hosts, an e-mail backend, plain HTTP, static files without collectstatic).
"""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Mail is delivered inside the test, so a test sees what was sent; tests of the worker switch
# to the database backend (tests/core/test_worker.py).
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# Tests change content through the ORM and read the page at once; the cached page content is
# tested on its own (tests/core/test_public_content.py).
os.environ.setdefault("PUBLIC_CONTENT_CACHE_SECONDS", "0")
# `make test` runs the suite in parallel processes (pytest-xdist), each with its own test
# database; this names the process ("gw0", "gw1", ...), None in a plain pytest run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def scratch_directory(name, prefix):
    """Files written by tests go to throwaway directories, never into the checkout. Each
    parallel process has a folder of its own (the processes inherit the variable from the
    process that started them), so none finds or deletes another's files."""
    folder = os.environ.get(name) or tempfile.mkdtemp(prefix=prefix)
    if WORKER:
        folder = os.path.join(folder, WORKER)
        os.makedirs(folder, exist_ok=True)
    os.environ[name] = folder


# Attachments, uploaded documents and images, and hypothesis's caches.
scratch_directory("PRIVATE_MEDIA_ROOT", "asker-test-private-")
scratch_directory("MEDIA_ROOT", "asker-test-media-")
scratch_directory("HYPOTHESIS_STORAGE_DIRECTORY", "asker-test-hypothesis-")


def redis_database_of_this_worker(url):
    """Each parallel process uses the Redis database after the previous one's: REDIS_URL's
    number for gw0, the next for gw1, ... (every test starts with cache.clear(), which empties
    the whole Redis database, so two processes must never share one)."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(WORKER.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{number}"))


if WORKER and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = redis_database_of_this_worker(os.environ["REDIS_URL"])

from asker.settings import *  # noqa: E402, F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = True  # serve static/ directly, no collectstatic

# A commit need not wait for the disk: nothing here survives a crash of the test database
# anyway, and the suite commits often (transactional tests, their flushes, the browser tests).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
