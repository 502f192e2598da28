"""Demo participation from fixtures/participation.json: the climate plan's rounds and input.

Created when missing, never overwritten, except that the demo round is moved forward when it
has closed, so the form can always be tried on a site where the demo was loaded long ago.
"""

import json
from datetime import datetime, time, timedelta
from functools import cache

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from participation import events
from participation.models import (
    ParticipationRound,
    RoundDocumentKind,
    RoundKind,
    SenderCategory,
    Submission,
    SubmissionState,
)

FIXTURE = settings.BASE_DIR / "fixtures" / "participation.json"


@cache
def demo_data():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _moment(text):
    return timezone.make_aware(datetime.fromisoformat(text))


def _days_from_today(days, at):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def load_rounds():
    """The historical rounds and the open demo round, added through a published revision so
    the plan editor sees them."""
    data = demo_data()
    plan = Page.objects.get(slug=data["plan"]).specific
    existing = {r.title: r for r in plan.participation_rounds.all()}
    created = []
    demo = data["demo_round"]
    for item in data["rounds"]:
        if item["title"] not in existing:
            plan.participation_rounds.add(
                _round(item, _moment(item["opens_at"]), _moment(item["closes_at"]))
            )
            created.append(item["title"])
    opens = _days_from_today(demo["opens_days_from_today"], time(0, 0))
    closes = _days_from_today(demo["closes_days_from_today"], time(23, 59))
    demo_round = existing.get(demo["title"])
    if demo_round is None:
        plan.participation_rounds.add(_round(demo, opens, closes))
        created.append(demo["title"])
    elif not demo_round.is_open():
        demo_round.opens_at, demo_round.closes_at = opens, closes
        demo_round.save(update_fields=["opens_at", "closes_at"])
        created.append(f"{demo['title']} (flyttet fram)")
    if demo_round is not None and demo_round.purpose != demo["purpose"]:
        # Loaded before rounds had a purpose: the adopted plan's open round is its revision.
        demo_round.purpose = demo["purpose"]
        demo_round.save(update_fields=["purpose"])
        created.append(f"{demo['title']} (gjelder revisjon)")
    if created:
        plan.save_revision().publish()
    return created


def _round(item, opens_at, closes_at):
    return ParticipationRound(
        title=item["title"],
        kind=item["kind"],
        purpose=item.get("purpose", ParticipationRound._meta.get_field("purpose").default),
        opens_at=opens_at,
        closes_at=closes_at,
        intro=item["intro"],
        allow_attachments=item["allow_attachments"],
    )


def load_submissions():
    data = demo_data()
    demo_round = ParticipationRound.objects.get(
        page__slug=data["plan"], title=data["demo_round"]["title"]
    )
    if demo_round.submissions.exists():
        return []
    created = []
    now = timezone.now()
    for item in data["demo_submissions"]:
        received = now - timedelta(days=item["days_ago"])
        submission = Submission.objects.create(
            round=demo_round,
            name=item["name"],
            email=item["email"],
            organisation=item["organisation"],
            category=item["category"],
            topic=item["topic"],
            text=item["text"],
            publication=item["publication"],
            privacy_accepted=True,
            state=item["state"],
            decline_reason=item.get("decline_reason", ""),
            answer=item["answer"],
            answer_sent=item["answer"],
            answered_at=received + timedelta(hours=20) if item["answer"] else None,
            received_at=received,
            published_at=received + timedelta(hours=20)
            if item["state"] == SubmissionState.PUBLISHED
            else None,
            withdrawn_at=received + timedelta(hours=2)
            if item["state"] == SubmissionState.WITHDRAWN
            else None,
        )
        submission.reference = submission.reference_for()
        submission.save(update_fields=["reference"])
        events.record_answer(submission)  # as the services do when staff answer
        created.append(submission.reference)
    return created


def pdf_bytes(text):
    """A one-page PDF that says `text` (ASCII): a stand-in for a real document in the demo."""
    text = text.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_document(title, filename, text):
    """A demo document by its title: created once, found again on the next load."""
    documents = get_document_model().objects
    document = documents.filter(title=title).first()
    if document is None:
        document = documents.model(title=title)
        document.file.save(filename, ContentFile(pdf_bytes(text)), save=False)
        document.save()
    return document


# The water plan shows the report back: a closed round with its published summary, and a
# hearing with its documents (issue 20).
WATER_PLAN = "vann-og-vannmiljo"
WATER_CLOSED = "Innspill til kunnskapsgrunnlaget for vann (demo)"
WATER_HEARING = "Høring av temaplan for vann og vannmiljø (demo)"
WATER_SUMMARY = (
    "<p>Vi fikk inn innspill om overvann, badevann og bekkeåpning. Mange ber kommunen åpne "
    "lukkede bekker der det er mulig, og ta regnvann på overflaten i stedet for i rør.</p>"
    "<p><b>Dette gjør vi med innspillene:</b> Bekkeåpning og blågrønne løsninger blir egne "
    "innsatsområder i høringsutkastet. Forslagene om badevann sender vi til arbeidet med "
    "friluftsområdene. (Demo)</p>"
)
WATER_INPUT = [
    ("Demo Innbygger 1", "vann.demo1@example.no", "", SenderCategory.PRIVATE_PERSON, "Overvann"),
    ("Demo Innbygger 2", "vann.demo2@example.no", "", SenderCategory.PRIVATE_PERSON, "Badevann"),
    (
        "Demo Leder",
        "vann.demo3@example.no",
        "Eksempellaget for bekker (demo)",
        SenderCategory.ASSOCIATION,
        "Overvann",
    ),
    ("Demo Rådgiver", "vann.demo4@example.no", "Eksempel AS (demo)", SenderCategory.BUSINESS, ""),
]


def _water_documents():
    def document(kind, title, filename, shown):
        return (
            "document",
            {"kind": kind, "document": demo_document(title, filename, title), "title": shown},
        )

    return {
        "hearing": [
            document(
                RoundDocumentKind.DRAFT,
                "Høringsutkast: temaplan for vann og vannmiljø (demo)",
                "hoeringsutkast-vann.pdf",
                "Temaplan for vann og vannmiljø, utkast (demo)",
            ),
            document(
                RoundDocumentKind.LETTER,
                "Høringsbrev: temaplan for vann og vannmiljø (demo)",
                "hoeringsbrev-vann.pdf",
                "Brev om høringen (demo)",
            ),
            document(
                RoundDocumentKind.CONSULTEES,
                "Høringsinstanser: temaplan for vann og vannmiljø (demo)",
                "hoeringsinstanser-vann.pdf",
                "Hvem vi har sendt planen til (demo)",
            ),
        ],
        "decision": [
            document(
                RoundDocumentKind.DECISION,
                "Vedtak om høring av temaplan for vann og vannmiljø (demo)",
                "vedtak-hoering-vann.pdf",
                "Utvalgets vedtak om å sende planen på høring (demo)",
            )
        ],
    }


def load_report_back():
    """On the water plan: a closed round with input and its published summary, and an open
    hearing with its documents. Created when missing; the hearing is moved forward when it
    has closed, as the demo round is."""
    plan = Page.objects.filter(slug=WATER_PLAN).first()
    if plan is None:
        return []
    plan = plan.specific
    existing = {r.title: r for r in plan.participation_rounds.all()}
    documents = _water_documents()
    created = []
    if WATER_CLOSED not in existing:
        plan.participation_rounds.add(
            ParticipationRound(
                title=WATER_CLOSED,
                kind=RoundKind.EARLY_INPUT,
                opens_at=_days_from_today(-90, time(0, 0)),
                closes_at=_days_from_today(-40, time(23, 59)),
                intro="<p>Hva er viktig for vannet i Asker? (Demo)</p>",
                allow_attachments=False,
                documents=documents["decision"],
                summary=WATER_SUMMARY,
                summary_published=True,
            )
        )
        created.append(WATER_CLOSED)
    opens = _days_from_today(-3, time(0, 0))
    closes = _days_from_today(45, time(23, 59))
    hearing = existing.get(WATER_HEARING)
    if hearing is None:
        plan.participation_rounds.add(
            ParticipationRound(
                title=WATER_HEARING,
                kind=RoundKind.HEARING,
                opens_at=opens,
                closes_at=closes,
                intro="<p>Les høringsutkastet og si hva du mener. (Demo)</p>",
                allow_attachments=True,
                documents=documents["hearing"],
            )
        )
        created.append(WATER_HEARING)
    elif not hearing.is_open():
        hearing.opens_at, hearing.closes_at = opens, closes
        hearing.save(update_fields=["opens_at", "closes_at"])
        created.append(f"{WATER_HEARING} (flyttet fram)")
    if created:
        plan.save_revision().publish()
        closed = ParticipationRound.objects.get(page=plan, title=WATER_CLOSED)
        if not closed.submissions.exists():
            # Before the mailing the publish queued runs (when the transaction commits).
            _water_input(closed)
    return created


def _water_input(round):
    """The closed round's input, marked as mailed: the demo sends no summary to example.no."""
    received = round.closes_at - timedelta(days=20)
    for number, (name, email, organisation, category, topic) in enumerate(WATER_INPUT):
        submission = Submission.objects.create(
            round=round,
            name=name,
            email=email,
            organisation=organisation,
            category=category,
            topic=topic,
            text=f"(Demo) Innspill nummer {number + 1} om vann og vannmiljø.",
            publication="named" if organisation else "anonymous",
            privacy_accepted=True,
            state=SubmissionState.PUBLISHED,
            received_at=received + timedelta(days=number),
            published_at=received + timedelta(days=number + 1),
            summary_mailed_at=timezone.now(),
        )
        submission.reference = submission.reference_for()
        submission.save(update_fields=["reference"])
