"""The legal pages (legal/): accessibility statement, privacy and cookies, in Norwegian and
under /en/, linked from the footer of every page, one of each type per site."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from legal import demo
from legal.models import AccessibilityStatementPage, CookiesPage, LegalPage, PrivacyPage

pytestmark = pytest.mark.django_db

PAGES = [
    ("tilgjengelighetserklaering", "Tilgjengelighetserklæring", "Accessibility statement"),
    ("personvern", "Personvernerklæring", "Privacy statement"),
    ("informasjonskapsler", "Informasjonskapsler", "Cookies"),
]


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def publish(page):
    page.save_revision().publish()


@pytest.mark.parametrize(("slug", "title", "_english"), PAGES)
def test_each_page_renders_in_norwegian(client, demo_site, slug, title, _english):
    html = html_of(client, f"/{slug}/")
    assert '<html lang="nb">' in html
    assert f'<h1 class="page-header__title">{title}</h1>' in html
    assert f"<title>{title} – Asker kommune</title>" in html
    assert "Sist gjennomgått <time datetime=" in html
    assert ' lang="nb"' not in html.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.parametrize(("slug", "_title", "english"), PAGES)
def test_each_page_renders_in_english_under_en(client, demo_site, slug, _title, english):
    html = html_of(client, f"/en/{slug}/")
    main = html.split("<main", 1)[1].split("</main>")[0]
    assert '<html lang="en">' in html
    assert f'<h1 class="page-header__title">{english}</h1>' in html
    assert f"<title>{english} – Asker kommune</title>" in html
    assert f'<meta property="og:title" content="{english}">' in html
    assert '<span aria-current="page">' + english + "</span>" in html  # breadcrumb, no lang
    # The English body's blocks are English: no block marks itself as Norwegian.
    assert ' lang="nb"' not in main


def test_english_body_and_meta_of_the_privacy_page(client, demo_site):
    html = html_of(client, "/en/personvern/")
    assert "<h2>Who is responsible</h2>" in html
    assert "GDPR Article 6(1)(e)" in html
    assert '<meta name="description" content="This page explains what information' in html
    assert "personvernombud@example.no" in html


def test_without_english_text_the_norwegian_shows_marked_lang_nb(client, demo_site):
    page = PrivacyPage.objects.get()
    page.title_en = page.lead_en = ""
    page.body_en = []
    publish(page)

    html = html_of(client, "/en/personvern/")
    assert '<h1 class="page-header__title" lang="nb">Personvernerklæring</h1>' in html
    assert '<p class="page-header__lead" lang="nb">Her står hvilke opplysninger' in html
    assert '<h2 lang="nb">Hvem som har ansvaret</h2>' in html
    assert "<title>Personvernerklæring – Asker kommune</title>" in html
    assert '<meta name="description" content="Her står hvilke opplysninger' in html
    assert '<span aria-current="page" lang="nb">Personvernerklæring</span>' in html
    # The footer, rebuilt on publish, marks the Norwegian title too.
    assert '<a class="link" href="/en/personvern/" lang="nb">Personvernerklæring</a>' in html


def test_accessibility_statement_has_the_parts_of_the_model_statement(client, demo_site):
    html = html_of(client, "/tilgjengelighetserklaering/")
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html.split("<main", 1)[1])
    assert headings[:7] == [
        "Hva erklæringen gjelder",
        "Krav i loven",
        "Status",
        "Kjente problemer",
        "Slik testet vi",
        "Meld fra om noe som ikke fungerer",
        "Klage",
    ]
    assert "likestillings- og diskrimineringsloven § 18" in html
    assert "WCAG 2.1 på nivå A og AA" in html
    assert "<strong>Nettstedet oppfyller kravene delvis.</strong>" in html
    assert "<h3>3.1.2 Språk på deler av innhold</h3>" in html
    assert "<h3>1.3.1 Informasjon og relasjoner</h3>" in html
    assert "Vi har ikke satt en dato ennå." in html
    assert "axe-core" in html
    assert "Vi testet nettstedet sist <time datetime=" in html
    assert 'href="mailto:temaplaner@asker.kommune.no"' in html
    assert "Vi svarer innen 5 virkedager." in html
    assert (
        '<a href="https://www.uutilsynet.no/">Tilsynet for universell utforming av ikt</a>' in html
    )
    assert "Erklæringen ble laget <time datetime=" in html


def test_accessibility_statement_fields_in_english_and_their_fallback(client, demo_site):
    page = AccessibilityStatementPage.objects.get()
    page.testing_en = ""
    issue = page.known_issues[0].value
    issue["problem_en"] = ""
    page.phone = ""
    page.feedback_phone = "66 90 00 00"
    page.uustatus_url = "https://uustatus.no/nb/erklaringer/publisert/eksempel"
    page.response_days = 1
    publish(page)

    html = html_of(client, "/en/tilgjengelighetserklaering/")
    assert "This statement covers the website" in html
    assert f'<dd lang="nb">{issue["problem"]}' in html
    assert "Staff who get stuck can ask" in html  # its workaround has English
    assert '<p lang="nb">Hver gang koden endres' in html
    assert 'href="tel:66900000"' in html
    assert 'href="https://uustatus.no/nb/erklaringer/publisert/eksempel"' in html

    nb = html_of(client, "/tilgjengelighetserklaering/")
    assert "Vi svarer innen 1 virkedag." in nb


def test_fixed_date_for_a_known_issue_is_shown(client, demo_site):
    page = AccessibilityStatementPage.objects.get()
    page.known_issues[1].value["fix_by"] = __import__("datetime").date(2027, 3, 1)
    publish(page)
    html = html_of(client, "/tilgjengelighetserklaering/")
    assert 'Innen <time datetime="2027-03-01">1. mars 2027</time>' in html


def test_footer_lists_the_legal_pages_before_the_editors_links(client, demo_site):
    html = html_of(client, "/")
    footer = html.split('<footer class="site-footer">', 1)[1]
    links = re.findall(r'<a class="link" href="([^"]+)"[^>]*>([^<]+)</a>', footer)
    assert links == [
        ("/tilgjengelighetserklaering/", "Tilgjengelighetserklæring"),
        ("/personvern/", "Personvernerklæring"),
        ("/informasjonskapsler/", "Informasjonskapsler"),
        ("https://www.asker.kommune.no/", "Asker kommunes nettsted"),
    ]

    english = html_of(client, "/en/").split('<footer class="site-footer">', 1)[1]
    assert '<a class="link" href="/en/tilgjengelighetserklaering/">Accessibility statement</a>' in (
        english
    )
    assert '<a class="link" href="/en/informasjonskapsler/">Cookies</a>' in english


def test_footer_drops_an_unpublished_page(client, demo_site):
    assert "/informasjonskapsler/" in html_of(client, "/")  # the footer is now cached
    CookiesPage.objects.get().unpublish()
    assert "/informasjonskapsler/" not in html_of(client, "/")


def test_footer_shows_legal_pages_without_editor_links(client, demo_site):
    from asker.models import FooterSettings

    FooterSettings.objects.filter(site=demo_site).update(links=[])
    html = html_of(client, "/")
    assert '<h2 id="footer-links-heading"' in html
    assert html.count('<a class="link" href="/') == 3


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/informasjonskapsler/", 6),
        ("/en/informasjonskapsler/", 6),
        ("/tilgjengelighetserklaering/", 6),
        # Two more: Wagtail resolving the link to the cookie page in the text.
        ("/personvern/", 8),
        ("/en/personvern/", 8),
    ],
)
def test_legal_page_uses_a_pinned_number_of_queries(
    client, demo_site, django_assert_num_queries, path, queries
):
    """Wagtail's routing and view restrictions and the page's own links; the banner, menu and
    footer come from the cache once the first request has built them."""
    client.get(path)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_accessibility_statement_requires_status_test_date_and_feedback_address(demo_site):
    AccessibilityStatementPage.objects.get().delete()
    page = AccessibilityStatementPage(title="Erklæring", slug="erklaering")
    with pytest.raises(ValidationError) as raised:
        demo_site.root_page.add_child(instance=page)
    assert set(raised.value.message_dict) == {"conformance", "tested_on", "feedback_email"}


def test_demo_content_loads_once(demo_site):
    assert demo.load_pages() == []
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [type(page) for page in LegalPage.objects.order_by("path").specific()] == [
        AccessibilityStatementPage,
        PrivacyPage,
        CookiesPage,
    ]


def test_demo_content_states_the_real_retention_and_cookie_facts(client, demo_site, settings):
    privacy = html_of(client, "/personvern/")
    assert f"{settings.PARTICIPATION_RETENTION_DAYS} dager etter at en innspillsrunde" in privacy
    assert "artikkel 6 nr. 1 bokstav e" in privacy and "§ 5-1" in privacy
    assert "Datatilsynet" in privacy
    assert 'href="/informasjonskapsler/"' in privacy  # a page link, resolved
    cookies = html_of(client, "/informasjonskapsler/")
    assert "csrftoken" in cookies and "sessionid" in cookies
    assert "ekomloven § 3-15" in cookies


def test_legal_pages_set_no_cookie(client, demo_site):
    for slug, _title, _english in PAGES:
        assert not client.get(f"/{slug}/").cookies


def test_search_finds_a_legal_page(client, demo_site):
    html = html_of(client, "/sok/?q=informasjonskapsler")
    assert 'href="/informasjonskapsler/"' in html


def test_the_footer_links_cost_two_queries(rf, demo_site, django_assert_num_queries):
    from wagtail.models import Site

    from legal.footer import footer_links

    # As in build_site_frame: the request's site and the sites' root paths are known already.
    request = rf.get("/")
    Site.find_for_request(request)
    Site.get_site_root_paths()
    root = demo_site.root_page
    with django_assert_num_queries(2):  # the pages, and the view restrictions to leave out
        links = footer_links(demo_site, request)
    assert root and [link["url"] for link in links] == [
        "/tilgjengelighetserklaering/",
        "/personvern/",
        "/informasjonskapsler/",
    ]


@pytest.mark.parametrize("slug", [slug for slug, _title, _english in PAGES])
def test_english_page_has_no_norwegian_outside_lang_nb(client, demo_site, slug):
    """Interface text from the English catalogue, content from the English tab."""
    from tests.asker.test_english_pages import norwegian_left

    assert norwegian_left(html_of(client, f"/en/{slug}/")) == []


def test_a_legal_page_behind_a_password_is_not_in_the_footer(client, demo_site):
    from wagtail.models import PageViewRestriction

    page = PrivacyPage.objects.get()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="hemmelig")
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    assert page.title not in footer
    assert "Tilgjengelighetserklæring" in footer
