"""The export for the case file: XLSX and «;» CSV, name and organisation only with their own
permission and then written to the audit log, a Word report per round grouped by topic, large
exports made in the background, and anonymisation in batches."""

import csv
import io
import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import docx
import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone
from wagtail.log_actions import registry as log_actions
from wagtail.models import ModelLogEntry

from core.models import OutboxMail
from participation import case_report, exports, mails, retention
from participation.models import ExportJob, Submission
from participation.moderation.permissions import MODERATORS_GROUP
from tests.participation import files
from tests.participation.conftest import make_submission
from tests.participation.moderation_support import LISTING, ROUNDS, make_user

pytestmark = pytest.mark.django_db

EXPORTS = "/admin/eksporter/"


def xlsx_rows(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def senders(demo_round):
    """Input with names and topics: two on «Sykkelvei», one on «Skole», one without a topic,
    and one withdrawn."""
    return [
        make_submission(
            demo_round,
            name="Kari Navnesen",
            organisation="Sykkelforeningen",
            topic="Sykkelvei",
            text="Lag sykkelvei langs fjorden.",
            publication="named",
        ),
        make_submission(
            demo_round,
            name="Anne Anonym",
            topic="Sykkelvei",
            text="Flere sykkelstativer ved stasjonen.",
            publication="anonymous",
        ),
        make_submission(
            demo_round, name="Per Skole", topic="Skole", text="=1+1 elever", publication="none"
        ),
        make_submission(demo_round, name="Uten Tema", text="Et innspill uten tema."),
        make_submission(
            demo_round,
            name="Trukket Tilbake",
            topic="Skole",
            text="Trukket innspill.",
            state="withdrawn",
        ),
    ]


def test_the_moderators_group_may_export_personal_data_and_nobody_else_by_default(moderator):
    assert moderator.has_perm(exports.PERSONAL_DATA_PERMISSION)
    viewer = make_user("leser")
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_submission"),
        Permission.objects.get(codename="access_admin"),
    )
    assert not viewer.has_perm(exports.PERSONAL_DATA_PERMISSION)


def test_xlsx_with_names_needs_the_permission_and_is_written_to_the_audit_log(
    moderator_client, moderator, demo_round, senders
):
    response = moderator_client.get(
        LISTING, {"round": demo_round.pk, "export": "xlsx", "personopplysninger": "1"}
    )
    assert response.status_code == 200
    assert (
        "innspill-demo-innspill-til-temaplan-for-klima-med-navn.xlsx"
        in (response["Content-Disposition"])
    )
    rows = xlsx_rows(content(response))
    assert rows[0][:3] == ["Referanse", "Navn", "Organisasjon"]
    by_reference = {row[0]: row for row in rows[1:]}
    assert by_reference[senders[0].reference][1:3] == ["Kari Navnesen", "Sykkelforeningen"]
    assert not any("@example.no" in str(cell) for row in rows for cell in row)
    entry = ModelLogEntry.objects.get(action=exports.PERSONAL_DATA_ACTION)
    assert (entry.user, entry.object_id) == (moderator, str(demo_round.pk))
    assert entry.data["rows"] == len(rows) - 1 and entry.data["format"] == "xlsx"
    assert log_actions.get_action_label(entry.action) == "Eksport med personopplysninger"

    # Without the permission: refused, and the ordinary export has no names.
    Group.objects.get(name=MODERATORS_GROUP).permissions.remove(
        Permission.objects.get(codename="export_personal_data")
    )
    refused = moderator_client.get(
        LISTING, {"round": demo_round.pk, "export": "xlsx", "personopplysninger": "1"}
    )
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's «no access»
    plain = xlsx_rows(
        content(moderator_client.get(LISTING, {"round": demo_round.pk, "export": "xlsx"}))
    )
    assert "Navn" not in plain[0] and not any("Kari Navnesen" in str(c) for r in plain for c in r)
    assert ModelLogEntry.objects.filter(action=exports.PERSONAL_DATA_ACTION).count() == 1


def test_csv_is_streamed_with_semicolons_and_formulas_inert(moderator_client, demo_round, senders):
    response = moderator_client.get(LISTING, {"round": demo_round.pk, "export": "csv"})
    assert response.streaming
    text = content(response).decode("utf-8")
    assert text.startswith("\ufeffReferanse;Plan;Innspillsrunde;")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == Submission.objects.filter(round=demo_round).count() + 1
    assert all(len(row) == len(rows[0]) for row in rows)
    school = next(row for row in rows if row[0] == senders[2].reference)
    assert school[8] == "'=1+1 elever"


def test_the_word_report_groups_the_rounds_input_by_topic(moderator_client, demo_round, senders):
    rounds_page = moderator_client.get(ROUNDS).content.decode()
    assert f"{ROUNDS}{demo_round.pk}/rapport/" in rounds_page
    response = moderator_client.get(f"{ROUNDS}{demo_round.pk}/rapport/")
    assert response.status_code == 200
    assert (
        "innspill-rapport-demo-innspill-til-temaplan-for-klima.docx"
        in (response["Content-Disposition"])
    )
    document = docx.Document(io.BytesIO(content(response)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    kept = Submission.objects.filter(round=demo_round).exclude(state="withdrawn")
    counts = Counter(kept.values_list("topic", flat=True))
    topics = sorted((topic for topic in counts if topic), key=str.casefold)
    assert headings[0] == "Antall innspill per tema"
    assert headings[1:] == [
        *(f"{topic} ({counts[topic]})" for topic in topics),
        f"Uten tema ({counts['']})",  # last
    ]
    assert "Skole (1)" in headings and "Sykkelvei (2)" in headings  # the withdrawn one left out
    # Each text under its topic, after its reference; the name only where the sender asked.
    sections, current = {}, None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text
        elif current:
            sections.setdefault(current, []).append(paragraph.text)
    cycling = sections["Sykkelvei (2)"]
    assert cycling[0].startswith(f"{senders[0].reference} – Kari Navnesen, Sykkelforeningen, ")
    assert cycling[1] == "Lag sykkelvei langs fjorden."
    assert cycling[2].startswith(f"{senders[1].reference} – ") and "Anne" not in cycling[2]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Trukket innspill." not in text and "Per Skole" not in text
    table = document.tables[0]
    in_table = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    assert in_table["Sykkelvei"] == "2" and in_table["Skole"] == "1"
    assert in_table["I alt"] == str(kept.count())


def test_the_word_report_is_a_norwegian_a4_document_with_page_numbers(demo_round, senders):
    """What a case officer notices when the report goes into the case file: A4, not US Letter;
    Bokmål for Word's spelling check; «Side 1 av 2» at the foot; the round's facts with
    Norwegian dates; today's date, not the template's 2013."""
    file = io.BytesIO()
    case_report.write(demo_round, file)
    document = docx.Document(io.BytesIO(file.getvalue()))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert document.core_properties.language == "nb-NO"
    assert document.core_properties.created.date() == timezone.now().date()
    assert 'w:val="nb-NO"' in document.styles["Normal"].element.xml
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Side ") and " av " in footer.text
    assert {"PAGE", "NUMPAGES"} <= set(re.findall(r'w:instr="(\w+)"', footer._p.xml))
    facts = document.paragraphs[1].text.splitlines()
    opens = timezone.localtime(demo_round.opens_at).strftime("%d.%m.%Y")
    closes = timezone.localtime(demo_round.closes_at).strftime("%d.%m.%Y")
    assert facts[0] == f"Runde: {demo_round.title}"
    assert f"Periode: {opens}–{closes}" in facts
    header = document.tables[0].rows[0]
    assert "w:tblHeader" in header._tr.xml  # repeated on the next page
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)


def test_a_large_export_is_made_in_the_background_and_downloaded_later(
    client, moderator_client, moderator, demo_round, senders, settings
):
    settings.PARTICIPATION_EXPORT_DIRECT_MAX_ROWS = 2  # tests run tasks at once (ImmediateBackend)
    response = moderator_client.get(
        LISTING, {"round": demo_round.pk, "export": "xlsx"}, follow=True
    )
    assert response.redirect_chain == [(EXPORTS, 302)]
    page = response.content.decode()
    assert "Eksporten lages" in page
    job = ExportJob.objects.get()
    assert (job.user, job.state, job.format) == (moderator, "done", "xlsx")
    assert job.expires_at > timezone.now() + timedelta(days=6)
    download = f"{EXPORTS}{job.pk}/last-ned/"
    assert download in page
    rows = xlsx_rows(content(moderator_client.get(download)))
    assert len(rows) - 1 == Submission.objects.filter(round=demo_round).count() == job.rows

    # Another moderator (without the right to personal data) does not see or get it.
    client.force_login(make_user("annen", MODERATORS_GROUP))
    Group.objects.get(name=MODERATORS_GROUP).permissions.remove(
        Permission.objects.get(codename="export_personal_data")
    )
    assert client.get(download).status_code == 404
    assert download not in client.get(EXPORTS).content.decode()

    # The daily job deletes the file after PARTICIPATION_EXPORT_KEEP_DAYS.
    path = job.file.path
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    output = StringIO()
    call_command("anonymise_submissions", stdout=output)
    assert "Slettet 1 gamle eksporter." in output.getvalue()
    assert not ExportJob.objects.exists()
    import os

    assert not os.path.exists(path)


def test_a_background_export_with_names_is_logged_when_made(
    moderator_client, moderator, demo_round, senders, settings
):
    settings.PARTICIPATION_EXPORT_DIRECT_MAX_ROWS = 2
    moderator_client.get(
        LISTING, {"round": demo_round.pk, "export": "csv", "personopplysninger": "1"}
    )
    job = ExportJob.objects.get()
    assert job.personal and job.filename.endswith("-med-navn.csv")
    with job.file.open("rb") as file:
        text = file.read().decode("utf-8-sig")
    assert "Kari Navnesen;Sykkelforeningen" in text
    entry = ModelLogEntry.objects.get(action=exports.PERSONAL_DATA_ACTION)
    assert entry.user == moderator and entry.data["rows"] == job.rows


def test_anonymisation_in_batches_handles_every_row_once(
    old_round_with_input, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(retention, "BATCH_SIZE", 2)
    due, other = old_round_with_input
    tokens = {submission.pk: submission.token for submission in due}
    file_paths = [submission.attachment.path for submission in due if submission.attachment]
    with django_capture_on_commit_callbacks(execute=True):
        output = StringIO()
        call_command("anonymise_submissions", stdout=output)
    assert f"Anonymiserte {len(due)} innspill i 1 runder." in output.getvalue()
    rows = Submission.objects.filter(pk__in=tokens)
    assert all(
        (row.name, row.email, row.organisation, row.attachment_name, str(row.attachment))
        == ("", "", "", "", "")
        and row.anonymised_at
        for row in rows
    )
    new_tokens = {row.pk: row.token for row in rows}
    assert len(set(new_tokens.values())) == len(due)
    assert not set(new_tokens.values()) & set(tokens.values())
    assert {row.text for row in rows} == {f"Innspill {number}" for number in range(len(due))}
    import os

    assert file_paths and not any(os.path.exists(path) for path in file_paths)
    assert not OutboxMail.objects.filter(about__in=[mails.about(row) for row in due]).exists()
    assert OutboxMail.objects.filter(about=mails.about(other)).exists()
    other.refresh_from_db()
    assert other.name == "Ny Avsender" and not other.anonymised_at


@pytest.fixture
def old_round_with_input(closed_round, demo_round):
    closed_round.closes_at = timezone.now() - timedelta(days=400)
    closed_round.save()
    due = []
    for number in range(5):
        submission = make_submission(
            closed_round, name=f"Gammel {number}", organisation="Lag", text=f"Innspill {number}"
        )
        if number % 2:
            submission.attachment.save("v", files.upload(files.PDF, "v.pdf"), save=False)
            submission.attachment_name = "v.pdf"
            submission.save()
        due.append(submission)
    other = make_submission(demo_round, name="Ny Avsender")
    for submission in [*due, other]:
        OutboxMail.objects.create(
            kind="receipt",
            about=mails.about(submission),
            to=["a@example.no"],
            subject="S",
            text="T",
        )
    return due, other
