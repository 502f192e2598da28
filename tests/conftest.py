import pytest
from django.core.management import call_command
from wagtail.models import Site


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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content once into the test database: every test then starts from it
    inside its own transaction instead of building the page tree again (seconds per test)."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def demo_site(db):
    """The site as `make run` loads it: home page, theme plans, rounds, banner and footer.

    Already there from django_db_setup; loading again only restores what a transactional
    test (the browser tests) flushed."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Site.objects.get(is_default_site=True)
