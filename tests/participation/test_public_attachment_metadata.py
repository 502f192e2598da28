"""A published attachment is downloaded without its metadata; staff keep the original."""

import io
import zipfile

import pytest
from PIL import ExifTags, Image
from pypdf import PdfReader, PdfWriter

from participation import services
from participation.models import Submission
from participation.moderation.permissions import MODERATORS_GROUP
from tests.participation import files
from tests.participation.conftest import FORM_URL, valid_input
from tests.participation.moderation_support import make_user

pytestmark = pytest.mark.django_db

SENDER = "Kari Nordmann"


@pytest.fixture(autouse=True)
def without_demo_input(demo_site):
    Submission.objects.all().delete()


def jpeg_with_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = SENDER
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 50.0, 0.0)
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(output, "JPEG", exif=exif, comment=SENDER)
    return output.getvalue()


def pdf_with_author():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": SENDER, "/Title": "Innspill"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def docx_with_creator():
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator>{SENDER}</dc:creator></cp:coreProperties>"
    )
    app = f'<Properties xmlns="x"><Company>{SENDER} AS</Company></Properties>'
    return zipped(
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", "<w:document>Teksten</w:document>"),
        ("docProps/core.xml", core),
        ("docProps/app.xml", app),
    )


def odt_with_creator():
    meta = (
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
        f"<meta:initial-creator>{SENDER}</meta:initial-creator></office:meta></office:document-meta>"
    )
    return zipped(
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "<office:document-content>Teksten</office:document-content>"),
        ("meta.xml", meta),
    )


def zipped(*entries):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return output.getvalue()


def published(demo_round, content, name):
    submission = services.submit(
        demo_round,
        valid_input(demo_round, privacy=True, publication="anonymous"),
        files.upload(content, name),
    )
    assert services.publish(submission)
    return Submission.objects.get(pk=submission.pk)


def downloads(client, submission):
    """(what the public downloads, what staff download)."""
    public = client.get(f"{FORM_URL}vedlegg/{submission.reference}/")
    assert public.status_code == 200
    client.force_login(make_user("moderator", MODERATORS_GROUP))
    staff = client.get(f"/admin/innspill/vedlegg/{submission.pk}/")
    assert staff.status_code == 200
    return b"".join(public.streaming_content), b"".join(staff.streaming_content)


def test_a_photo_is_published_without_its_exif_gps_and_author(client, demo_round):
    original = jpeg_with_exif()
    public, staff = downloads(client, published(demo_round, original, "bilde.jpg"))
    assert staff == original
    image = Image.open(io.BytesIO(public))
    assert image.size == (40, 30)
    assert not image.getexif()
    assert "comment" not in image.info
    assert SENDER.encode() not in public


def test_a_pdf_is_published_without_its_author(client, demo_round):
    original = pdf_with_author()
    public, staff = downloads(client, published(demo_round, original, "innspill.pdf"))
    assert staff == original
    reader = PdfReader(io.BytesIO(public))
    assert len(reader.pages) == 1
    assert not (reader.metadata or {}).get("/Author")
    assert SENDER.encode() not in public


@pytest.mark.parametrize(
    ("make", "name", "text_part"),
    [
        (docx_with_creator, "innspill.docx", "word/document.xml"),
        (odt_with_creator, "innspill.odt", "content.xml"),
    ],
)
def test_a_document_is_published_without_its_creator(client, demo_round, make, name, text_part):
    original = make()
    public, staff = downloads(client, published(demo_round, original, name))
    assert staff == original
    archive = zipfile.ZipFile(io.BytesIO(public))
    assert archive.namelist() == zipfile.ZipFile(io.BytesIO(original)).namelist()
    assert b"Teksten" in archive.read(text_part)
    assert not any(SENDER.encode() in archive.read(part) for part in archive.namelist())
    if name.endswith(".odt"):  # still an ODT: the mimetype first and stored
        assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED


def test_the_copy_is_made_at_publication_and_goes_with_anonymisation(
    demo_round, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from participation import retention

    with django_capture_on_commit_callbacks(execute=True):
        submission = published(demo_round, pdf_with_author(), "innspill.pdf")
    submission.refresh_from_db()
    assert submission.public_attachment
    storage = submission.attachment.storage
    names = [submission.attachment.name, submission.public_attachment.name]
    with django_capture_on_commit_callbacks(execute=True):
        retention.anonymise(submission, timezone.now())
    assert not any(storage.exists(name) for name in names)


def test_a_file_whose_metadata_cannot_be_removed_is_not_public(client, demo_round, caplog):
    submission = published(demo_round, files.JPEG, "bilde.jpg")  # starts as a JPEG, is none
    assert client.get(f"{FORM_URL}vedlegg/{submission.reference}/").status_code == 404
    assert "metadata kunne ikke fjernes" in caplog.text
