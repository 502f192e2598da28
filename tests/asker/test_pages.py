"""What a visitor sees on the home page, the theme plan index, and the error pages."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from asker.models import AlertBanner, ContentPage, HomePage
from core import events
from themeplans.models import ThemePlanIndexPage, ThemePlanPage

pytestmark = pytest.mark.django_db


def test_home_page_shows_lead_featured_link_and_alert_banner(client, demo_site):
    # The demo's corona notice ended in 2021 (test_alert_banner_end); shown again without an end.
    AlertBanner.objects.filter(site=demo_site).update(ends_at=None)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in html
    assert 'href="#hovedinnhold"' in html and 'id="hovedinnhold"' in html
    assert "Her finner du Asker kommunes temaplaner" in html
    assert "Oppdatert informasjon om koronaviruset." in html
    assert '<span lang="en">Information on coronavirus.</span>' in html
    assert "Les om smittesituasjonen og registrer deg for vaksinering." in html
    assert '<span class="visually-hidden">Viktig:</span>' in html  # level not by colour alone
    assert 'href="/temaplaner/"' in html


def test_home_page_without_active_banner_shows_no_banner(client, demo_site):
    AlertBanner.objects.filter(site=demo_site).update(is_active=False)
    html = client.get("/").content.decode()
    assert "koronaviruset" not in html
    assert "alert-banner" not in html


def news_items(client):
    """(title, href) of the home page's «Nytt i planarbeidet», top to bottom."""
    html = client.get("/").content.decode()
    return re.findall(r'class="update-list__link" href="([^"]*)">([^<]*)</a>', html)


def test_home_page_news_tells_what_happened_with_norwegian_dates(client, demo_site):
    html = client.get("/").content.decode()
    assert "Nytt i planarbeidet" in html
    assert "Siste oppdateringer" not in html  # each line says what changed, not only that
    assert re.search(
        r'">\d{1,2}\. (januar|februar|mars|april|mai|juni|juli|august|september|'
        r"oktober|november|desember) \d{4}</time>",
        html,
    )
    assert ("/temaplaner/naturmangfold/", "Ny temaplan: Temaplan for naturmangfold") in (
        news_items(client)
    )


def test_home_page_news_reads_the_event_log_newest_first(client, demo_site):
    plan = ThemePlanPage.objects.get(slug="kultur")
    events.record(
        events.event(
            plan,
            "milestone-moved",
            "milestone-moved:test",
            timezone.now(),
            lambda: ("Temaplan for kultur: høringen er flyttet", ""),
            below="#framdrift",
        )
    )
    assert news_items(client)[0] == (
        "/temaplaner/kultur/#framdrift",
        "Temaplan for kultur: høringen er flyttet",
    )


def test_home_page_news_leaves_out_unpublished_plans_and_what_has_not_happened(client, demo_site):
    ThemePlanPage.objects.get(slug="naturmangfold").unpublish()
    home = HomePage.objects.get()
    home.updates_count = 50
    home.save()
    titles = [title for _href, title in news_items(client)]
    assert "Ny temaplan: Temaplan for naturmangfold" not in titles
    assert "Ny temaplan: Temaplan for kultur" in titles
    # The demo's open round closes in the future: that is not news yet.
    assert not [title for title in titles if title.endswith("klima – stengt")]


def test_home_page_news_can_be_hidden(client, demo_site):
    HomePage.objects.update(updates_count=0)
    html = client.get("/").content.decode()
    assert "Nytt i planarbeidet" not in html


def test_theme_plan_index_shows_intro_breadcrumbs_and_active_menu_item(client, demo_site):
    response = client.get("/temaplaner/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="page-header__title">Temaplaner for Asker kommune</h1>' in html
    assert "Hva er en temaplan?" in html
    assert "12-årsperspektiv" in html
    assert 'aria-label="Du er her"' in html
    assert 'aria-current="page">Temaplaner for Asker kommune</a>' in html


@pytest.mark.parametrize(("path", "queries"), [("/", 9), ("/temaplaner/", 11)])
def test_page_uses_a_pinned_number_of_queries(
    client, demo_site, django_assert_num_queries, path, queries
):
    """Wagtail's routing and view restrictions plus the page's own content; the banner, menu
    and footer come from the cache once the first request has built them."""
    client.get(path)  # warm the caches as a running server has them
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_home_page_queries_do_not_grow_with_more_pages(
    client, demo_site, django_assert_num_queries
):
    for number in range(6):
        page = ContentPage(title=f"Side {number}", slug=f"side-{number}", show_in_menus=True)
        demo_site.root_page.add_child(instance=page)
        page.save_revision().publish()
    client.get("/")
    with django_assert_num_queries(9):  # the open rounds; the plans' index, for «Følg alle planene»
        html = client.get("/").content.decode()
    assert html.count('class="main-nav__link') == 7
    assert html.count('class="update-list__link"') == 5


def test_missing_page_gets_norwegian_404(client, demo_site):
    response = client.get("/finnes-ikke/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Vi fant ikke siden" in html
    assert 'href="/temaplaner/"' in html


def test_500_page_renders_without_database(rf):
    from asker.views import server_error

    # No django_db mark on this request: any query would raise.
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Noe gikk galt hos oss" in html
    assert '<html lang="nb">' in html


def test_robots_txt_points_to_sitemap_and_keeps_admin_out(client, demo_site):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_published_pages(client, demo_site):
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://testserver/</loc>" in xml
    assert "<loc>http://testserver/temaplaner/</loc>" in xml


def test_admin_login_page_is_reachable(client, demo_site):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_demo_content_loads_twice_without_doubling(demo_site):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert HomePage.objects.count() == 1
    assert ThemePlanIndexPage.objects.count() == 1
    assert AlertBanner.objects.count() == 1
    assert demo_site.root_page.specific_class is HomePage
