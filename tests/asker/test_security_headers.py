"""Security headers on every response (asker/security.py and the SECURE_* settings), and no
cookie on public pages except the CSRF cookie where a form needs it."""

import re

import pytest

from participation import links
from participation.models import ParticipationRound
from tests.participation.conftest import make_submission
from themeplans.models import ThemePlanPage

PLAN = "/temaplaner/handling-mot-klimaendringene/"

# (name, path, the only cookies it may set). "private" is filled in per test: its token is new.
PUBLIC = [
    ("home", "/", set()),
    ("index", "/temaplaner/", set()),
    ("plan", PLAN, set()),
    ("form", PLAN + "innspill/", {"csrftoken"}),
    ("private", None, {"csrftoken"}),  # the sender's link: its withdraw form needs CSRF
    ("published", PLAN + "innspill/publiserte/", set()),
    ("follow", PLAN + "folg/", {"csrftoken"}),
    ("search", "/sok/?q=klima", set()),
    ("rss", "/temaplaner/rss/", set()),
    ("ics", "/temaplaner/kalender.ics", set()),
    ("api", "/api/plans/", set()),
    ("healthz", "/healthz", set()),
    ("not-found", "/finnes-ikke/", set()),
]
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


@pytest.fixture
def private_path(demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    round = ParticipationRound.objects.get(page=plan, title__startswith="Demo")
    return links.private_path(make_submission(round))


def directives(response):
    """The policy as {directive: sources}."""
    parts = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, _, sources in (part.partition(" ") for part in parts)}


def fetch(client, path, private_path, **extra):
    response = client.get(path or private_path, **extra)
    assert response.status_code in (200, 404), (path, response.status_code)
    return response


@pytest.mark.parametrize(("name", "path", "cookies"), PUBLIC, ids=[p[0] for p in PUBLIC])
def test_public_responses_send_the_security_headers(client, private_path, name, path, cookies):
    response = fetch(client, path, private_path)

    policy = directives(response)
    assert policy["default-src"] == "'self'"
    # One static policy for every visitor, so a cached page holds for the next one too.
    assert policy["script-src"] == policy["style-src"] == "'self'"
    assert "nonce-" not in response["Content-Security-Policy"]
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == policy["form-action"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["Permissions-Policy"] == PERMISSIONS
    assert response["X-Content-Type-Options"] == "nosniff"
    # The sender's link holds its token in the address: it never goes to other sites.
    referrer = "same-origin" if name == "private" else "strict-origin-when-cross-origin"
    assert response["Referrer-Policy"] == referrer
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert set(response.cookies) == cookies


def test_the_admin_has_its_own_policy_that_still_loads_nothing_from_elsewhere(client, demo_site):
    response = client.get("/admin/login/")

    policy = directives(response)
    assert response.status_code == 200
    assert policy["default-src"] == policy["connect-src"] == "'self'"
    assert policy["script-src"] == policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["img-src"] == "'self' data: blob:"
    assert policy["frame-ancestors"] == "'self'"  # the editor's live preview
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]  # would switch off unsafe-inline
    assert set(response.cookies) == {"csrftoken"}


SAME_FOR_EVERYONE = ["/", "/temaplaner/", PLAN, PLAN + "innspill/publiserte/"]


@pytest.mark.parametrize("path", SAME_FOR_EVERYONE)
def test_a_public_page_is_the_same_for_every_visitor(demo_site, path):
    """Nothing per request in the page or its policy: a cached copy is valid for anyone."""
    from django.test import Client

    first, second = Client().get(path), Client().get(path)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    # The only inline element is the JSON-LD block: data, which script-src does not govern.
    inline = re.findall(r"<(script|style)\b(?![^>]*\bsrc=)([^>]*)>", first.content.decode())
    assert inline == [("script", ' type="application/ld+json"')]


def test_no_public_page_has_a_style_attribute(client, private_path):
    for _name, path, _cookies in PUBLIC:
        response = fetch(client, path, private_path)
        if response["Content-Type"].startswith("text/html"):
            assert "style=" not in response.content.decode(), path


def test_hsts_and_upgrade_only_over_https(client, demo_site):
    plain = client.get("/")
    secure = client.get("/", secure=True)

    assert "Strict-Transport-Security" not in plain
    assert "upgrade-insecure-requests" not in plain["Content-Security-Policy"]
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert secure["Content-Security-Policy"].endswith("; upgrade-insecure-requests")


def test_a_response_with_its_own_policy_keeps_it(rf):
    from django.http import HttpResponse

    from asker.security import SecurityHeadersMiddleware

    def sandboxed(request):
        response = HttpResponse(b"%PDF-1.4")
        response["Content-Security-Policy"] = "sandbox"
        return response

    response = SecurityHeadersMiddleware(sandboxed)(rf.get("/vedlegg/"))
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Permissions-Policy"] == PERMISSIONS


def test_with_debug_the_policy_is_only_reported(client, demo_site, settings):
    settings.DEBUG = True  # Django's own debug pages use inline styles

    response = client.get("/")

    assert "Content-Security-Policy" not in response
    assert "script-src 'self';" in response["Content-Security-Policy-Report-Only"]
