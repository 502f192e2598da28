"""A round's input as a Word document for the saksframlegg: grouped by topic, with counts.

Each input is quoted with its reference, and with the sender's name (and organisation) only
where the sender asked to be published with their name and the name has not been deleted
(Submission.public_name). Input the sender withdrew is left out. The rows are read as plain
values in chunks, ordered by topic. (python-docx holds the document in memory while it is
made, so a large round's report is made by the task worker: participation.export_jobs.)
"""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import without_bidi_controls
from participation.models import Publication, SenderCategory, Submission, SubmissionState

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHUNK_ROWS = 2000


def included(round):
    return Submission.objects.filter(round=round).exclude(state=SubmissionState.WITHDRAWN)


def topic_label(topic):
    return topic or _("Uten tema")


def _sender(name, organisation, publication, anonymised_at):
    if publication != Publication.NAMED or anonymised_at:
        return ""
    return without_bidi_controls(f"{name}, {organisation}" if organisation else name)


def write(round, file):
    """Write the report for `round` to the binary file `file`; returns the number of inputs."""
    from docx import Document
    from docx.shared import Pt

    submissions = included(round)
    counts = {
        row["topic"]: row["count"]
        for row in submissions.order_by().values("topic").annotate(count=Count("pk"))
    }
    total = sum(counts.values())
    categories = dict(SenderCategory.choices)
    states = dict(SubmissionState.choices)

    document = Document()
    document.core_properties.title = f"{round.title} – {round.page.title}"
    document.core_properties.author = ""
    document.core_properties.comments = ""
    document.add_heading(_("Innspill til %(plan)s") % {"plan": round.page.title}, level=0)
    period = "{} – {}".format(
        timezone.localtime(round.opens_at).strftime("%d.%m.%Y"),
        timezone.localtime(round.closes_at).strftime("%d.%m.%Y"),
    )
    document.add_paragraph(f"{round.title} ({round.get_kind_display()}), {period}")
    document.add_paragraph(
        _(
            "%(count)s innspill, gruppert etter tema. Innspill som avsenderen har trukket "
            "tilbake, er ikke med. Avsenderens navn står bare der avsenderen ba om å bli "
            "publisert med navn."
        )
        % {"count": total}
    )

    document.add_heading(_("Antall innspill per tema"), level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = _("Tema")
    table.rows[0].cells[1].text = _("Antall")
    ordered_topics = sorted(counts, key=lambda topic: (topic == "", topic.casefold()))
    for topic in ordered_topics:
        cells = table.add_row().cells
        cells[0].text = topic_label(topic)
        cells[1].text = str(counts[topic])
    cells = table.add_row().cells
    cells[0].text, cells[1].text = _("I alt"), str(total)

    fields = (
        "topic",
        "reference",
        "received_at",
        "category",
        "state",
        "text",
        "redacted_text",
        "name",
        "organisation",
        "publication",
        "anonymised_at",
    )
    # Topics in order, then the input given without a topic, under «Uten tema».
    for part in (submissions.exclude(topic=""), submissions.filter(topic="")):
        current = None
        rows = part.order_by("topic", "received_at", "pk").values_list(*fields)
        for topic, *row in rows.iterator(chunk_size=CHUNK_ROWS):
            if topic != current:
                current = topic
                document.add_heading(f"{topic_label(topic)} ({counts[topic]})", level=1)
            _quote(document, row, categories, states, Pt)
    document.save(file)
    return total


def _quote(document, row, categories, states, Pt):
    reference, received_at, category, state, text, redacted, *sender_fields = row
    name, organisation, publication, anon = sender_fields
    sender = _sender(name, organisation, publication, anon)
    heading = document.add_paragraph()
    heading.add_run(reference).bold = True
    details = [
        timezone.localtime(received_at).strftime("%d.%m.%Y"),
        str(categories.get(category, category)),
        str(states.get(state, state)),
    ]
    if sender:
        details.insert(0, sender)
    heading.add_run(" – " + ", ".join(details))
    quote = document.add_paragraph(without_bidi_controls(text), style="Quote")
    quote.paragraph_format.space_after = Pt(12)
    if redacted:  # the original above is the record; this is what the public read
        document.add_paragraph().add_run(_("Publisert i sladdet versjon:")).italic = True
        public = document.add_paragraph(without_bidi_controls(redacted), style="Quote")
        public.paragraph_format.space_after = Pt(12)
