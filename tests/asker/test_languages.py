"""The interface language comes from the address: plain addresses are Norwegian, /en/ is
English. The browser's language and cookies never change what an address shows."""

import re

import pytest

from tests.markup import html_lang

pytestmark = pytest.mark.django_db

PLAN = "/temaplaner/handling-mot-klimaendringene/"


def switch_link(response):
    match = re.search(
        r'<a class="language-switch" href="([^"]+)" hreflang="(\w+)" lang="\w+">([^<]+)</a>',
        response.content.decode(),
    )
    return match.groups() if match else None


def test_plain_address_is_norwegian_even_when_the_browser_prefers_english(client, demo_site):
    response = client.get(PLAN, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    assert html_lang(response) == "nb"
    assert response["Content-Language"] == "nb"
    assert "Accept-Language" not in response.get("Vary", "")


def test_english_address_shows_the_same_plan_with_an_english_interface(client, demo_site):
    response = client.get("/en" + PLAN)
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"
    # The editors' Norwegian text is marked as Norwegian for screen readers.
    assert re.search(r'<h1 [^>]*lang="nb"', response.content.decode())


def test_norwegian_pages_carry_no_extra_lang_marks(client, demo_site):
    body = client.get(PLAN).content.decode()
    assert ' lang="nb"' not in body.split("<body", 1)[1].replace('hreflang="nb"', "")


def test_language_switch_links_to_the_same_page_and_query_in_the_other_language(client, demo_site):
    assert switch_link(client.get("/sok/?q=klima")) == ("/en/sok/?q=klima", "en", "English")
    assert switch_link(client.get("/en/sok/?q=klima")) == ("/sok/?q=klima", "nb", "Norsk")


def test_links_in_the_frame_stay_in_the_chosen_language(client, demo_site):
    body = client.get("/en/").content.decode()
    assert 'class="brand" href="/en/"' in body
    assert re.search(r'class="main-nav__link[^"]*" href="/en/temaplaner/"', body)


def test_the_cached_frame_is_kept_per_language(client, demo_site):
    client.get("/en/")  # builds and caches the English frame first
    body = client.get("/").content.decode()
    assert re.search(r'class="main-nav__link[^"]*" href="/temaplaner/"', body)
    assert 'class="brand" href="/"' in body


def test_each_page_names_its_versions_for_search_engines(client, demo_site, settings):
    head = client.get(PLAN).content.decode().split("</head>")[0]
    assert f'<link rel="alternate" hreflang="nb" href="{settings.SITE_URL}{PLAN}">' in head
    assert f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}/en{PLAN}">' in head
    assert '<meta property="og:locale" content="nb_NO">' in head
    english = client.get("/en" + PLAN).content.decode().split("</head>")[0]
    assert '<meta property="og:locale" content="en_GB">' in english


def test_choosing_a_language_sets_no_cookie(client, demo_site):
    response = client.get("/en/")
    assert not response.cookies


def test_machine_addresses_have_no_english_twin(client, demo_site):
    assert client.get("/en/api/plans/").status_code == 404
    assert client.get("/api/plans/").status_code == 200
    assert client.get("/en/sitemap.xml").status_code == 404


def test_the_switch_on_a_missing_english_address_leads_to_the_norwegian_one(client, demo_site):
    response = client.get("/en/sitemap.xml")
    assert response.status_code == 404
    assert switch_link(response) == ("/sitemap.xml", "nb", "Norsk")


def test_versions_of_a_later_page_of_results_keep_the_page_number(client, demo_site, settings):
    head = client.get(f"/en{PLAN}?side=2&x=1").content.decode().split("</head>")[0]
    assert f'<link rel="canonical" href="{settings.SITE_URL}/en{PLAN}?side=2">' in head
    assert f'hreflang="nb" href="{settings.SITE_URL}{PLAN}?side=2"' in head
    assert f'hreflang="x-default" href="{settings.SITE_URL}{PLAN}?side=2"' in head


def test_the_english_home_page_offers_the_english_search(client, demo_site, settings):
    head = client.get("/en/").content.decode().split("</head>")[0]
    assert f"{settings.SITE_URL}/en/sok/?q={{search_term_string}}" in head


def test_a_political_body_named_in_an_english_sentence_is_marked_norwegian(client, demo_site):
    body = client.get("/en" + PLAN).content.decode()
    assert re.search(r'lang="nb">Utvalg for Samfunnstjenester</(a|span)>', body)


def raw_get(client, path):
    """A request for exactly `path`: the test client would read «//host/» as a host name."""
    return client.get("/", PATH_INFO=path)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en//evil.example.com/", ("/evil.example.com/", "nb", "Norsk")),
        ("//evil.example.com/", ("/en/evil.example.com/", "en", "English")),
        ("/en/\\evil.example.com/", ("/%5Cevil.example.com/", "nb", "Norsk")),
        ("/en/\t/evil.example.com/", ("/%09/evil.example.com/", "nb", "Norsk")),
    ],
)
def test_the_switch_on_a_missing_address_never_leads_to_another_site(
    client, demo_site, path, expected
):
    response = raw_get(client, path)
    assert response.status_code == 404
    assert switch_link(response) == expected


def test_the_switch_on_a_page_with_doubled_slashes_stays_on_the_site(client, demo_site):
    assert switch_link(raw_get(client, "//temaplaner/")) == ("/en/temaplaner/", "en", "English")
