"""The innspill addresses are the plan page's own routes: served as the page is, with its view
restrictions, beside editors' own pages of the same name."""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from asker.models import ContentPage
from tests.participation.conftest import FORM_URL, PLAN_URL
from tests.participation.test_upload_limits import LIMIT, Unreadable

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tail", ["innspill/", "innspill/publiserte/", "folg/"])
def test_a_password_protected_plan_asks_for_the_password_on_its_routes_too(client, plan, tail):
    PageViewRestriction.objects.create(page=plan, restriction_type="password", password="x")
    response = client.get(PLAN_URL + tail)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="password"' in html
    assert 'name="email"' not in html and 'name="text"' not in html


def test_an_editors_page_called_innspill_elsewhere_is_served(client, demo_site):
    home = Page.objects.get(depth=2)
    about = home.add_child(instance=ContentPage(title="Om oss", slug="om-oss"))
    about.save_revision().publish()
    page = about.add_child(instance=ContentPage(title="Innspill til nettstedet", slug="innspill"))
    page.save_revision().publish()
    response = client.get("/om-oss/innspill/")
    assert response.status_code == 200
    assert "Innspill til nettstedet" in response.content.decode()


def test_a_browser_post_far_over_the_limit_gets_413_with_the_body_unread(demo_round):
    """With CSRF checked as for a browser, nothing reads the body before the form's limit."""
    browser = Client(enforce_csrf_checks=True)
    browser.get(FORM_URL)
    response = browser.post(
        FORM_URL,
        **{"CONTENT_LENGTH": str(LIMIT + 2 * 1024 * 1024), "wsgi.input": Unreadable()},
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 413


def test_the_follow_form_refuses_a_post_without_the_csrf_token(plan):
    browser = Client(enforce_csrf_checks=True)
    browser.get(PLAN_URL + "folg/")
    assert browser.post(PLAN_URL + "folg/", {"email": "kari@example.no"}).status_code == 403
