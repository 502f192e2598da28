"""Site-wide pages (home, content page) and settings (alert banner, footer)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import events
from core.blocks import BodyBlock, LinkBlock
from core.links import tel_href
from core.pages import RememberRouteMixin
from core.public_content import CACHED_CONTENT, CachedContentMixin
from participation import links as participation_links
from participation.models import ParticipationRound
from themeplans.models import ThemePlanIndexPage


class HomePage(CachedContentMixin, RememberRouteMixin, Page):
    """The front page: a lead, featured links and what is new in the planning work."""

    lead = models.TextField(
        _("Ingress"),
        max_length=600,
        help_text=_("Ett eller to avsnitt som sier hva nettstedet er for."),
    )
    featured_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("Utvalgte lenker"),
        blank=True,
        help_text=_("Snarveier som vises som kort øverst på forsiden."),
    )
    updates_count = models.PositiveSmallIntegerField(
        _("Antall hendelser under «Nytt i planarbeidet»"),
        default=5,
        help_text=_(
            "Så mange av de siste hendelsene vises på forsiden: nye planer, flyttede datoer, "
            "innspillsrunder og svar. Skriv 0 for å skjule området."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("featured_links"),
        FieldPanel("updates_count"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "asker.ContentPage",
        "themeplans.ThemePlanIndexPage",
        "legal.AccessibilityStatementPage",
        "legal.PrivacyPage",
        "legal.CookiesPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Forside")

    def news(self, pages=None):
        """The latest events on the site's public pages (a plan published, a milestone moved, a
        round opened, an answer published), newest first: read from the event log with one
        bounded query, so the cost does not grow with the amount of input."""
        if not self.updates_count:
            return []
        pages = pages if pages is not None else self.public_pages()
        return list(events.happened(timezone.now(), pages)[: self.updates_count])

    def public_pages(self):
        """The live, public pages under this one, as a query to filter by. Wagtail reads the view
        restrictions to build it, so the sections of one request share it."""
        return Page.objects.live().public().descendant_of(self)

    def open_rounds(self, now=None, pages=None):
        """«Åpen for innspill nå»: every round open at `now` on a published, public plan, the
        soonest deadline first, each with its plan and the address of its form. One query,
        whatever the number of plans and rounds."""
        now = now or timezone.now()
        pages = pages if pages is not None else self.public_pages()
        rounds = (
            ParticipationRound.objects.filter(opens_at__lte=now, closes_at__gt=now)
            .filter(page__in=pages)
            .select_related("page")
            .order_by("closes_at", "pk")
        )
        return [
            {"round": item, "plan": item.page, "form_url": participation_links.form_path(item.page)}
            for item in rounds
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if CACHED_CONTENT in context:
            return context
        pages = self.public_pages()
        context["open_rounds"] = self.open_rounds(pages=pages)
        context["news"] = self.news(pages)
        # «Følg alle planene»: the plans' index's follow form (subscriptions).
        plans_index = ThemePlanIndexPage.objects.child_of(self).live().first()
        context["follow_all_url"] = f"{plans_index.get_url(request)}folg/" if plans_index else ""
        return context


class ContentPage(RememberRouteMixin, Page):
    """An ordinary article page built from the shared blocks."""

    lead = models.TextField(_("Ingress"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("Innhold"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["asker.HomePage", "asker.ContentPage"]
    subpage_types = ["asker.ContentPage"]

    class Meta:
        verbose_name = _("Innholdsside")
        verbose_name_plural = _("Innholdssider")


class AlertLevel(models.TextChoices):
    INFO = "info", _("Informasjon")
    WARNING = "warning", _("Viktig")
    DANGER = "danger", _("Kritisk")


@register_setting(icon="warning")
class AlertBanner(BaseSiteSetting):
    """A notice shown at the top of every public page, e.g. during a crisis."""

    is_active = models.BooleanField(
        _("Vis varselet"), default=False, help_text=_("Slå av når varselet ikke lenger er aktuelt.")
    )
    ends_at = models.DateTimeField(
        _("Vis til"),
        null=True,
        blank=True,
        help_text=_(
            "Varselet skjules av seg selv fra dette tidspunktet. La feltet stå tomt bare for et "
            "varsel du slår av selv."
        ),
    )
    level = models.CharField(
        _("Alvorlighet"), max_length=10, choices=AlertLevel.choices, default=AlertLevel.INFO
    )
    heading = models.CharField(_("Overskrift"), max_length=200, blank=True)
    text = models.CharField(_("Tekst"), max_length=400, blank=True)
    link_url = models.URLField(_("Lenkeadresse"), blank=True)
    link_text = models.CharField(_("Lenketekst"), max_length=200, blank=True)
    second_language = models.CharField(
        _("Andre språk"),
        max_length=10,
        default="en",
        help_text=_("Språkkode for teksten på andre språk, for eksempel en (engelsk)."),
    )
    heading_second_language = models.CharField(
        _("Overskrift på andre språk"), max_length=200, blank=True
    )
    link_text_second_language = models.CharField(
        _("Lenketekst på andre språk"), max_length=200, blank=True
    )

    panels = [
        FieldPanel("is_active"),
        FieldPanel("ends_at"),
        FieldPanel("level"),
        MultiFieldPanel(
            [
                FieldPanel("heading"),
                FieldPanel("text"),
                FieldPanel("link_url"),
                FieldPanel("link_text"),
            ],
            heading=_("Norsk"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("second_language"),
                FieldPanel("heading_second_language"),
                FieldPanel("link_text_second_language"),
            ],
            heading=_("Andre språk (valgfritt)"),
        ),
    ]

    class Meta:
        verbose_name = _("Varselbanner")

    def clean(self):
        errors = {}
        if self.is_active and not (self.heading or self.text):
            errors["heading"] = _("Et aktivt varsel må ha overskrift eller tekst.")
        if self.link_url and not self.link_text:
            errors["link_text"] = _("Skriv en lenketekst som sier hvor lenken går.")
        if self.link_text and not self.link_url:
            errors["link_url"] = _("Lenketeksten trenger en adresse.")
        if self.link_text_second_language and not self.link_url:
            errors["link_url"] = _("Lenketeksten på andre språk trenger en adresse.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_shown(self):
        """Active, with something to say, and not past its end (the cached page frame may show
        it up to site_frame.TIMEOUT seconds longer)."""
        if self.ends_at and self.ends_at <= timezone.now():
            return False
        return self.is_active and bool(self.heading or self.text)


@register_setting(icon="site")
class FooterSettings(BaseSiteSetting):
    """Contact details and links in the footer of every page."""

    organisation = models.CharField(_("Virksomhet"), max_length=120, default="Asker kommune")
    address = models.TextField(_("Besøks- eller postadresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=30, blank=True)
    email = models.EmailField(_("E-post"), blank=True)
    contact_url = models.URLField(
        _("Lenke til «Kontakt oss»"),
        blank=True,
        help_text=_("Siden der innbyggerne finner alle måter å kontakte kommunen på."),
    )
    organisation_number = models.CharField(_("Organisasjonsnummer"), max_length=20, blank=True)
    opening_hours = RichTextField(_("Åpningstider"), blank=True, features=["bold", "link"])
    links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("Lenker i bunnteksten"),
        blank=True,
        help_text=_(
            "For eksempel personvernerklæring, tilgjengelighetserklæring og informasjonskapsler."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("contact_url"),
                FieldPanel("organisation_number"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Kontakt"),
        ),
        FieldPanel("links"),
    ]

    class Meta:
        verbose_name = _("Bunntekst")

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def has_contact(self):
        """Whether the footer can tell people how to reach the municipality."""
        return bool(self.address or self.phone or self.email or self.contact_url)
