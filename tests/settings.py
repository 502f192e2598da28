"""Test harness: production settings, with the values a test run needs set in the environment.

Tests run with DEBUG off, like production; only what a test client cannot provide is filled
in here (a key, hosts, an e-mail backend, plain HTTP, static files without collectstatic).
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Mail is delivered inside the test, so a test sees what was sent; tests of the worker switch
# to the database backend (tests/core/test_worker.py).
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# Files written by tests go to throwaway directories, never into the checkout: attachments,
# uploaded documents and images, and hypothesis's caches.
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="asker-test-private-"))
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="asker-test-media-"))
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="asker-test-hypothesis-")
)

from asker.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = True  # serve static/ directly, no collectstatic
