"""The shapes of the API's responses: what the OpenAPI schema publishes and the tests check.

Every schema forbids fields it does not name, so the schema says `additionalProperties: false`
and nothing (a sender's e-mail, an internal note) can slip into a response unnoticed. The
endpoints build plain dicts with exactly these keys. Docstrings and descriptions are published
in the schema, so they are in Norwegian.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict, create_model

from participation.models import RoundKind, RoundState, SenderCategory
from themeplans import dates, phases
from themeplans.models.plans import PersonRole


class Out(Schema):
    model_config = ConfigDict(extra="forbid")


def _coded(name, choices, about):
    """A value from a fixed list: its code for programs and its Norwegian label for people."""
    codes = tuple(str(value) for value, _label in choices)
    return create_model(
        name,
        __base__=Out,
        __doc__=about,
        code=(Literal[codes], ...),
        label=(str, Field(..., description="Teksten nettstedet viser, på norsk.")),
    )


Phase = _coded("Phase", phases.PHASE_CHOICES, "Hvor langt arbeidet med planen har kommet.")
MilestoneKind = _coded("MilestoneKind", phases.KINDS, "Hva slags milepæl.")
MilestoneStatus = _coded(
    "MilestoneStatus",
    [("past", ""), ("current", ""), ("upcoming", "")],
    "Om milepælen er gjennomført, pågår eller kommer, vurdert i dag.",
)
Precision = _coded("Precision", dates.PRECISIONS, "Hvor nøyaktig datoen er kjent.")
RoleKind = _coded("Role", PersonRole.choices, "Personens rolle i arbeidet med planen.")
RoundKindCode = _coded("RoundKind", RoundKind.choices, "Tidlig innspill eller offentlig høring.")
RoundStateCode = _coded("RoundState", RoundState.choices, "Om runden er åpen for innspill nå.")
Category = _coded("SenderCategory", SenderCategory.choices, "Hva slags avsender innspillet har.")


class Error(Out):
    detail: str = Field(..., description="Hva som er galt, på norsk.")


class Link(Out):
    title: str
    url: str = Field(..., description="Full adresse.")


class DocumentLink(Link):
    description: str | None = None


class Endpoints(Out):
    plans: str
    openapi: str


class Index(Out):
    name: str
    description: str
    licence: str
    licence_url: str
    endpoints: Endpoints


class PoliticalBody(Out):
    name: str
    contact_url: str | None
    contact_email: str | None


class Decision(Out):
    """Et politisk vedtak, her vedtaket som flyttet en milepæl."""

    title: str
    body: str = Field(..., description="Organet som vedtok.")
    decided_on: date
    case_number: str | None
    url: str | None = Field(..., description="Vedtaksdokumentet eller lenken til vedtaket.")


class Milestone(Out):
    title: str
    kind: MilestoneKind
    starts_on: date = Field(..., description="Datoen slik den er lagret; se precision.")
    ends_on: date | None
    precision: Precision
    first_day: date = Field(..., description="Første dag milepælen gjelder for.")
    last_day: date = Field(..., description="Siste dag milepælen gjelder for.")
    display_date: str = Field(..., description="Datoen slik siden viser den, på norsk.")
    status: MilestoneStatus
    body: str | None = Field(..., description="Det politiske organet, hvis noe.")
    location: str | None
    url: str | None
    original_starts_on: date | None = Field(..., description="Datoen før et vedtak flyttet den.")
    display_original_date: str | None
    moved_by: Decision | None


class Round(Out):
    """En innspillsrunde: en periode der alle kan sende innspill til planen."""

    id: int
    title: str
    kind: RoundKindCode
    opens_at: datetime
    closes_at: datetime = Field(..., description="Innspill tas imot til, ikke med, dette.")
    state: RoundStateCode
    form_url: str | None = Field(..., description="Skjemaet for innspill, mens runden er åpen.")
    published_url: str = Field(..., description="Siden med publiserte innspill og svar.")
    published_count: int = Field(..., description="Antall publiserte innspill i runden.")


class PlanSummary(Out):
    id: int
    slug: str
    title: str
    url: str = Field(..., description="Planens side på nettstedet.")
    api_url: str = Field(..., description="Hele planen i API-et.")
    teaser: str
    phase: Phase | None
    next_milestone: Milestone | None = Field(..., description="Den neste som ikke er over.")
    open_round: Round | None = Field(..., description="Åpen runde; stenger den snart først.")
    last_published_at: datetime | None


class Mandate(Out):
    body: PoliticalBody | None
    decided_on: date | None
    case_number: str | None
    url: str | None = Field(..., description="Saken om mandatet.")
    document_url: str | None = Field(..., description="Mandatet som dokument.")


class Topic(Out):
    title: str
    description: str | None
    subtopics: list[str]


class Goal(Out):
    code: str
    title: str
    parent_code: str | None = Field(..., description="Hovedmålet, for et delmål.")


class FocusArea(Out):
    title: str
    description: str | None
    strategies: list[str]


class Person(Out):
    """En ansatt i kommunen som arbeider med planen, med kontaktinformasjon på jobb."""

    name: str
    title: str
    unit: str | None
    role: RoleKind
    email: str | None = Field(..., description="E-post på jobb.")
    phone: str | None = Field(..., description="Telefon på jobb.")


class KnowledgeBase(Out):
    text_html: str | None
    document: Link | None


class PlanDetail(PlanSummary):
    lead: str | None
    summary_html: str | None = Field(..., description="«Kort fortalt» som HTML.")
    mandate: Mandate
    processing_body: PoliticalBody | None = Field(..., description="Organet som behandler planen.")
    topics: list[Topic]
    goals: list[Goal] = Field(..., description="Mål fra kommuneplanens samfunnsdel.")
    focus_areas: list[FocusArea]
    milestones: list[Milestone]
    people: list[Person]
    knowledge_base: KnowledgeBase
    documents: list[DocumentLink]
    horizon_years: int | None
    revision_years: int | None
    adopted_on: date | None
    rounds: list[Round]
    submissions_url: str = Field(..., description="Publiserte innspill i API-et.")


class Submission(Out):
    """Et publisert innspill. Navnet er med bare når avsenderen ville publisere det."""

    reference: str
    round: str = Field(..., description="Navnet på innspillsrunden.")
    round_id: int
    category: Category
    name: str | None = Field(..., description="Bare når avsenderen ville publisere navnet.")
    topic: str | None
    text: str = Field(..., description="Teksten slik kommunen har publisert den.")
    attachment_url: str | None
    redacted: bool = Field(
        ...,
        description="Om kommunen har forkortet eller sladdet teksten, eller sladdet eller holdt "
        "tilbake vedlegget, før publisering.",
    )
    answer: str | None = Field(..., description="Kommunens svar.")
    answered_at: datetime | None
    received_at: datetime
    published_at: datetime | None


class Paged(Out):
    count: int = Field(..., description="Antall treff i alt.")
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None


class PlanPage(Paged):
    items: list[PlanSummary]


class SubmissionPage(Paged):
    items: list[Submission]
