import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a freshly deployed site does."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo_site(db):
    """The site as `make run` loads it: home page, theme plan index, banner and footer."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Site.objects.get(is_default_site=True)
