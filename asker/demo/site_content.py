"""Demo content for the site frame, taken from the seed pages in shared/seeds/.

Where the site needs text the seeds do not have (the home page lead), it describes the site
itself and states no facts about people, dates or decisions.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from asker.models import AlertBanner, FooterSettings, HomePage
from themeplans.models import ThemePlanIndexPage

HOME_TITLE = "Temaplaner i Asker kommune"
HOME_LEAD = (
    "Her finner du Asker kommunes temaplaner: hva hver plan skal handle om, hvor langt "
    "arbeidet har kommet og hvem som har ansvaret. Du kan følge arbeidet og gi innspill "
    "når planene er åpne for medvirkning."
)
INDEX_TITLE = "Temaplaner for Asker kommune"
INDEX_INTRO = (
    "<p>Asker kommune vil tilrettelegge for gode medvirkningsprosesser med folkevalgte, "
    "innbyggere, næringsliv og lag/foreninger i arbeid med temaplaner.</p>"
)
WHAT_IS_A_THEME_PLAN = [
    "En temaplan er kommunens strategiske plan om et spesifikt tema. Temaplaner har gjerne "
    "et 12-årsperspektiv, og revideres hvert fjerde år.",
    "Hver temaplan skal ta utgangspunkt i hovedmål og delmål fra Kommuneplanens samfunnsdel, "
    "og inneholde oversikt over hvilke mål og strategier temaplanen skal bidra til å nå.",
    "De relevante målene skal inngå i temaplanene, der de blir konkretisert i innsatsområder "
    "og strategier. Det skal ikke defineres nye mål i temaplanen.",
    "Se også Planstrategi for Asker kommune.",
]
PARTICIPATION = [
    "Asker kommune vil tilrettelegge for gode medvirkningsprosesser med folkevalgte, "
    "innbyggere, næringsliv og lag/foreninger i arbeid med temaplaner.",
    "På disse nettsidene kan du få oversikt og følge arbeidet og prosessene knyttet til hver "
    "enkelt temaplan. Etter hvert vil du også kunne komme med innspill og tilbakemeldinger "
    "via disse nettsidene.",
]
ASKER_WEBSITE = "https://www.asker.kommune.no/"


def _paragraphs(texts):
    return RichText("".join(f"<p>{text}</p>" for text in texts))


def _default_site():
    return Site.objects.select_related("root_page").get(is_default_site=True)


def load_site():
    """The home page at the root of the default site, replacing Wagtail's welcome page."""
    if HomePage.objects.exists():
        return []
    # A flushed database (transactional tests) has lost the rows Wagtail's migrations create.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    welcome = site.root_page if site else None
    home = HomePage(title=HOME_TITLE, slug="forside", lead=HOME_LEAD, seo_title="Temaplaner")
    root.add_child(instance=home)
    home.save_revision().publish()
    address = urlsplit(settings.SITE_URL)
    site = site or Site(is_default_site=True)
    site.root_page = home
    site.site_name = "Asker kommune – temaplaner"
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
    home = HomePage.objects.get()
    index = ThemePlanIndexPage(
        title=INDEX_TITLE,
        slug="temaplaner",
        show_in_menus=True,
        intro=INDEX_INTRO,
        body=[
            ("heading", {"text": "Hva er en temaplan?", "level": "h2"}),
            ("paragraph", _paragraphs(WHAT_IS_A_THEME_PLAN)),
            ("heading", {"text": "Medvirkning", "level": "h2"}),
            ("paragraph", _paragraphs(PARTICIPATION)),
        ],
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    home.featured_links = [
        (
            "link",
            {
                "title": "Alle temaplaner",
                "page": index,
                "document": None,
                "url": "",
                "description": "En temaplan er kommunens strategiske plan om et spesifikt tema.",
            },
        )
    ]
    home.save_revision().publish()
    return ["temaplaner"]


def load_site_settings():
    """The corona notice from both seed pages, bilingual as on the original site."""
    site = _default_site()
    created = []
    if not AlertBanner.objects.filter(site=site).exists():
        AlertBanner.objects.create(
            site=site,
            is_active=True,
            level="warning",
            heading="Oppdatert informasjon om koronaviruset.",
            heading_second_language="Information on coronavirus.",
            second_language="en",
            text="Informasjon om koronapandemien og vaksinering i Asker. "
            "Les om smittesituasjonen og registrer deg for vaksinering.",
            link_url=ASKER_WEBSITE,
            link_text="Informasjonssider om koronasituasjonen i Asker",
            link_text_second_language="corona in Asker",
        )
        created.append("varselbanner")
    if not FooterSettings.objects.filter(site=site).exists():
        FooterSettings.objects.create(
            site=site,
            organisation="Asker kommune",
            links=[
                (
                    "link",
                    {
                        "title": "Asker kommunes nettsted",
                        "page": None,
                        "document": None,
                        "url": ASKER_WEBSITE,
                        "description": "",
                    },
                )
            ],
        )
        created.append("bunntekst")
    return created
