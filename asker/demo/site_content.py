"""Demo content for the site frame, read from fixtures/site.json (texts from shared/seeds/)."""

import json
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from asker.models import AlertBanner, FooterSettings, HomePage
from themeplans.models import ThemePlanIndexPage

FIXTURE = settings.BASE_DIR / "fixtures" / "site.json"


@cache
def demo_data():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def link_value(title, *, page=None, url="", description=""):
    """A LinkBlock value pointing at a page or an external address."""
    return {"title": title, "page": page, "document": None, "url": url, "description": description}


def _paragraphs(texts):
    return RichText("".join(f"<p>{text}</p>" for text in texts))


def _default_site():
    return Site.objects.select_related("root_page").get(is_default_site=True)


def load_site():
    """The home page at the root of the default site, replacing Wagtail's welcome page."""
    if HomePage.objects.exists():
        return []
    data = demo_data()["home"]
    # A flushed database (transactional tests) has lost the rows Wagtail's migrations create.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    welcome = site.root_page if site else None
    home = HomePage(
        title=data["title"], seo_title=data["seo_title"], slug="forside", lead=data["lead"]
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    address = urlsplit(settings.SITE_URL)
    site = site or Site(is_default_site=True)
    site.root_page = home
    site.site_name = settings.WAGTAIL_SITE_NAME
    # The sitemap and feeds build absolute links from the site's host name and port.
    site.hostname = address.hostname
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.save()
    if welcome and welcome.specific_class is Page and not welcome.get_children().exists():
        welcome.delete()
    return ["forside"]


def load_theme_plan_index():
    if ThemePlanIndexPage.objects.exists():
        return []
    data = demo_data()["theme_plan_index"]
    body = []
    for section in data["sections"]:
        body.append(("heading", {"text": section["heading"], "level": "h2"}))
        body.append(("paragraph", _paragraphs(section["paragraphs"])))
    index = ThemePlanIndexPage(
        title=data["title"],
        slug=data["slug"],
        show_in_menus=True,
        intro=f"<p>{data['intro']}</p>",
        body=body,
    )
    home = HomePage.objects.get()
    home.add_child(instance=index)
    index.save_revision().publish()
    featured = demo_data()["home"]["featured_index_link"]
    home.featured_links = [
        ("link", link_value(featured["title"], page=index, description=featured["description"]))
    ]
    home.save_revision().publish()
    return ["temaplaner"]


def load_site_settings():
    """The corona notice from both seed pages, bilingual as on the original site (ended long
    ago, so it is not shown), and the footer with the municipality's contact details."""
    site = _default_site()
    created = []
    if not AlertBanner.objects.filter(site=site).exists():
        banner = dict(demo_data()["alert_banner"])
        if banner.get("ends_at"):
            banner["ends_at"] = datetime.fromisoformat(banner["ends_at"])
        AlertBanner.objects.create(site=site, **banner)
        created.append("varselbanner")
    if not FooterSettings.objects.filter(site=site).exists():
        footer = demo_data()["footer"]
        FooterSettings.objects.create(
            site=site,
            organisation=footer["organisation"],
            address=footer.get("address", ""),
            phone=footer.get("phone", ""),
            email=footer.get("email", ""),
            contact_url=footer.get("contact_url", ""),
            links=[
                ("link", link_value(link["title"], url=link["url"])) for link in footer["links"]
            ],
        )
        created.append("bunntekst")
    return created
