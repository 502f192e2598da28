"""?side= on the paged lists and on every page's canonical address: a value that is not a page
number shows the first page, as «?side=tull» always did, and a number outside the list the last
page, as Django's paginator does; never an error."""

import re

import pytest
from django.utils import timezone

from participation.models import ParticipationRound, Submission
from tests.participation.conftest import FORM_URL, make_submission
from tests.themeplans.visible_text import visible_text

pytestmark = pytest.mark.django_db

PLAN_SLUG = "handling-mot-klimaendringene"
PUBLISHED_URL = FORM_URL + "publiserte/"
# Digits str.isdigit() accepts and int() refuses or reads as a number, and numbers longer than
# any page number (int() refuses more than 4300 digits).
NOT_PAGE_NUMBERS = ["²", "٣", "99999999999999999999", "1" * 5000]
OUTSIDE = ["-1", "0", "4", "999999999999999999"]


def canonical(response):
    """The canonical address; "" on the search page, which has none."""
    found = re.search(r'<link rel="canonical" href="([^"]+)">', response.content.decode())
    return found.group(1) if found else ""


PAGES = [("/", {}), ("/temaplaner/", {}), (PUBLISHED_URL, {}), ("/sok/", {"q": "plan"})]


@pytest.mark.parametrize("side", NOT_PAGE_NUMBERS)
@pytest.mark.parametrize(("url", "query"), PAGES)
def test_what_is_no_page_number_gives_the_page_itself(client, demo_site, url, query, side):
    response = client.get(url, {**query, "side": side})
    assert response.status_code == 200
    assert "side=" not in canonical(response)


@pytest.mark.parametrize("side", OUTSIDE)
@pytest.mark.parametrize(("url", "query"), PAGES)
def test_a_number_outside_the_list_is_answered(client, demo_site, url, query, side):
    assert client.get(url, {**query, "side": side}).status_code == 200


@pytest.fixture
def three_pages_of_input(demo_site):
    demo_round = ParticipationRound.objects.get(page__slug=PLAN_SLUG, title__startswith="Demo")
    Submission.objects.all().delete()
    for number in range(23):
        submission = make_submission(demo_round, text=f"Innspill nummer {number}.")
        submission.state, submission.published_at = "published", timezone.now()
        submission.save()


@pytest.mark.parametrize("side", NOT_PAGE_NUMBERS)
def test_published_input_shows_its_first_page_for_what_is_no_page_number(
    client, three_pages_of_input, side
):
    response = client.get(PUBLISHED_URL, {"side": side})
    assert "23 publiserte innspill, side 1 av 3" in visible_text(response)


@pytest.mark.parametrize("side", OUTSIDE)
def test_published_input_outside_its_pages_shows_the_last(client, three_pages_of_input, side):
    response = client.get(PUBLISHED_URL, {"side": side})
    assert "side 3 av 3" in visible_text(response)
