"""Participation rounds on a plan and the input (innspill) citizens send while one is open."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from core import tokens
from core.blocks import RICH_TEXT_FEATURES
from core.text import without_bidi_controls
from participation.attachments import EXTENSIONS
from participation.storage import private_storage

# A public hearing should last at least six weeks (the norm of plan- og bygningsloven § 11-14).
HEARING_MIN_DAYS = 42


class RoundKind(models.TextChoices):
    EARLY_INPUT = "early_input", _("Innspill tidlig i arbeidet")
    HEARING = "hearing", _("Offentlig høring")


class RoundPurpose(models.TextChoices):
    """What a round asks about: the plan being made, or a plan already adopted."""

    PLAN = "plan", _("Planen som lages")
    REVISION = "revision", _("Revisjon av vedtatt plan")
    FOLLOW_UP = "follow_up", _("Oppfølging av vedtatt plan")


class RoundState(models.TextChoices):
    UPCOMING = "upcoming", _("Ikke åpnet ennå")
    OPEN = "open", _("Åpen for innspill")
    CLOSED = "closed", _("Stengt")


class RoundDocumentKind(models.TextChoices):
    DRAFT = "draft", _("Høringsutkast")
    LETTER = "letter", _("Høringsbrev")
    CONSULTEES = "consultees", _("Høringsinstanser")
    DECISION = "decision", _("Vedtak")
    OTHER = "other", _("Annet dokument")


class RoundDocumentBlock(blocks.StructBlock):
    """One document of a round: the draft plan, the consultation letter, the bodies consulted,
    or (with the summary) a decision the round led to."""

    kind = blocks.ChoiceBlock(
        label=_("Type"), choices=RoundDocumentKind.choices, default=RoundDocumentKind.DRAFT
    )
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Tittel"),
        required=False,
        max_length=200,
        help_text=_("Tom: dokumentets egen tittel."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Dokument")


class RoundDocumentsBlock(blocks.StreamBlock):
    document = RoundDocumentBlock()


class RoundCountsPanel(Panel):
    """In the round's editor, beside the summary: the input counted per topic and sender
    category, from the data (participation.summaries.counts, one query)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "participation/admin/round_counts.html"

        def get_context_data(self, parent_context=None):
            from participation.summaries import counts

            context = super().get_context_data(parent_context)
            context["counts"] = counts(self.instance) if self.instance.pk else None
            return context


class ParticipationRound(Orderable):
    """A period in which anyone may send input on a plan: early input or a public hearing."""

    page = ParentalKey(
        "themeplans.ThemePlanPage", on_delete=models.CASCADE, related_name="participation_rounds"
    )
    title = models.CharField(
        _("Navn på runden"),
        max_length=200,
        help_text=_("For eksempel «Innspill til kunnskapsgrunnlaget»."),
    )
    kind = models.CharField(
        _("Type"), max_length=20, choices=RoundKind, default=RoundKind.EARLY_INPUT
    )
    purpose = models.CharField(
        _("Gjelder"),
        max_length=20,
        choices=RoundPurpose,
        default=RoundPurpose.PLAN,
        help_text=_(
            "Velg revisjon eller oppfølging når planen allerede er vedtatt. Planen vises da "
            "fortsatt som vedtatt, og siden sier hva innspillene gjelder."
        ),
    )
    opens_at = models.DateTimeField(_("Åpner"), help_text=_("Dato og klokkeslett (norsk tid)."))
    closes_at = models.DateTimeField(
        _("Stenger"),
        help_text=_("Skjemaet stenger på dette tidspunktet (norsk tid), for eksempel kl. 23.59."),
    )
    intro = RichTextField(
        _("Hva vi vil ha innspill på"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Vises over skjemaet og på planens side."),
    )
    allow_attachments = models.BooleanField(
        _("Tillat vedlegg"),
        default=True,
        help_text=_("PDF, Word (DOCX), OpenDocument-tekst (ODT), JPEG eller PNG, høyst 10 MB."),
    )
    # Issue 19: a second pair of eyes on answers (participation.answer_approval).
    answers_need_approval = models.BooleanField(
        _("Svar må godkjennes"),
        default=False,
        help_text=_(
            "Et svar til avsenderen sendes først når en annen moderator enn den som skrev det, "
            "har godkjent det. Til da vises det ikke offentlig og sendes ikke på e-post. Gjelder "
            "fra planen er publisert."
        ),
    )

    documents = StreamField(
        RoundDocumentsBlock(),
        verbose_name=_("Dokumenter"),
        blank=True,
        help_text=_(
            "Høringsutkast, høringsbrev og liste over høringsinstanser. Vises på planens side "
            "og over skjemaet. Vedtak vises sammen med oppsummeringen."
        ),
    )
    # The report back: what came in and what the municipality does with it (issue 20).
    summary = RichTextField(
        _("Hva vi fikk inn og hva vi gjør med det"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Skriv når runden er stengt. Antall innspill per tema og avsender vises automatisk "
            "ved siden av teksten."
        ),
    )
    summary_published = models.BooleanField(
        _("Oppsummeringen er publisert"),
        default=False,
        help_text=_(
            "Når du publiserer planen med dette krysset av, vises oppsummeringen på planens side "
            "og sendes på e-post til alle som sendte innspill i runden og oppga e-post, og til "
            "dem som følger planen. Ingen får den to ganger."
        ),
    )
    summary_published_at = models.DateTimeField(
        _("Oppsummeringen publisert"), null=True, blank=True, editable=False
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind"), FieldPanel("purpose")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("intro"),
        FieldPanel("allow_attachments"),
        FieldPanel("answers_need_approval"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                RoundCountsPanel(),
                FieldPanel("summary"),
                FieldPanel("summary_published"),
            ],
            heading=_("Hva vi fikk inn og hva vi gjør med det"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Innspillsrunde")
        verbose_name_plural = _("Innspillsrunder")

    def __str__(self):
        return f"{self.title} ({self.page.title})" if self.page_id else self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Runden må stenge etter at den åpner.")})
        if self.summary_published and not self.summary_published_at:
            if not self.summary.strip():
                raise ValidationError(
                    {"summary_published": _("Skriv oppsummeringen før du publiserer den.")}
                )
            if self.closes_at and timezone.now() < self.closes_at:
                raise ValidationError(
                    {
                        "summary_published": _(
                            "Du kan publisere oppsummeringen når runden er stengt."
                        )
                    }
                )

    def save(self, *args, **kwargs):
        # The moment the summary is first published: its event's time, and the mails' start.
        # A revision saved before the first publish holds no moment: keep the stored one.
        if self.summary_published and self.summary_published_at is None:
            stored = None
            if self.pk:
                stored = (
                    type(self)
                    .objects.filter(pk=self.pk)
                    .values_list("summary_published_at", flat=True)
                    .first()
                )
            self.summary_published_at = stored or timezone.now().replace(microsecond=0)
        super().save(*args, **kwargs)

    @property
    def shows_summary(self):
        return bool(self.summary_published and self.summary_published_at and self.summary)

    def documents_of(self, *kinds):
        return [block.value for block in self.documents if block.value["kind"] in kinds]

    @property
    def hearing_documents(self):
        """The documents shown with the round (all but the decisions)."""
        return [b.value for b in self.documents if b.value["kind"] != RoundDocumentKind.DECISION]

    @property
    def decision_documents(self):
        return self.documents_of(RoundDocumentKind.DECISION)

    def state_at(self, moment=None):
        """Open from `opens_at` up to, not including, `closes_at`."""
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return RoundState.UPCOMING
        if moment < self.closes_at:
            return RoundState.OPEN
        return RoundState.CLOSED

    def is_open(self, moment=None):
        return self.state_at(moment) == RoundState.OPEN

    @property
    def duration_days(self):
        """Calendar days in Oslo, so a clock change does not make six weeks 41 days."""
        return (timezone.localdate(self.closes_at) - timezone.localdate(self.opens_at)).days

    @property
    def is_short_hearing(self):
        return self.kind == RoundKind.HEARING and self.duration_days < HEARING_MIN_DAYS


class RoundTag(models.Model):
    """A theme the moderators group a round's input by («Trafikk», «Skole»). Internal: never
    shown publicly, nor exported."""

    round = models.ForeignKey(
        ParticipationRound,
        verbose_name=_("Innspillsrunde"),
        on_delete=models.CASCADE,
        related_name="tags",
    )
    name = models.CharField(_("Stikkord"), max_length=50)

    class Meta:
        verbose_name = _("Stikkord")
        verbose_name_plural = _("Stikkord")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "round",
                Lower("name"),
                name="round_tag_unique_name",
                violation_error_message=_("Runden har allerede et stikkord med dette navnet."),
            )
        ]

    def __str__(self):
        return self.name


class SenderCategory(models.TextChoices):
    PRIVATE_PERSON = "private", _("Privatperson")
    ASSOCIATION = "association", _("Lag eller forening")
    BUSINESS = "business", _("Næringsliv")
    PUBLIC_BODY = "public", _("Offentlig virksomhet")


class Publication(models.TextChoices):
    NONE = "none", _("Ikke publiser innspillet")
    ANONYMOUS = "anonymous", _("Publiser innspillet uten navnet mitt")
    NAMED = "named", _("Publiser innspillet med navnet mitt")


class SubmissionState(models.TextChoices):
    RECEIVED = "received", _("Mottatt")
    PUBLISHED = "published", _("Publisert")
    DECLINED = "declined", _("Ikke publisert")
    # The sender asked us not to publish: read and taken into the work, no reason owed.
    HANDLED_PRIVATE = "handled_private", _("Behandlet, ikke publisert etter ønske")
    WITHDRAWN = "withdrawn", _("Trukket tilbake")


class AttachmentPublication(models.TextChoices):
    """What the public gets of the sender's attachment once the input is published."""

    AS_SENT = "as_sent", _("Publiser vedlegget slik det kom inn (uten skjulte metadata)")
    REMOVED = "removed", _("Ikke publiser vedlegget")
    REPLACED = "replaced", _("Publiser en sladdet versjon av vedlegget")


new_token = tokens.new_token


def attachment_path(submission, filename):
    """Stored under a random name: the sender's file name is never used as a path."""
    return f"innspill/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class SubmissionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=SubmissionState.PUBLISHED)

    def published_on(self, plan):
        return self.published().filter(round__page=plan)


class Submission(models.Model):
    """One input on a plan. A public record: it is answered and filed, never silently deleted."""

    round = models.ForeignKey(
        ParticipationRound,
        verbose_name=_("Innspillsrunde"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    # Null until the row has its primary key, which the reference is made from (see submit()).
    reference = models.CharField(  # noqa: DJ001
        _("Referanse"), max_length=20, unique=True, null=True, editable=False
    )
    name = models.CharField(_("Navn"), max_length=200)
    email = models.EmailField(_("E-post"), max_length=254)
    organisation = models.CharField(_("Organisasjon"), max_length=200, blank=True)
    category = models.CharField(_("Avsender"), max_length=20, choices=SenderCategory)
    topic = models.CharField(
        _("Tema"),
        max_length=300,
        blank=True,
        help_text=_("Temaet slik det het da innspillet kom inn."),
    )
    text = models.TextField(_("Innspill"))
    # The interface language the form was sent in: our best guess at the text's language (for
    # lang= on the pages) and the language of the sender's own mails, also when retried later.
    language = models.CharField(_("Språk i skjemaet"), max_length=8, default="nb", editable=False)
    attachment = models.FileField(
        _("Vedlegg"), storage=private_storage, upload_to=attachment_path, blank=True, max_length=200
    )
    # What the public downloads once the input is published: a copy without the file's
    # metadata (participation.public_copies). The original above is for staff only.
    public_attachment = models.FileField(
        _("Publisert vedlegg (uten metadata)"),
        storage=private_storage,
        upload_to=attachment_path,
        blank=True,
        max_length=200,
        editable=False,
    )
    # Redaction (sladding): what the public reads and downloads instead of what was sent. The
    # text and the attachment above are kept untouched for the case file.
    redacted_text = models.TextField(
        _("Publisert versjon av teksten"),
        blank=True,
        help_text=_(
            "Tom: teksten publiseres slik avsenderen skrev den. Skriv [sladdet] der du tar "
            "noe ut. Originalen blir stående i saken."
        ),
    )
    attachment_publication = models.CharField(
        _("Vedlegget på nettsiden"),
        max_length=10,
        choices=AttachmentPublication,
        default=AttachmentPublication.AS_SENT,
    )
    # The moderator's redacted file, checked like a sender's upload (participation.redaction).
    redacted_attachment = models.FileField(
        _("Sladdet vedlegg"),
        storage=private_storage,
        upload_to=attachment_path,
        blank=True,
        max_length=200,
        editable=False,
    )
    redacted_attachment_type = models.CharField(
        _("Filtype for sladdet vedlegg"), max_length=100, blank=True, editable=False
    )
    attachment_name = models.CharField(_("Filnavn på vedlegget"), max_length=200, blank=True)
    attachment_type = models.CharField(_("Filtype"), max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(_("Størrelse (byte)"), null=True, blank=True)
    publication = models.CharField(
        _("Ønske om publisering"), max_length=20, choices=Publication, default=Publication.NONE
    )
    privacy_accepted = models.BooleanField(_("Har lest personvernerklæringen"), default=False)

    state = models.CharField(
        _("Status"), max_length=20, choices=SubmissionState, default=SubmissionState.RECEIVED
    )
    decline_reason = models.TextField(
        _("Begrunnelse for ikke å publisere"),
        blank=True,
        help_text=_(
            "Publiseres ikke. Avsenderen ser den på sin egen side og i e-posten med svaret."
        ),
    )
    internal_note = models.TextField(
        _("Intern merknad"),
        blank=True,
        help_text=_("Bare for saksbehandlere. Vises aldri offentlig."),
    )
    answer = models.TextField(
        _("Kommunens svar"),
        blank=True,
        help_text=_("Vises offentlig sammen med innspillet og sendes til avsenderen på e-post."),
    )
    answered_at = models.DateTimeField(_("Svar sendt"), null=True, blank=True, editable=False)
    answer_sent = models.TextField(blank=True, editable=False)  # the answer last e-mailed
    # Who wrote the answer as it stands, and when: set whenever a moderator changes its text.
    # In a round whose answers need approval (participation.answer_approval) the answer is
    # given only once someone else has approved this very text (`answer_approved`), or has sent
    # it back with a comment.
    answer_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Svaret skrevet av"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_proposed_at = models.DateTimeField(
        _("Svaret skrevet"), null=True, blank=True, editable=False
    )
    answer_approved = models.TextField(blank=True, editable=False)  # the text last approved
    answer_returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Svaret sendt tilbake av"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_returned_at = models.DateTimeField(
        _("Svaret sendt tilbake"), null=True, blank=True, editable=False
    )
    answer_return_comment = models.TextField(_("Kommentar til svaret"), blank=True, editable=False)

    # The moderators' desk: who handles the input, and the round's themes it belongs to.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Saksbehandler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_submissions",
        help_text=_("Den som har ansvar for å behandle og svare på innspillet."),
    )
    tags = models.ManyToManyField(
        RoundTag,
        verbose_name=_("Stikkord"),
        blank=True,
        related_name="submissions",
        help_text=_("Stikkord for rundens temaer. Bare for saksbehandlere, vises aldri offentlig."),
    )

    received_at = models.DateTimeField(_("Mottatt"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("Sist endret"), auto_now=True)
    published_at = models.DateTimeField(_("Publisert"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("Trukket tilbake"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("Anonymisert"), null=True, blank=True, editable=False)
    # When the round's summary was mailed to this sender (participation.summaries): claimed
    # with one conditional UPDATE, so a sender is mailed once however often the plan is
    # published.
    summary_mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The one form this input came from (core.antispam.form_id): the same form sent again (a
    # double click, or «Send igjen» after a reply that was lost though the row was stored)
    # finds this row instead of storing the input twice. Null for input from before.
    form_stamp = models.CharField(  # noqa: DJ001
        max_length=32, unique=True, null=True, editable=False
    )

    objects = SubmissionQuerySet.as_manager()

    # Not in Wagtail's search index: the site search (participation/searchable.py) reads
    # published input from this table through partial indexes that hold published rows only,
    # so saving input that is not published costs no index work.

    class Meta:
        verbose_name = _("Innspill")
        verbose_name_plural = _("Innspill")
        ordering = ["-received_at"]
        # What the admin listing filters and sorts by (participation.moderation): a page of a
        # round or a state newest first, and the topics. Search has trigram indexes on
        # PostgreSQL (migration 0009).
        indexes = [
            models.Index(fields=["round", "state"]),
            models.Index(fields=["received_at"]),
            models.Index(fields=["state", "received_at"], name="submission_state_received"),
            models.Index(fields=["round", "received_at"], name="submission_round_received"),
            models.Index(fields=["topic"], name="submission_topic"),
            # A deep page's keys straight from the index (core.admin_paging).
            models.Index(fields=["received_at", "id"], name="submission_received_id"),
            # The moderators' dashboard (moderation/dashboard.py) counts the input still to
            # handle per round: these hold only those rows, so the counts read the backlog,
            # not all input.
            models.Index(
                fields=["round"],
                condition=models.Q(state="received"),
                name="submission_new_by_round",
            ),
            models.Index(
                fields=["round"],
                condition=models.Q(answered_at__isnull=True) & ~models.Q(state="withdrawn"),
                name="submission_unanswered",
            ),
        ]
        # Name and organisation in an export (participation.exports), apart from viewing input.
        permissions = [("export_personal_data", _("Kan eksportere personopplysninger"))]

    def __str__(self):
        return self.reference or gettext("Innspill %(number)s") % {"number": self.pk}

    # The form keeps bidi controls out (core.text); input stored before it did is published
    # without them too.
    @property
    def speaks_for_organisation(self):
        """Sent on behalf of an association, a business or a public body, named."""
        return bool(self.organisation) and self.category != SenderCategory.PRIVATE_PERSON

    @property
    def public_name(self):
        """The name shown with published input: only when the sender asked for it. Input from an
        organisation is published under the organisation's name, as regjeringen.no does."""
        if self.publication != Publication.NAMED or self.anonymised_at:
            return ""
        if self.speaks_for_organisation:
            return without_bidi_controls(self.organisation)
        name = f"{self.name}, {self.organisation}" if self.organisation else self.name
        return without_bidi_controls(name)

    @property
    def public_person(self):
        """Who sent an organisation's input, when they asked to be named."""
        if not self.public_name or not self.speaks_for_organisation:
            return ""
        return without_bidi_controls(self.name)

    @property
    def public_text(self):
        """The input's text as published: the moderator's redacted version when there is one.
        Every public place (pages, API, search) reads this, never `text`."""
        return without_bidi_controls(self.redacted_text or self.text)

    @property
    def text_redacted(self):
        return bool(self.redacted_text)

    @property
    def public_attachment_source(self):
        """(the stored file, its content type) the public copy is made from; (None, "") when
        the public gets no attachment."""
        if not self.attachment:
            return None, ""
        if self.attachment_publication == AttachmentPublication.REPLACED:
            if self.redacted_attachment:
                return self.redacted_attachment, self.redacted_attachment_type
            return None, ""
        if self.attachment_publication == AttachmentPublication.REMOVED:
            return None, ""
        return self.attachment, self.attachment_type

    @property
    def has_public_attachment(self):
        return bool(self.public_attachment_source[0])

    @property
    def attachment_redacted(self):
        return self.has_public_attachment and (
            self.attachment_publication == AttachmentPublication.REPLACED
        )

    @property
    def attachment_withheld(self):
        return bool(self.attachment) and not self.has_public_attachment

    @property
    def is_redacted(self):
        """Published shorter or blacked out than sent: the public page says so."""
        return self.text_redacted or self.attachment_redacted or self.attachment_withheld

    @property
    def is_answered(self):
        """The answer has gone out: e-mailed to the sender and, once published, shown with
        the input. An answer typed while the input is «Mottatt» waits, and does not count."""
        return self.answered_at is not None

    @property
    def can_withdraw(self):
        return self.state != SubmissionState.WITHDRAWN and self.round.is_open()

    @property
    def public_attachment_name(self):
        """The published attachment's name: the reference, never the sender's file name."""
        if self.attachment_redacted:
            extension = EXTENSIONS.get(self.redacted_attachment_type, "")
        elif "." in self.attachment_name:
            extension = self.attachment_name.rsplit(".", 1)[-1]
        else:
            extension = ""
        return f"{self.reference}.{extension}" if extension else self.reference

    def reference_for(self):
        year = timezone.localtime(self.received_at).year
        return f"INN-{year}-{self.pk:05d}"


class MailKind(models.TextChoices):
    """The mails about input (participation.mails), as staff see them named."""

    RECEIPT = "receipt", _("Kvittering til avsenderen")
    STAFF_NOTICE = "staff_notice", _("Varsel til saksbehandlerne")
    ANSWER = "answer", _("Svar til avsenderen")
    SUMMARY = "round_summary", _("Oppsummering av runden til avsenderen")


class ExportJobState(models.TextChoices):
    QUEUED = "queued", _("Venter")
    RUNNING = "running", _("Lages")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Feilet")


def export_path(job, filename):
    """Under a random name in private storage: only the download view hands it out."""
    return f"eksport/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class ExportJob(models.Model):
    """An export too large to make inside a request: made by the task worker and downloaded
    from «Eksporter» in the admin by whoever asked for it (participation.export_jobs)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Bestilt av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    round = models.ForeignKey(
        ParticipationRound,
        verbose_name=_("Innspillsrunde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filters = models.JSONField(_("Utvalg"), default=dict, blank=True)
    description = models.CharField(_("Hva"), max_length=300, blank=True)
    format = models.CharField(_("Format"), max_length=10)
    personal = models.BooleanField(_("Med navn og organisasjon"), default=False)
    state = models.CharField(
        _("Status"), max_length=10, choices=ExportJobState, default=ExportJobState.QUEUED
    )
    file = models.FileField(
        _("Fil"), storage=private_storage, upload_to=export_path, blank=True, max_length=200
    )
    filename = models.CharField(_("Filnavn"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("Rader"), null=True, blank=True)
    created_at = models.DateTimeField(_("Bestilt"), default=timezone.now)
    finished_at = models.DateTimeField(_("Ferdig"), null=True, blank=True)
    expires_at = models.DateTimeField(_("Slettes"), null=True, blank=True)

    class Meta:
        verbose_name = _("Eksport")
        verbose_name_plural = _("Eksporter")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return (
            self.filename or self.description or gettext("Eksport %(number)s") % {"number": self.pk}
        )
