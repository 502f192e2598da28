"""Redaction (sladding): a moderator publishes an edited text and a redacted attachment, or
none; the public sees only that version everywhere, and the case file keeps the original."""

import csv
import io

import pytest
from django.test import Client
from pypdf import PdfReader, PdfWriter

from participation import services
from participation.models import AttachmentPublication, Submission, SubmissionState
from tests.participation.conftest import PLAN_URL
from tests.participation.files import HTML, PNG, upload

# A word found nowhere else on the site: the test looks for it on every public surface.
SECRET = "Hemmelighetsbergveien"
ORIGINAL = (
    f"Naboen min i {SECRET} 12 kaster hageavfall i bekken hver uke. "
    "Vi trenger flere søppelkasser langs turstien ved Nesbru."
)
PUBLIC = "Naboen min i [sladdet] kaster hageavfall i bekken hver uke. " + (
    "Vi trenger flere søppelkasser langs turstien ved Nesbru."
)
PUBLISHED_URL = PLAN_URL + "innspill/publiserte/"
API = "/api/plans/handling-mot-klimaendringene/"
REDACTION_NOTE = "Kommunen har forkortet eller sladdet innspillet før publisering."


def edit_url(submission):
    return f"/admin/innspill/edit/{submission.pk}/"


def pdf(pages=1, author=""):
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(100, 100)
    if author:
        writer.add_metadata({"/Author": author})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def sent(demo_round):
    """Input whose text and attachment name the street the sender lives in."""
    return services.submit(
        demo_round,
        {
            "name": "Siri Sladd",
            "email": "siri@example.no",
            "category": "private",
            "text": ORIGINAL,
            "publication": "named",
            "privacy": "on",
        },
        upload(pdf(author=SECRET), f"kart over {SECRET}.pdf", "application/pdf"),
    )


@pytest.fixture
def moderate(moderator_client, django_capture_on_commit_callbacks):
    """Save the moderator's form; the public copy of the attachment is made on commit."""

    def save(submission, **changes):
        data = {
            "state": "published",
            "decline_reason": "",
            "internal_note": "",
            "answer": "Takk, vi ser på søppelkassene.",
            "redacted_text": PUBLIC,
            "attachment_publication": AttachmentPublication.AS_SENT,
        }
        data.update(changes)
        data = {key: value for key, value in data.items() if value is not None}
        with django_capture_on_commit_callbacks(execute=True):
            response = moderator_client.post(edit_url(submission), data)
        submission.refresh_from_db()
        return response

    return save


def public_surfaces(plan):
    """Every public address that could show input: pages, API, feeds, search, sitemap."""
    return [
        "/",
        PLAN_URL,
        PUBLISHED_URL,
        "/temaplaner/",
        "/temaplaner/rss/",
        PLAN_URL + "rss/",
        PLAN_URL + "kalender.ics",
        "/temaplaner/kalender.ics",
        "/api/plans/",
        API,
        API + "submissions/",
        f"/sok/?q={SECRET}",
        f"/sok/?type=innspill&q={SECRET}",
        "/sok/?q=s%C3%B8ppelkasser",
        "/sitemap.xml",
        "/en/",
    ]


def test_the_original_text_and_attachment_never_reach_the_public(sent, moderate, plan, demo_round):
    response = moderate(sent, attachment_publication=AttachmentPublication.REMOVED)
    assert response.status_code == 302
    assert sent.state == SubmissionState.PUBLISHED
    assert sent.text == ORIGINAL  # kept for the case file
    assert sent.redacted_text == PUBLIC

    public = Client()
    for url in public_surfaces(plan):
        response = public.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        if f"q={SECRET}" in url:  # the search page repeats what was asked: no hit is the test
            assert sent.reference not in body, url
            body = body.replace(SECRET, "")
        assert SECRET.lower() not in body.lower(), url

    page = public.get(PUBLISHED_URL).content.decode()
    assert PUBLIC in page
    assert REDACTION_NOTE in page and "Vedlegget er ikke publisert." in page
    assert f"innspill/vedlegg/{sent.reference}/" not in page

    item = next(
        item
        for item in public.get(API + "submissions/").json()["items"]
        if item["reference"] == sent.reference
    )
    assert item["text"] == PUBLIC
    assert item["redacted"] is True and item["attachment_url"] is None

    # The search finds the input by its public words, and never by the redacted one.
    found = public.get("/sok/", {"q": "søppelkasser", "type": "innspill"}).content.decode()
    assert f"#innspill-{sent.reference}" in found and "<mark>søppelkasser</mark>" in found

    # The answer is news in the feeds, without the text.
    assert sent.reference in public.get("/temaplaner/rss/").content.decode()

    # Withheld: the attachment's public address finds nothing.
    attachment_url = f"{PLAN_URL}innspill/vedlegg/{sent.reference}/"
    assert public.get(attachment_url).status_code == 404


def test_a_replaced_attachment_is_published_instead_of_the_original(sent, moderate):
    public = Client()
    attachment_url = f"{PLAN_URL}innspill/vedlegg/{sent.reference}/"
    moderate(sent, redacted_text=ORIGINAL)  # as sent first: the original's copy is public
    assert len(PdfReader(io.BytesIO(b"".join(public.get(attachment_url)))).pages) == 1
    assert not sent.is_redacted

    redacted = upload(pdf(pages=2, author=SECRET), "sladdet.pdf", "application/pdf")
    response = moderate(sent, redacted_file=redacted, attachment_publication=None)
    assert response.status_code == 302
    assert sent.attachment_publication == AttachmentPublication.REPLACED
    assert sent.attachment  # the original stays for the case file

    download = public.get(attachment_url)
    assert download.status_code == 200
    content = b"".join(download)
    assert len(PdfReader(io.BytesIO(content)).pages) == 2  # the redacted file, not the original
    assert SECRET.encode() not in content  # and without its metadata
    assert f'filename="{sent.reference}.pdf"' in download["Content-Disposition"]
    page = public.get(PUBLISHED_URL).content.decode()
    assert "Vedlegg (sladdet):" in page and REDACTION_NOTE in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HTML, "Vi kan ikke ta imot denne filtypen."),
        (PNG, "Vi klarte ikke å fjerne skjulte opplysninger (metadata) fra filen"),
    ],
)
def test_a_replacement_is_checked_like_an_upload(sent, moderate, content, message):
    response = moderate(sent, redacted_file=upload(content, "sladdet.png", "image/png"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert sent.state == SubmissionState.RECEIVED and not sent.redacted_attachment
    assert sent.redacted_text == ""  # nothing half-stored


def test_replacing_needs_a_file(sent, moderate):
    response = moderate(sent, attachment_publication=AttachmentPublication.REPLACED)
    assert response.status_code == 200
    assert "Last opp den sladdede versjonen av vedlegget" in response.content.decode()
    assert sent.state == SubmissionState.RECEIVED


def test_moderator_edits_the_public_version_beside_the_original(sent, moderate, moderator_client):
    html = moderator_client.get(edit_url(sent)).content.decode()
    assert "Slik avsenderen sendte det" in html
    # The text as sent stands once, read-only; the public version starts as it, to be edited
    # where it stands.
    assert html.count(ORIGINAL) == 2 and 'name="redacted_text"' in html
    assert 'href="#redaction-original"' in html and 'id="redaction-original"' in html

    moderate(sent, redacted_text="  " + ORIGINAL + "\r\n")
    assert sent.redacted_text == "" and not sent.is_redacted  # unchanged: nothing redacted
    assert REDACTION_NOTE not in Client().get(PUBLISHED_URL).content.decode()

    response = moderate(sent, redacted_text="  ")
    assert "Den publiserte teksten kan ikke være tom." in response.content.decode()


def test_the_case_file_exports_keep_the_original_beside_the_public_version(
    sent, moderate, moderator_client, demo_round
):
    moderate(sent)
    response = moderator_client.get("/admin/innspill/", {"round": demo_round.pk, "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    headings, row = rows[0], next(row for row in rows if row[0] == sent.reference)
    assert row[headings.index("Innspill")] == ORIGINAL
    assert row[headings.index("Publisert versjon (sladdet)")] == PUBLIC


def test_the_sender_sees_all_they_sent_and_what_was_published(sent, moderate, client):
    moderate(sent)
    html = client.get(f"{PLAN_URL}innspill/mitt/{sent.token}/").content.decode()
    assert ORIGINAL in html and PUBLIC in html
    assert "Innspillet er publisert i en forkortet eller sladdet versjon" in html


def test_the_original_attachment_stays_with_the_sender_and_staff(sent, moderate, moderator_client):
    moderate(sent, attachment_publication=AttachmentPublication.REMOVED)
    original = Submission.objects.get(pk=sent.pk).attachment.open("rb").read()
    staff = moderator_client.get(f"/admin/innspill/vedlegg/{sent.pk}/")
    assert b"".join(staff) == original
