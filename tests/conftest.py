import os
import sqlite3
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command


def needs_postgresql(why):
    """A module-wide skip for tests of races SQLite cannot show (it serialises every writer),
    with the reason and how to run them; the PostgreSQL pass of CI does."""
    return pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason=(
            "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/<database> "
            f"(SQLite serialises writers, so {why} prove nothing there)"
        ),
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a freshly deployed site does."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def norwegian_interface():
    """Each test starts in Norwegian: a request under /en/ leaves English active in the thread
    (LocaleMiddleware activates the address's language and never resets it)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def load_demo_content():
    """The demo content in the database. A transactional test (the browser tests) empties the
    database after itself, and building the demo again costs seconds each time, so the database
    as it was right after the first load is copied back instead (milliseconds)."""
    if demo_snapshot.restore():
        return
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    demo_snapshot.take()


class DemoSnapshot:
    """The whole test database right after `load_demo_content`: on SQLite an in-memory copy
    (sqlite3's backup API), on PostgreSQL a copy of each table in a schema of its own.

    A copy is used only on the day it was taken and within the hour (the demo's rounds and
    input are dated from the moment of loading; a test may have moved the clock), only outside
    a transaction (a copy must hold committed rows only), and only while the demo documents'
    files are still in storage (a test may have deleted one)."""

    SCHEMA = "demo_snapshot"
    MAX_AGE = timedelta(hours=1)

    def __init__(self):
        self.taken_at = None

    def take(self):
        from django.db import connection
        from django.utils import timezone

        self.taken_at = None
        if connection.in_atomic_block or connection.vendor not in ("sqlite", "postgresql"):
            return
        getattr(self, f"_take_{connection.vendor}")(connection)
        self.documents = self._document_files()
        self.taken_at = timezone.now()

    def restore(self):
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache
        from django.db import connection, transaction
        from django.utils import timezone

        if self.taken_at is None or connection.in_atomic_block:
            return False
        now = timezone.now()
        if timezone.localdate(now) != timezone.localdate(self.taken_at):
            return False
        if not timedelta(0) <= now - self.taken_at <= self.MAX_AGE:
            return False
        storage, names = self.documents
        if not all(storage.exists(name) for name in names):
            return False
        with transaction.atomic():
            getattr(self, f"_restore_{connection.vendor}")(connection)
        # Ids of content types now are the copy's, not those post_migrate gave after the flush.
        ContentType.objects.clear_cache()
        cache.clear()
        return True

    @staticmethod
    def _document_files():
        from wagtail.documents import get_document_model

        model = get_document_model()
        storage = model._meta.get_field("file").storage
        return storage, list(model.objects.values_list("file", flat=True))

    def _take_sqlite(self, connection):
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def _restore_sqlite(self, connection):
        self.copy.backup(connection.connection)

    def _take_postgresql(self, connection):
        quote = connection.ops.quote_name
        self.tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.SCHEMA}")
            for name in map(quote, self.tables):
                cursor.execute(f"CREATE TABLE {self.SCHEMA}.{name} AS TABLE {name}")
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema() AND last_value IS NOT NULL"
            )
            self.sequences = cursor.fetchall()

    def _restore_postgresql(self, connection):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            # What the flush's post_migrate put back (content types, permissions) goes too.
            cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in self.tables))
            # Foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at commit, in any order.
            for name in map(quote, self.tables):
                cursor.execute(f"INSERT INTO {name} SELECT * FROM {self.SCHEMA}.{name}")
            for sequence, value in self.sequences:
                cursor.execute("SELECT setval(quote_ident(%s)::regclass, %s)", [sequence, value])


demo_snapshot = DemoSnapshot()


def demo_is_loaded():
    from asker.models import HomePage

    return HomePage.objects.exists()


@pytest.fixture(scope="session")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded into the test database the first time a test asks for it and
    kept for the rest of the session. Tests asking for it run after the others (see
    pytest_collection_modifyitems), so a test that builds its own pages with factories never
    sees it."""
    with django_db_blocker.unblock():
        if not demo_is_loaded():
            load_demo_content()


@pytest.fixture
def demo_site(demo_content, db):
    """The site as `make run` loads it: home page, theme plans, rounds, banner and footer."""
    from wagtail.models import Site

    if not demo_is_loaded():
        # A transactional test (the browser tests) emptied the database: load it for this test.
        load_demo_content()
    return Site.objects.get(is_default_site=True)


def transactional(item):
    """Whether pytest-django runs the test outside a transaction (it puts those last)."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return True
    return bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )


def pytest_collection_modifyitems(items):
    """Tests that ask for the demo site run after the others in a transaction: the demo is
    committed once, when the first of them starts. A test may reach the database through a
    fixture it asks for only while running, so tests without `db` count as in a transaction."""
    items.sort(
        key=lambda item: (transactional(item), "demo_site" in getattr(item, "fixturenames", ()))
    )
