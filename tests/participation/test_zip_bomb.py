"""A ZIP bomb in the form costs next to nothing, and refused posts never reach the file checks."""

import io
import random
import time
import tracemalloc
import zipfile
import zlib

import pytest

from participation import archives, attachments
from participation.models import Submission
from tests.participation import bombs, files
from tests.participation.test_submit import field_error, summary

pytestmark = pytest.mark.django_db

UNSAFE = "Vi kan ikke åpne dokumentet trygt"
MB = 1 << 20


@pytest.fixture(autouse=True)
def without_demo_input(demo_site):
    Submission.objects.all().delete()


def deflated(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def measured(post):
    """(response, seconds, peak bytes Python allocated) of one post: time without tracemalloc,
    which slows Python down, then the memory of a second, identical post."""
    started = time.perf_counter()
    response = post()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        post()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, seconds, peak


def test_a_zip_bomb_is_refused_quickly_in_little_memory_and_the_text_is_kept(send):
    bomb = bombs.odt_bomb()  # 1 GiB of zeros in about 1 kB
    assert len(bomb) < 2000

    def post():
        return send(attachment=files.upload(bomb, "innspill.odt"), text="Min tekst om klima.")

    response, seconds, peak = measured(post)
    print(f"zip bomb: {seconds:.3f} s, peak {peak / MB:.1f} MB")
    assert response.status_code == 400
    assert UNSAFE in field_error(response, "attachment")
    assert UNSAFE in summary(response)
    html = response.content.decode()
    assert "Min tekst om klima." in html and 'value="Kari Nordmann"' in html
    assert Submission.objects.count() == 0
    assert seconds < 1
    assert peak < 50 * MB


def test_an_entry_that_unpacks_to_far_more_than_it_looks_is_refused(send):
    # Deflate alone: 64 MB of zeros in some 64 kB, a ratio of about 1,000.
    docx = deflated({"[Content_Types].xml": "<Types/>", "word/document.xml": bytes(64 * MB)})
    response = send(attachment=files.upload(docx, "innspill.docx"))
    assert response.status_code == 400
    assert UNSAFE in field_error(response, "attachment")


def test_an_archive_of_too_many_entries_is_refused(send):
    entries = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    entries |= {f"word/media/{n}.txt": "" for n in range(archives.MAX_ENTRIES)}
    response = send(attachment=files.upload(deflated(entries), "innspill.docx"))
    assert response.status_code == 400
    assert UNSAFE in field_error(response, "attachment")


def test_an_entry_is_read_no_further_than_the_check_needs():
    # An ODT whose `mimetype` is 8 MB that cannot be compressed: only its first bytes matter.
    noise = random.Random(16).randbytes(8 * MB)
    odt = bombs.zip_of([("mimetype", bombs.ZIP_STORED, noise, zlib.crc32(noise), len(noise))])
    upload = files.upload(odt, "stor.odt")
    tracemalloc.start()
    try:
        kind = attachments.recognise(upload)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert kind is None
    assert peak < 1 * MB


@pytest.mark.parametrize(
    ("content", "name", "shown_as"),
    [
        (
            deflated(
                {
                    "[Content_Types].xml": "<Types/>",
                    "word/document.xml": "<w:document>"
                    + "<w:p>Tekst</w:p>" * 5000
                    + "</w:document>",
                    "docProps/core.xml": "<cp:coreProperties/>",
                }
            ),
            "rapport.docx",
            "rapport.docx",
        ),
        (files.DOCX, "innspill.docx", "innspill.docx"),
        (files.ODT, "innspill.odt", "innspill.odt"),
    ],
)
def test_ordinary_documents_still_pass(send, content, name, shown_as):
    response = send(attachment=files.upload(content, name))
    assert response.status_code == 302
    assert Submission.objects.get().attachment_name == shown_as


@pytest.fixture
def parser_calls(monkeypatch):
    """Every call of the attachment check: a refused post must make none."""
    calls = []
    original = attachments.validate

    def spy(upload):
        calls.append(upload.name)
        return original(upload)

    monkeypatch.setattr(attachments, "validate", spy)
    return calls


def test_a_post_caught_in_the_spam_trap_never_reaches_the_file_check(send, parser_calls):
    response = send(website="http://spam.example", attachment=files.upload(files.PDF, "a.pdf"))
    assert response.status_code == 400
    assert "Et skjult felt mot spam var fylt ut" in summary(response)
    assert parser_calls == []


def test_a_post_sent_too_fast_never_reaches_the_file_check(send, parser_calls, settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 60
    response = send(attachment=files.upload(files.PDF, "a.pdf"))
    assert response.status_code == 400
    assert "ligner automatisk spam" in summary(response)
    assert parser_calls == []


def test_a_rate_limited_post_never_reaches_the_file_check(send, parser_calls, settings):
    settings.PARTICIPATION_RATE_LIMIT = 1
    assert send().status_code == 302
    response = send(attachment=files.upload(files.PDF, "a.pdf"), text="Det andre innspillet.")
    assert response.status_code == 429
    assert "Det andre innspillet." in response.content.decode()
    assert parser_calls == []
    assert Submission.objects.count() == 1


def test_an_archive_from_a_newer_zip_version_is_no_document_not_an_error():
    """Fuzzing found it: an entry that needs zip version 6.4 made zipfile raise
    NotImplementedError inside the check, a 500 for the sender."""
    data = bytearray(files.DOCX)
    directory = data.index(b"PK\x01\x02")  # the first central directory entry
    data[directory + 6 : directory + 8] = (64).to_bytes(2, "little")  # «version needed»

    assert attachments.recognise(io.BytesIO(bytes(data))) is None
