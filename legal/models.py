"""The pages every public site must have: accessibility statement, privacy and cookies.

Each is a page type of its own under the home page, at most one of each per site
(Wagtail's max_count_per_parent), sharing LegalPage's fields: the text in Norwegian and,
in the «English» tab, in English. Under /en/ a visitor reads the English text where the
editors wrote one, else the Norwegian one marked lang="nb" (see Shown).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core import languages
from core.blocks import BodyBlock
from core.links import tel_href
from core.pages import RememberRouteMixin
from legal import wcag

UUTILSYNET_URL = "https://www.uutilsynet.no/"


def pick(norwegian, english):
    """The text a visitor reads and the language it is in: the English text under /en/ when
    the editors wrote one, else the Norwegian."""
    if english and languages.active_language() == "en":
        return english, "en"
    return norwegian, "nb"


class ConformanceStatus(models.TextChoices):
    MEETS = "meets", _("Oppfyller kravene")
    PARTLY = "partly", _("Oppfyller kravene delvis")
    DOES_NOT_MEET = "does_not_meet", _("Oppfyller ikke kravene")


class KnownIssueValue(blocks.StructValue):
    """One known problem as the visitor reads it, in the active language."""

    def criterion_label(self):
        return wcag.label(self.get("criterion"))

    def _shown(self, field):
        """(text, lang attribute) of a field with an English twin `<field>_en`."""
        text, language = pick(self.get(field), self.get(f"{field}_en"))
        return text, languages.lang_mark(language)

    # Not "problem": templates look up a StructValue's keys before its methods.
    def problem_text(self):
        return self._shown("problem")[0]

    def problem_lang(self):
        return self._shown("problem")[1]

    def workaround_text(self):
        return self._shown("workaround")[0]

    def workaround_lang(self):
        return self._shown("workaround")[1]


class KnownIssueBlock(blocks.StructBlock):
    criterion = blocks.ChoiceBlock(
        label=_("Suksesskriterium i WCAG 2.1"),
        choices=wcag.choices,
        help_text=_(
            "Kravet som ikke er oppfylt. Gjelder avviket flere krav, lag ett avvik per krav."
        ),
    )
    problem = blocks.TextBlock(
        label=_("Hva som ikke fungerer"),
        help_text=_("Si hvor på nettstedet det er, og hvem det stopper. Skriv kort og konkret."),
    )
    workaround = blocks.TextBlock(
        label=_("Slik kommer du rundt det"),
        required=False,
        help_text=_("Hva brukeren kan gjøre i mellomtiden, for eksempel hvem hun kan kontakte."),
    )
    fix_by = blocks.DateBlock(
        label=_("Rettes innen"),
        required=False,
        help_text=_("La feltet stå tomt hvis dere ikke har en dato ennå. Siden sier det da."),
    )
    problem_en = blocks.TextBlock(label=_("Hva som ikke fungerer, på engelsk"), required=False)
    workaround_en = blocks.TextBlock(
        label=_("Slik kommer du rundt det, på engelsk"), required=False
    )

    class Meta:
        icon = "warning"
        label = _("Kjent avvik")
        value_class = KnownIssueValue


def legal_edit_handler(content_panels, english_panels, extra_tabs=()):
    """The tabs of a legal page: content, the page type's own tabs, English, promotion and
    settings."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Innhold")),
            *extra_tabs,
            ObjectList(
                english_panels,
                heading=_("English"),
                help_text=_(
                    "Vises for besøkende på engelsk (adresser som begynner med /en/). "
                    "Tomme felt viser den norske teksten."
                ),
            ),
            ObjectList(Page.promote_panels, heading=_("Promotering")),
            ObjectList(Page.settings_panels, heading=_("Innstillinger")),
        ]
    )


class LegalPage(RememberRouteMixin, Page):
    """What the pages about the site share. Not created itself: editors pick one of the page
    types below. A concrete model, so the footer and the admin listing read every legal page
    from one table in one query, and the pages kept their rows when the types were split."""

    lead = models.TextField(
        _("Ingress"),
        max_length=600,
        blank=True,
        help_text=_("Ett eller to korte avsnitt som sier hva siden handler om."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("Innhold"),
        blank=True,
        help_text=_("Bruk overskrifter, så er siden lett å skumme og å lese med skjermleser."),
    )
    last_reviewed = models.DateField(
        _("Sist gjennomgått"),
        default=timezone.localdate,
        help_text=_("Datoen dere sist sjekket at teksten stemmer. Vises på siden."),
    )

    # English versions, shown under /en/; an empty field shows the Norwegian text.
    title_en = models.CharField(_("Tittel på engelsk"), max_length=255, blank=True)
    lead_en = models.TextField(_("Ingress på engelsk"), max_length=600, blank=True)
    body_en = StreamField(BodyBlock(), verbose_name=_("Innhold på engelsk"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    english_panels = [FieldPanel("title_en"), FieldPanel("lead_en"), FieldPanel("body_en")]
    edit_handler = legal_edit_handler(content_panels, english_panels)
    translated_fields = ("title", "lead", "body")  # each with a twin `<name>_en`; see Shown

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("title_en"),
        index.SearchField("lead_en"),
        index.SearchField("body_en"),
    ]

    is_creatable = False
    parent_page_types = ["asker.HomePage"]
    subpage_types = []
    # Inherited: at most one page of each type under the home page, so one per site. Wagtail
    # leaves a type out of «Legg til underside» once the site has one, and refuses its form.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Side om nettstedet")
        verbose_name_plural = _("Sider om nettstedet")

    def shown(self):
        return Shown(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shown"] = self.shown()
        return context


class AccessibilityStatementPage(LegalPage):
    """The accessibility statement the regulation on universal design of ICT requires, after
    Digdir's model statement (uustatus.no)."""

    scope = models.TextField(
        _("Hva erklæringen gjelder"),
        blank=True,
        help_text=_("Hvilket nettsted og hvilke deler av det erklæringen gjelder."),
    )
    conformance = models.CharField(
        _("Status"),
        max_length=20,
        choices=ConformanceStatus.choices,
        blank=True,
        help_text=_("Hvor godt nettstedet oppfyller kravene i WCAG 2.1 på nivå AA."),
    )
    known_issues = StreamField(
        [("issue", KnownIssueBlock())],
        verbose_name=_("Kjente avvik"),
        blank=True,
        help_text=_("Alt dere vet ikke fungerer, med kravet det bryter og når det blir rettet."),
    )
    testing = models.TextField(
        _("Slik testet vi"),
        blank=True,
        help_text=_("Hvem som testet, hvordan og med hvilke verktøy."),
    )
    tested_on = models.DateField(
        _("Sist testet"), null=True, blank=True, help_text=_("Datoen for den siste testen.")
    )
    statement_made_on = models.DateField(
        _("Erklæringen ble laget"),
        null=True,
        blank=True,
        help_text=_(
            "Datoen erklæringen ble laget første gang. «Sist gjennomgått» viser "
            "når den sist ble oppdatert."
        ),
    )
    feedback_email = models.EmailField(
        _("E-post for tilbakemeldinger"),
        blank=True,
        help_text=_("Hit kan brukere melde fra om noe som ikke fungerer."),
    )
    feedback_phone = models.CharField(_("Telefon for tilbakemeldinger"), max_length=30, blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("Svartid i virkedager"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Hvor mange virkedager det høyst tar før brukeren får svar."),
    )
    uustatus_url = models.URLField(
        _("Erklæringen på uustatus.no"),
        blank=True,
        help_text=_(
            "Lenken til erklæringen slik den er registrert hos Tilsynet for universell "
            "utforming av ikt, for eksempel https://uustatus.no/nb/erklaringer/publisert/…"
        ),
    )
    scope_en = models.TextField(_("Hva erklæringen gjelder, på engelsk"), blank=True)
    testing_en = models.TextField(_("Slik testet vi, på engelsk"), blank=True)
    translated_fields = (*LegalPage.translated_fields, "scope", "testing")

    statement_panels = [
        FieldPanel("scope"),
        FieldPanel("conformance"),
        FieldPanel("known_issues"),
        MultiFieldPanel(
            [
                FieldPanel("testing"),
                FieldRowPanel([FieldPanel("tested_on"), FieldPanel("statement_made_on")]),
            ],
            heading=_("Testing"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
                FieldPanel("response_days"),
            ],
            heading=_("Tilbakemeldinger"),
        ),
        FieldPanel("uustatus_url"),
    ]
    edit_handler = legal_edit_handler(
        LegalPage.content_panels,
        [
            *LegalPage.english_panels,
            MultiFieldPanel(
                [FieldPanel("scope_en"), FieldPanel("testing_en")],
                heading=_("Tilgjengelighetserklæringen"),
                help_text=_("Avvikene har egne felt på engelsk under «Kjente avvik»."),
            ),
        ],
        extra_tabs=[ObjectList(statement_panels, heading=_("Tilgjengelighetserklæring"))],
    )
    page_description = _(
        "Sier hvor godt nettstedet oppfyller kravene til universell utforming, og hva som "
        "ikke fungerer ennå. Nettstedet kan ha én slik side. Den vises i bunnteksten."
    )

    class Meta:
        verbose_name = _("Tilgjengelighetserklæring")
        verbose_name_plural = _("Tilgjengelighetserklæringer")

    def clean(self):
        super().clean()
        required = {
            "conformance": _("Velg hvor godt nettstedet oppfyller kravene."),
            "tested_on": _("Skriv datoen for den siste testen."),
            "feedback_email": _("Skriv e-postadressen brukere kan melde fra til."),
        }
        errors = {name: message for name, message in required.items() if not getattr(self, name)}
        if errors:
            raise ValidationError(errors)

    @property
    def feedback_phone_href(self):
        return tel_href(self.feedback_phone)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["uutilsynet_url"] = UUTILSYNET_URL
        return context


class PrivacyPage(LegalPage):
    """What the site does with personal data, and the visitor's rights."""

    template = LegalPage.template  # the shared template; the statement has its own
    page_description = _(
        "Sier hvilke personopplysninger nettstedet behandler og hvorfor. Nettstedet kan ha "
        "én slik side. Den vises i bunnteksten."
    )

    class Meta:
        verbose_name = _("Personvernerklæring")
        verbose_name_plural = _("Personvernerklæringer")


class CookiesPage(LegalPage):
    """Which cookies the site sets, and why it needs no consent for them."""

    template = LegalPage.template  # the shared template; the statement has its own
    page_description = _(
        "Sier hvilke informasjonskapsler nettstedet bruker. Nettstedet kan ha én slik side. "
        "Den vises i bunnteksten."
    )

    class Meta:
        verbose_name = _("Informasjonskapsler")
        verbose_name_plural = _("Informasjonskapsler")


class Shown:
    """The page as the visitor reads it in the active language.

    Each of the page's `translated_fields` (`shown.title`, `.lead`, …) is the English text
    under /en/ when the editors wrote one, else the Norwegian; `shown.<name>_language` is the
    language it is in, and `shown.<name>_lang` the lang attribute it needs ("nb" for Norwegian
    text on an English page, else ""). Everything else comes from the page, so tags that read
    `page` (breadcrumbs, page_meta) can be given this instead."""

    def __init__(self, page):
        self._page = page
        for name in page.translated_fields:
            text, language = pick(getattr(page, name), getattr(page, f"{name}_en"))
            setattr(self, name, text)
            setattr(self, f"{name}_language", language)
            setattr(self, f"{name}_lang", languages.lang_mark(language))
        # The editors' Norwegian SEO title and description would describe an English page.
        self.seo_title = "" if self.title_language == "en" else page.seo_title
        self.search_description = "" if self.lead_language == "en" else page.search_description

    def __getattr__(self, name):
        return getattr(self._page, name)
