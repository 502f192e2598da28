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
LANGUAGE = "nb-NO"


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

    submissions = included(round)
    counts = {
        row["topic"]: row["count"]
        for row in submissions.order_by().values("topic").annotate(count=Count("pk"))
    }
    total = sum(counts.values())
    categories = dict(SenderCategory.choices)
    states = dict(SubmissionState.choices)

    document = Document()
    _set_up(document, f"{round.title} – {round.page.title}")
    document.add_heading(_("Innspill til %(plan)s") % {"plan": round.page.title}, level=0)
    _facts(
        document,
        [
            (_("Runde"), round.title),
            (_("Type"), round.get_kind_display()),
            (_("Periode"), f"{_day(round.opens_at)}–{_day(round.closes_at)}"),
            (_("Laget"), _day(timezone.now())),
        ],
    )
    document.add_paragraph(
        _(
            "%(count)s innspill, gruppert etter tema. Innspill som avsenderen har trukket "
            "tilbake, er ikke med. Avsenderens navn står bare der avsenderen ba om å bli "
            "publisert med navn."
        )
        % {"count": total}
    )

    document.add_heading(_("Antall innspill per tema"), level=1)
    ordered_topics = sorted(counts, key=lambda topic: (topic == "", topic.casefold()))
    _counts_table(
        document, [(topic_label(topic), counts[topic]) for topic in ordered_topics], total
    )

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
            _quote(document, row, categories, states)
    document.save(file)
    return total


def _day(moment):
    """A day the Norwegian way, 04.09.2026, in Norwegian time."""
    return timezone.localtime(moment).strftime("%d.%m.%Y")


def _set_up(document, title):
    """A4 in Norwegian with page numbers: python-docx's template is US Letter in English, with
    its own author and a creation date in 2013."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    now = timezone.now()
    properties = document.core_properties
    properties.title, properties.author, properties.comments = title, "", ""
    properties.last_modified_by, properties.language = "", LANGUAGE
    properties.created = properties.modified = now
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    normal.element.get_or_add_rPr().append(language)  # Word's spelling check in Bokmål
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    footer.add_run(_("Side") + " ")
    _field(footer, "PAGE")
    footer.add_run(" " + _("av") + " ")
    _field(footer, "NUMPAGES")


def _field(paragraph, instruction):
    """A field Word fills in when it shows the page (the page number, the number of pages)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _facts(document, facts):
    """The round's facts as short «label: value» lines, one paragraph."""
    paragraph = document.add_paragraph()
    for number, (label, value) in enumerate(facts):
        run = paragraph.add_run(f"{label}: ")
        run.bold = True
        run = paragraph.add_run(str(value))
        if number < len(facts) - 1:
            run.add_break()


def _counts_table(document, rows, total):
    """Topic and count, the counts right-aligned in a narrow column, headings and total bold;
    the heading row repeats when the table runs onto the next page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    widths = (Cm(13), Cm(3))
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads; Word reads the cells'
    lines = [(_("Tema"), _("Antall"), True), *((t, c, False) for t, c in rows)]
    for topic, count, bold in [*lines, (_("I alt"), total, True)]:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, (topic, count), widths, strict=True):
            cell.width = width
            run = cell.paragraphs[0].add_run(str(value))
            run.bold = bold
        cells[1].paragraphs[0].alignment = 2  # right
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    header[-1].set(qn("w:val"), "true")


def _quote(document, row, categories, states):
    from docx.shared import Pt

    reference, received_at, category, state, text, redacted, *sender_fields = row
    name, organisation, publication, anon = sender_fields
    sender = _sender(name, organisation, publication, anon)
    heading = document.add_paragraph()
    heading.paragraph_format.keep_with_next = True  # never a reference alone at a page's foot
    heading.paragraph_format.space_after = Pt(2)
    heading.add_run(reference).bold = True
    details = [
        _day(received_at),
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
