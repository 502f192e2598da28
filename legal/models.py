"""The pages every public site must have: accessibility statement, privacy and cookies.

Each is a LegalPage under the home page, one of each kind per site, with its text in
Norwegian and, in the «English» tab, in English. Under /en/ a visitor reads the English
text where the editors wrote one, else the Norwegian one marked lang="nb" (see Shown).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
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


class LegalKind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Tilgjengelighetserklæring")
    PRIVACY = "privacy", _("Personvernerklæring")
    COOKIES = "cookies", _("Informasjonskapsler")


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


class LegalPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # A page being created has no place in the tree yet: check against its future parent.
        # Saved pages are checked in LegalPage.clean, which also runs outside the admin.
        kind = cleaned_data.get("kind")
        if kind and not self.instance.path and self.parent_page is not None:
            error = kind_taken_error(kind, self.parent_page, exclude_pk=None)
            if error:
                self.add_error("kind", error)
        return cleaned_data


def kind_taken_error(kind, parent, exclude_pk):
    """The error when the site under `parent` already has a page of this kind, else None."""
    other = (
        LegalPage.objects.child_of(parent)
        .filter(kind=kind)
        .exclude(pk=exclude_pk)
        .only("title")
        .first()
    )
    if other is None:
        return None
    return ValidationError(
        _(
            "Nettstedet har allerede en side av typen «%(kind)s»: «%(title)s». "
            "Rediger den siden i stedet for å lage en ny."
        ),
        code="kind_taken",
        params={"kind": LegalKind(kind).label, "title": other.title},
    )


class LegalPage(RememberRouteMixin, Page):
    """Accessibility statement, privacy statement or cookie information (one of each per site)."""

    kind = models.CharField(
        _("Type side"),
        max_length=20,
        choices=LegalKind.choices,
        help_text=_(
            "Nettstedet kan ha én side av hver type. Sidene vises i bunnteksten på alle sider."
        ),
    )
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

    # The accessibility statement (kind "accessibility"), after Digdir's model statement.
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

    # English versions, shown under /en/; an empty field shows the Norwegian text.
    title_en = models.CharField(_("Tittel på engelsk"), max_length=255, blank=True)
    lead_en = models.TextField(_("Ingress på engelsk"), max_length=600, blank=True)
    body_en = StreamField(BodyBlock(), verbose_name=_("Innhold på engelsk"), blank=True)
    scope_en = models.TextField(_("Hva erklæringen gjelder, på engelsk"), blank=True)
    testing_en = models.TextField(_("Slik testet vi, på engelsk"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
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
    english_panels = [
        FieldPanel("title_en"),
        FieldPanel("lead_en"),
        FieldPanel("body_en"),
        MultiFieldPanel(
            [FieldPanel("scope_en"), FieldPanel("testing_en")],
            heading=_("Tilgjengelighetserklæringen"),
            help_text=_("Avvikene har egne felt på engelsk under «Kjente avvik»."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Innhold")),
            ObjectList(
                statement_panels,
                heading=_("Tilgjengelighetserklæring"),
                help_text=_("Fyll ut denne fanen bare for tilgjengelighetserklæringen."),
            ),
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
    base_form_class = LegalPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("title_en"),
        index.SearchField("lead_en"),
        index.SearchField("body_en"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["asker.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Side om nettstedet")
        verbose_name_plural = _("Sider om nettstedet")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind and self.path:
            error = kind_taken_error(self.kind, self.get_parent(), exclude_pk=self.pk)
            if error:
                errors["kind"] = error
        if self.kind == LegalKind.ACCESSIBILITY:
            required = {
                "conformance": _("Velg hvor godt nettstedet oppfyller kravene."),
                "tested_on": _("Skriv datoen for den siste testen."),
                "feedback_email": _("Skriv e-postadressen brukere kan melde fra til."),
            }
            for name, message in required.items():
                if not getattr(self, name):
                    errors[name] = message
        if errors:
            raise ValidationError(errors)

    @property
    def feedback_phone_href(self):
        return tel_href(self.feedback_phone)

    @property
    def is_accessibility_statement(self):
        return self.kind == LegalKind.ACCESSIBILITY

    def shown(self):
        return Shown(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shown"] = self.shown()
        context["uutilsynet_url"] = UUTILSYNET_URL
        return context


class Shown:
    """The page as the visitor reads it in the active language.

    `shown.title`, `.lead`, `.body`, `.scope` and `.testing` are the English text under /en/
    when the editors wrote one, else the Norwegian; `shown.<name>_language` is the language
    it is in, and `shown.<name>_lang` the lang attribute it needs ("nb" for Norwegian text on
    an English page, else ""). Everything else comes from the page, so tags that read `page`
    (breadcrumbs, page_meta) can be given this instead."""

    TRANSLATED = ("title", "lead", "body", "scope", "testing")

    def __init__(self, page):
        self._page = page
        for name in self.TRANSLATED:
            text, language = pick(getattr(page, name), getattr(page, f"{name}_en"))
            setattr(self, name, text)
            setattr(self, f"{name}_language", language)
            setattr(self, f"{name}_lang", languages.lang_mark(language))
        # The editors' Norwegian SEO title and description would describe an English page.
        self.seo_title = "" if self.title_language == "en" else page.seo_title
        self.search_description = "" if self.lead_language == "en" else page.search_description

    def __getattr__(self, name):
        return getattr(self._page, name)
