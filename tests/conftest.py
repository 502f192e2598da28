import os

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
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


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
