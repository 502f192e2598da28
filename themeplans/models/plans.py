"""The theme plan index, the plan pages and their inline parts (milestones, people)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page import models as routable
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.pages import RememberRouteMixin
from core.public_content import CACHED_CONTENT, CachedContentMixin
from participation.pages import ParticipationPageMixin, participation_by_page, rounds_tab
from subscriptions.pages import FollowAllPageMixin, FollowPageMixin
from themeplans import calendar, dates, feeds, phases, schedule
from themeplans.blocks import DocumentsBlock, FocusAreasBlock, TopicsBlock
from themeplans.models.snippets import PoliticalBody
from themeplans.publish_checks import PublishChecksPanel
from themeplans.validators import validate_case_number

OSLO = ZoneInfo("Europe/Oslo")

# Addresses the index's own routes take (rss/): a plan there could never be reached.
RESERVED_SLUGS = {"rss", "folg"}


# The feeds under the index and each plan, as visitors reach them (asker/urls.py).
FEED_PATHS = ("rss/", "kalender.ics")


def today():
    """Today's date in Europe/Oslo: the clock every phase is judged by."""
    return timezone.localdate()


class ThemePlanIndexPage(
    CachedContentMixin, FollowAllPageMixin, RememberRouteMixin, routable.RoutablePageMixin, Page
):
    """/temaplaner/: what a theme plan is, the schedule of all plans and one card per plan;
    people follow every plan by e-mail at /temaplaner/folg/."""

    intro = RichTextField(
        _("Innledning"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Vises øverst, under tittelen."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("Innhold"),
        blank=True,
        help_text=_("For eksempel «Hva er en temaplan?», medvirkning og lenke til planstrategien."),
    )
    schedule_intro = RichTextField(
        _("Om tidsplanen"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Vises over tidslinjen for alle planene."),
    )
    schedule_decisions = ParentalManyToManyField(
        "themeplans.PoliticalDecision",
        verbose_name=_("Vedtak om tidsplanen"),
        blank=True,
        related_name="+",
        help_text=_("Vedtak som endret tidsplanen for planene, for eksempel utsettelser."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("schedule_intro"), FieldPanel("schedule_decisions")], heading=_("Tidsplan")
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["asker.HomePage"]
    subpage_types = ["themeplans.ThemePlanPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Oversikt over temaplaner")

    def published_plans(self):
        """The live plans anyone may read, in the editors' order."""
        return ThemePlanPage.objects.child_of(self).live().public().order_by("path")

    def plans(self):
        """Published plans with everything their cards and the timeline show."""
        return self.published_plans().prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("moved_by__body").order_by("sort_order"),
            )
        )

    # /temaplaner/rss/ and /temaplaner/kalender.ics (asker/urls.py passes the .ics address to
    # Wagtail, whose own pattern takes no dots); Wagtail adds the trailing slash here.
    def get_cached_paths(self):
        """Purged from the cache in front with the page (core.front_cache): its feeds."""
        return [*super().get_cached_paths(), *FEED_PATHS]

    @routable.path("rss/", name="rss")
    def rss_feed(self, request):
        return feeds.feed_response(request, self, self.published_plans())

    @routable.re_path(r"^kalender\.ics/$", name="calendar")
    def calendar_feed(self, request):
        return calendar.calendar_response(
            request, self, self.published_plans(), Milestone.objects.all()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if CACHED_CONTENT in context:
            return context
        plans = list(self.plans())
        day, moment = today(), timezone.now()
        participation = participation_by_page(plans)
        context["today"] = day
        context["moment"] = moment
        context["plans"] = [
            {
                **plan.summary_for(day, participation[plan.pk]["rounds"], moment),
                "participation": participation[plan.pk],
            }
            for plan in plans
        ]
        context["decisions"] = list(
            self.schedule_decisions.select_related("body", "document").order_by("-decided_on")
        )
        return context


class ThemePlanPage(
    CachedContentMixin,
    ParticipationPageMixin,
    FollowPageMixin,
    RememberRouteMixin,
    routable.RoutablePageMixin,
    Page,
):
    """One theme plan: what it is about, its mandate, schedule, people and documents; people
    send input in its rounds (/innspill/) and follow it by e-mail (/folg/)."""

    teaser = models.CharField(
        _("Kort tekst til kort"),
        max_length=300,
        help_text=_("Vises på kortet i oversikten over temaplaner."),
    )
    lead = models.TextField(_("Ingress"), blank=True, max_length=1000)
    summary = RichTextField(_("Kort fortalt"), features=RICH_TEXT_FEATURES, blank=True)

    mandate_body = models.ForeignKey(
        "themeplans.PoliticalBody",
        verbose_name=_("Mandatet ble behandlet av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mandate_date = models.DateField(_("Dato for behandling av mandatet"), null=True, blank=True)
    mandate_case_number = models.CharField(
        _("Saksnummer for mandatet"),
        max_length=20,
        blank=True,
        validators=[validate_case_number],
        help_text=_("For eksempel 0008/20."),
    )
    mandate_url = models.URLField(_("Lenke til saken"), blank=True)
    mandate_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Mandatet som dokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    processing_body = models.ForeignKey(
        "themeplans.PoliticalBody",
        verbose_name=_("Organet som skal behandle planen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    topics = StreamField(TopicsBlock(), verbose_name=_("Temaer som skal utredes"), blank=True)
    goals = ParentalManyToManyField(
        "themeplans.PlanGoal",
        verbose_name=_("Mål fra kommuneplanens samfunnsdel"),
        blank=True,
        related_name="plans",
        help_text=_("Du legger inn målene under Temaplaner → Mål i kommuneplanen i menyen."),
    )
    focus_areas = StreamField(
        FocusAreasBlock(), verbose_name=_("Innsatsområder og strategier"), blank=True
    )

    knowledge_base_text = RichTextField(
        _("Om kunnskapsgrunnlaget"), features=RICH_TEXT_FEATURES, blank=True
    )
    knowledge_base_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Kunnskapsgrunnlaget"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    documents = StreamField(
        DocumentsBlock(), verbose_name=_("Relevante dokumenter og lenker"), blank=True
    )

    # «Gjeldende plan»: the adopted plan as a document, and the version it replaced.
    current_plan_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Gjeldende plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Den vedtatte planen som dokument."),
    )
    current_plan_date = models.DateField(
        _("Dato for gjeldende plan"),
        null=True,
        blank=True,
        help_text=_("Datoen planen ble vedtatt. Tom: datoen under «Vedtatt»."),
    )
    previous_plan_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Forrige versjon av planen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Planen som gjaldt før, når planen er revidert."),
    )
    previous_plan_date = models.DateField(_("Dato for forrige versjon"), null=True, blank=True)

    horizon_years = models.PositiveSmallIntegerField(_("Planperiode (år)"), default=12)
    revision_years = models.PositiveSmallIntegerField(_("Revideres hvert (år)"), default=4)
    adopted_on = models.DateField(
        _("Vedtatt"),
        null=True,
        blank=True,
        help_text=_("Datoen kommunestyret vedtok planen. Planen vises da som vedtatt."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("lead"),
        FieldPanel("summary"),
        FieldPanel("topics"),
        FieldPanel("goals"),
        FieldPanel("focus_areas"),
    ]
    mandate_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("mandate_body"), FieldPanel("mandate_date")]),
                FieldRowPanel([FieldPanel("mandate_case_number"), FieldPanel("mandate_url")]),
                FieldPanel("mandate_document"),
            ],
            heading=_("Mandat"),
        ),
        FieldPanel("processing_body"),
        FieldRowPanel(
            [FieldPanel("horizon_years"), FieldPanel("revision_years"), FieldPanel("adopted_on")],
            heading=_("Planperiode og vedtak"),
        ),
    ]
    schedule_panels = [InlinePanel("milestones", heading=_("Milepæler"), label=_("Milepæl"))]
    people_panels = [InlinePanel("people", heading=_("Personer"), label=_("Person"))]
    document_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("current_plan_document"), FieldPanel("current_plan_date")]
                ),
                FieldRowPanel(
                    [FieldPanel("previous_plan_document"), FieldPanel("previous_plan_date")]
                ),
            ],
            heading=_("Gjeldende plan"),
        ),
        FieldPanel("knowledge_base_text"),
        FieldPanel("knowledge_base_document"),
        FieldPanel("documents"),
    ]
    edit_handler = TabbedInterface(
        [
            PublishChecksPanel(),  # above the tabs, whichever is open
            ObjectList(content_panels, heading=_("Innhold")),
            ObjectList(mandate_panels, heading=_("Mandat og prosess")),
            ObjectList(schedule_panels, heading=_("Framdrift")),
            rounds_tab(),
            ObjectList(people_panels, heading=_("Personer")),
            ObjectList(document_panels, heading=_("Dokumenter")),
            ObjectList(Page.promote_panels, heading=_("Promotering")),
            ObjectList(Page.settings_panels, heading=_("Innstillinger")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("lead"),
        index.SearchField("summary"),
        index.SearchField("topics"),
        index.SearchField("focus_areas"),
    ]

    parent_page_types = ["themeplans.ThemePlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Temaplan")
        verbose_name_plural = _("Temaplaner")

    def clean(self):
        super().clean()
        if self.mandate_case_number and not self.mandate_body:
            raise ValidationError({"mandate_body": _("Velg organet som behandlet mandatet.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("«%(slug)s» er adressen til nyhetsstrømmen. Velg en annen adresse.")
                    % {"slug": self.slug}
                }
            )

    def participation_topics(self):
        """The topics and subtopics to be studied, as the labels a sender picks from."""
        labels = []
        for block in self.topics:
            title = block.value["title"]
            labels.append(title)
            labels += [f"{title}: {sub}" for sub in block.value["subtopics"]]
        return labels

    def phase(self, day, milestones):
        """The phase on the given day from the milestones alone (see `status` for the page's)."""
        return phases.current_phase([m.span for m in milestones], day, self.adopted_on)

    def status(self, day, milestones, rounds, moment):
        """The one status the pages show: phase and open input, from milestones and rounds the
        caller has already loaded (themeplans.phases.plan_status)."""
        return phases.plan_status(
            [m.span for m in milestones],
            [round_span(r) for r in rounds],
            day,
            moment,
            self.adopted_on,
        )

    def summary_for(self, day, rounds=(), moment=None):
        """What a card and the timeline show of this plan on the given day: `rounds` are its
        participation rounds, already loaded (participation.pages.participation_by_page)."""
        moment = moment or timezone.now()
        milestones = list(self.milestones.all())
        status = self.status(day, milestones, rounds, moment)
        return {
            "page": self,
            "phase": status.phase,
            "status": status,
            "next_milestone": phases.next_milestone(milestones, day, span=lambda m: m.span),
            "milestones": milestones,
            "rounds": list(rounds),
        }

    def get_cached_paths(self):
        """Purged from the cache in front with the page (core.front_cache): its feeds, and
        (through the participation mixin) its published input."""
        return [*super().get_cached_paths(), *FEED_PATHS]

    @routable.path("rss/", name="rss")
    def rss_feed(self, request):
        return feeds.feed_response(request, self, [self])

    @routable.re_path(r"^kalender\.ics/$", name="calendar")
    def calendar_feed(self, request):
        return calendar.calendar_response(request, self, [self], Milestone.objects.all())

    @property
    def current_plan_day(self):
        """The date the current plan is from: its own, or the adoption date."""
        return self.current_plan_date or self.adopted_on

    def _load_bodies(self):
        """Both political bodies of the mandate in one query instead of one each."""
        ids = {self.mandate_body_id, self.processing_body_id} - {None}
        bodies = PoliticalBody.objects.in_bulk(ids) if ids else {}
        self.mandate_body = bodies.get(self.mandate_body_id)
        self.processing_body = bodies.get(self.processing_body_id)

    PAGE_DOCUMENTS = (
        "current_plan_document",
        "previous_plan_document",
        "mandate_document",
        "knowledge_base_document",
    )

    def _load_plan_documents(self):
        """The page's own documents (the current and previous plan, the mandate, the knowledge
        base) in one query instead of one each."""
        ids = {getattr(self, f"{name}_id") for name in self.PAGE_DOCUMENTS} - {None}
        documents = get_document_model().objects.in_bulk(ids) if ids else {}
        for name in self.PAGE_DOCUMENTS:
            setattr(self, name, documents.get(getattr(self, f"{name}_id")))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if CACHED_CONTENT in context:
            return context
        day = today()
        self._load_bodies()
        self._load_plan_documents()
        milestones = list(
            self.milestones.select_related("body", "moved_by__body", "moved_by__document").order_by(
                "sort_order"
            )
        )
        people = list(self.people.select_related("person").order_by("sort_order"))
        moment = timezone.now()
        status = self.status(day, milestones, context["participation"]["rounds"], moment)
        context.update(
            today=day,
            moment=moment,
            milestones=milestones,
            phase=status.phase,
            status=status,
            progress_rounds=schedule.drawn_rounds(context["participation"]["rounds"], moment),
            people=people,
            contact=plan_contact(people),
            goals=list(self.goals.select_related("parent").order_by("code")),
        )
        return context


def round_span(item):
    """What the status needs from a participation round (themeplans.phases.RoundSpan)."""
    return phases.RoundSpan(
        kind=item.kind, purpose=item.purpose, opens_at=item.opens_at, closes_at=item.closes_at
    )


class Milestone(Orderable):
    """A step in a plan's schedule, shown with the precision the municipality knows it to."""

    page = ParentalKey(ThemePlanPage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Navn på milepælen"), max_length=250)
    kind = models.CharField(_("Type"), max_length=30, choices=phases.KINDS, default=phases.OTHER)
    starts_on = models.DateField(_("Dato eller start"))
    ends_on = models.DateField(
        _("Slutt"),
        null=True,
        blank=True,
        help_text=_("Bare for en periode, for eksempel 1.–3. kvartal."),
    )
    precision = models.CharField(
        _("Vis som"),
        max_length=10,
        choices=dates.PRECISIONS,
        default=dates.DAY,
        help_text=_(
            "Velg hvor nøyaktig datoen er kjent. Kvartal vises for eksempel som «1. kvartal 2021»."
        ),
    )
    body = models.ForeignKey(
        "themeplans.PoliticalBody",
        verbose_name=_("Politisk organ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.TimeField(
        _("Klokkeslett"),
        null=True,
        blank=True,
        help_text=_("For et møte eller verksted: når det starter, for eksempel 18.00."),
    )
    ends_at = models.TimeField(_("Slutter kl."), null=True, blank=True)
    location = models.CharField(
        _("Sted"), max_length=200, blank=True, help_text=_("For eksempel «Asker kulturhus».")
    )
    link_url = models.URLField(_("Lenke"), blank=True)
    signup_url = models.URLField(
        _("Lenke til påmelding"),
        blank=True,
        help_text=_("For et møte eller verksted der deltakerne melder seg på."),
    )
    original_starts_on = models.DateField(
        _("Opprinnelig dato"),
        null=True,
        blank=True,
        help_text=_("Datoen milepælen hadde før vedtaket."),
    )
    moved_by = models.ForeignKey(
        "themeplans.PoliticalDecision",
        verbose_name=_("Flyttet av vedtak"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moved_milestones",
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("precision")]),
        FieldRowPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("location")],
            heading=_("Møte eller verksted"),
        ),
        FieldRowPanel([FieldPanel("body"), FieldPanel("link_url"), FieldPanel("signup_url")]),
        FieldRowPanel(
            [FieldPanel("moved_by"), FieldPanel("original_starts_on")],
            heading=_("Hvis et vedtak har flyttet milepælen"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Milepæl")
        verbose_name_plural = _("Milepæler")

    def __str__(self):
        return f"{self.title} ({self.display_date})"

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Slutten kan ikke være før starten. Sjekk datoene.")
        if self.starts_at or self.ends_at:
            if self.ends_on or self.precision != dates.DAY:
                errors["starts_at"] = _(
                    "Et klokkeslett passer bare for en milepæl på én bestemt dag. Fjern "
                    "sluttdatoen og vis datoen som dag, eller fjern klokkeslettet."
                )
            elif not self.starts_at:
                errors["starts_at"] = _("Skriv når milepælen starter.")
            elif self.ends_at and self.ends_at <= self.starts_at:
                errors["ends_at"] = _("Slutten må være etter starten. Sjekk klokkeslettene.")
        if self.moved_by_id and not self.original_starts_on:
            errors["original_starts_on"] = _(
                "Skriv inn den opprinnelige datoen, slik at leserne ser hva vedtaket endret."
            )
        if self.original_starts_on and not self.moved_by_id:
            errors["moved_by"] = _(
                "Velg vedtaket som flyttet milepælen, eller fjern den opprinnelige datoen."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def span(self):
        first_day = dates.period(self.starts_on, self.precision)[0]
        last_day = dates.period(self.ends_on or self.starts_on, self.precision)[1]
        return phases.MilestoneSpan(kind=self.kind, first_day=first_day, last_day=last_day)

    @property
    def display_date(self):
        return dates.format_span(self.starts_on, self.ends_on, self.precision)

    @property
    def is_timed(self):
        """A meeting on one known day at a known time (a folkemøte, a verksted)."""
        return bool(self.starts_at) and self.precision == dates.DAY and not self.ends_on

    def _moment(self, clock):
        return timezone.make_aware(datetime.combine(self.starts_on, clock), OSLO)

    @property
    def starts(self):
        """The aware start in Europe/Oslo, or None for a milestone without a time."""
        return self._moment(self.starts_at) if self.is_timed else None

    @property
    def ends(self):
        return self._moment(self.ends_at) if self.is_timed and self.ends_at else None

    @property
    def display_time(self):
        """«kl. 18.00–20.00» or «kl. 18.00», or "" for a milestone without a time."""
        if not self.is_timed:
            return ""
        if self.ends_at:
            return _("kl. %(start)s–%(end)s") % {
                "start": self.starts_at.strftime("%H.%M"),
                "end": self.ends_at.strftime("%H.%M"),
            }
        return _("kl. %(start)s") % {"start": self.starts_at.strftime("%H.%M")}

    @property
    def display_original_date(self):
        return (
            dates.format_date(self.original_starts_on, self.precision)
            if self.original_starts_on
            else ""
        )


class PersonRole(models.TextChoices):
    RESPONSIBLE_DIRECTOR = "responsible_director", _("Ansvarlig direktør")
    PROFESSIONAL_LEAD = "professional_lead", _("Fagansvarlig")
    CONTACT = "contact", _("Kontaktperson")


def plan_contact(people):
    """The person a citizen should contact about the plan: the first one with public contact
    details, a «Kontaktperson» before the others; None when nobody may be contacted."""
    contactable = [member for member in people if member.person.is_contactable]
    return min(contactable, key=lambda member: member.role != PersonRole.CONTACT, default=None)


class PlanPerson(Orderable):
    page = ParentalKey(ThemePlanPage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        "themeplans.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("Rolle"), max_length=30, choices=PersonRole.choices)

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Person på planen")
        verbose_name_plural = _("Personer på planen")

    def __str__(self):
        return f"{self.get_role_display()}: {self.person.name}"
