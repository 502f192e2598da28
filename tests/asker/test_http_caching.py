"""What a caching proxy may keep (core/http_caching.py): anonymous pages without a form, for
PUBLIC_PAGE_CACHE_SECONDS; never a form, a sender's page, the admin or a logged-in visitor's."""

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template import engines
from django.test import Client
from django.utils.cache import get_max_age

from core.http_caching import HttpCachingMiddleware
from participation import links
from tests.participation.conftest import (
    FORM_URL,
    PLAN_URL,
    demo_round,  # noqa: F401 (fixtures)
    form_stamp,
    make_submission,
    no_fill_delay,  # noqa: F401
    plan,  # noqa: F401
    valid_input,
)

pytestmark = pytest.mark.django_db

CACHEABLE = [
    "/",
    "/temaplaner/",
    PLAN_URL,
    PLAN_URL + "innspill/publiserte/",
    "/sok/?q=klima",
    "/en/",
]


def directives(response):
    parts = (part.strip() for part in response.get("Cache-Control", "").split(","))
    return {part.split("=")[0] for part in parts if part}


def cacheable(response, seconds=300):
    """Shared caches may keep it for `seconds`; browsers ask again each time."""
    assert response.get("Cache-Control") is not None, "no Cache-Control"
    assert "public" in directives(response), response["Cache-Control"]
    assert {"private", "no-store", "no-cache"}.isdisjoint(directives(response))
    assert f"s-maxage={seconds}" in response["Cache-Control"]
    assert get_max_age(response) == 0
    assert not response.cookies, list(response.cookies)


def never_cached(response):
    cache_control = response.get("Cache-Control", "")
    assert {"private", "no-store"} <= directives(response), cache_control
    assert "public" not in directives(response) and "s-maxage" not in cache_control


@pytest.mark.parametrize("path", CACHEABLE)
def test_anonymous_public_pages_may_be_cached_and_set_no_cookie(demo_site, path):
    response = Client().get(path)
    assert response.status_code == 200
    cacheable(response)


def test_head_is_cacheable_like_get(demo_site):
    cacheable(Client().head(PLAN_URL))


def test_the_lifetime_comes_from_the_setting(demo_site, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cacheable(Client().get(PLAN_URL), seconds=30)


def test_a_missing_page_is_kept_only_briefly(demo_site):
    response = Client().get("/finnes-ikke/")
    assert response.status_code == 404
    cacheable(response, seconds=60)


def test_the_input_form_is_never_cached(demo_site, demo_round):  # noqa: F811
    response = Client().get(FORM_URL)
    assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.text
    never_cached(response)


def test_the_follow_form_is_never_cached(demo_site):
    response = Client().get(PLAN_URL + "folg/")
    assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.text
    never_cached(response)


def test_the_answer_to_a_post_is_never_cached(demo_site, demo_round):  # noqa: F811
    client = Client()
    refused = client.post(FORM_URL, valid_input(demo_round, text="", shown_at=form_stamp(client)))
    assert refused.status_code == 400
    never_cached(refused)

    client = Client()
    accepted = client.post(FORM_URL, valid_input(demo_round, shown_at=form_stamp(client)))
    assert accepted.status_code == 302
    never_cached(accepted)
    receipt = client.get(accepted["Location"])
    assert receipt.status_code == 200
    never_cached(receipt)


def test_the_senders_private_page_is_never_cached(demo_site, demo_round):  # noqa: F811
    response = Client().get(links.private_path(make_submission(demo_round)))
    assert response.status_code == 200
    never_cached(response)


def test_the_admin_is_never_cached(demo_site):
    never_cached(Client().get("/admin/login/"))
    user = get_user_model().objects.create_superuser("cache", "cache@asker.kommune.no", "x")
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    never_cached(response)


@pytest.mark.parametrize("path", [PLAN_URL, "/temaplaner/", "/temaplaner/rss/", "/api/plans/"])
def test_nothing_a_logged_in_user_sees_is_cached(demo_site, path):
    user = get_user_model().objects.create_user("leser", "leser@asker.kommune.no", "x")
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    never_cached(response)


def test_a_request_with_cookies_gets_its_own_uncached_page(demo_site):
    """The page varies on Cookie (the user bar looks for an editor): only the cookieless
    request makes the page everyone shares."""
    client = Client()
    client.cookies["sessionid"] = "ukjent"
    never_cached(client.get(PLAN_URL))


def test_a_visitor_who_has_seen_a_form_still_gets_the_shared_page(demo_site):
    """The CSRF cookie a form left behind changes nothing on a page without a form."""
    client = Client()
    client.get(PLAN_URL + "folg/")
    assert "csrftoken" in client.cookies
    cacheable(client.get(PLAN_URL))


def test_a_page_with_a_csrf_form_is_private_even_if_its_view_forgot(rf):
    """A page that renders `{% csrf_token %}` sets the token's cookie: never shared."""
    template = engines["django"].from_string("<form method=post>{% csrf_token %}</form>")

    def forgetful_view(request):
        return HttpResponse(template.render({}, request))

    chain = HttpCachingMiddleware(CsrfViewMiddleware(forgetful_view))
    never_cached(chain(rf.get("/et-skjema/")))


def test_a_view_that_sets_its_own_lifetime_keeps_it(rf):
    def view(request):
        response = HttpResponse("{}")
        response["Cache-Control"] = "public, max-age=120"
        return response

    response = HttpCachingMiddleware(view)(rf.get("/api/noe/"))
    assert response["Cache-Control"] == "public, max-age=120"


def test_errors_and_redirects_to_a_login_are_not_cached(rf):
    for status in (302, 400, 403, 500, 503):
        response = HttpCachingMiddleware(lambda request, s=status: HttpResponse(status=s))(
            rf.get("/noe/")
        )
        never_cached(response)


def test_static_files_skip_the_page_policies(client):
    """WhiteNoise answers before the CSP and caching middleware, after SecurityMiddleware."""
    response = client.get("/static/css/tokens.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response
