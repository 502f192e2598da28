"""The database goes away under a request, wherever the request is: Wagtail finding or serving
the page, a view, a middleware. The answer is a 503 page that asks to try again soon, with
Retry-After, never a 500; a post of the innspill form keeps the sender's text."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from wagtail.models import Page

from tests.factories import ParticipationRoundFactory
from tests.participation.conftest import form_stamp, valid_input

TEXT = "Bedre belysning på gangveien til skolen."
RESTART = "terminating connection due to administrator command"


@pytest.fixture
def open_round(db):
    return ParticipationRoundFactory()


def wagtail_serve_fails():
    """Wagtail's page view fails after the page was found: its view restrictions are read."""
    return mock.patch.object(Page, "get_view_restrictions", side_effect=OperationalError(RESTART))


def assert_try_again_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]


def test_a_page_whose_serving_meets_the_outage_answers_503(client, open_round):
    with wagtail_serve_fails():
        response = client.get(open_round.page.url)
    assert_try_again_page(response)
    html = response.content.decode()
    assert "Siden er ikke tilgjengelig akkurat nå" in html
    assert "Prøv igjen om et minutt eller to" in html


def test_a_post_whose_serving_meets_the_outage_keeps_the_text(client, open_round):
    url = open_round.page.url + "innspill/"
    data = {**valid_input(open_round, topic="", text=TEXT), "shown_at": form_stamp(client, url)}
    with wagtail_serve_fails():
        response = client.post(url, data)
    assert_try_again_page(response)
    html = response.content.decode()
    assert "Vi fikk ikke lagret innspillet akkurat nå" in html
    assert f">{TEXT}</textarea>" in html
    assert data["shown_at"] in html  # «Send igjen» sends the same form: stored once


class SessionStoreAway:
    """A middleware that meets the outage before any view, as loading a session does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError(RESTART)


def test_the_outage_in_a_middleware_answers_503_too(settings, open_round):
    session = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: session + 1],
        f"{__name__}.SessionStoreAway",
        *settings.MIDDLEWARE[session + 1 :],
    ]
    client = Client(raise_request_exception=False)  # as in production: no exception re-raised
    response = client.get(open_round.page.url)
    assert_try_again_page(response)
    assert "Siden er ikke tilgjengelig akkurat nå" in response.content.decode()


def test_other_database_errors_stay_500s(settings, open_round):
    """A bad query is a fault in the code, not an outage: it is reported as one."""
    from django.db import ProgrammingError

    client = Client(raise_request_exception=False)
    with mock.patch.object(
        Page, "get_view_restrictions", side_effect=ProgrammingError("no such column")
    ):
        response = client.get(open_round.page.url)
    assert response.status_code == 500
