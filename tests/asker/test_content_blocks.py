"""A content page built from every shared block shows each one as a reader expects."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from asker.models import AlertBanner, ContentPage
from core.blocks import ImageBlock, LinkBlock

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_page(demo_site):
    image = Image.objects.create(title="Askerfjorden", file=get_test_image_file())
    from django.core.files.base import ContentFile

    document = Document.objects.create(
        title="Kunnskapsgrunnlag", file=ContentFile(b"%PDF-1.4 demo" * 100, name="kunnskap.pdf")
    )
    page = ContentPage(
        title="Om temaplanarbeidet",
        slug="om",
        lead="Slik arbeider kommunen med temaplaner.",
        body=[
            ("heading", {"text": "Bakgrunn", "level": "h2"}),
            ("paragraph", RichText("<p>Temaplaner har et 12-årsperspektiv.</p>")),
            ("image", {"image": image, "alt_text": "Fjorden sett fra land", "caption": "Utsikt"}),
            (
                "links",
                {
                    "heading": "Dokumenter",
                    "links": [
                        {
                            "title": "",
                            "page": None,
                            "document": document,
                            "url": "",
                            "description": "",
                        }
                    ],
                },
            ),
            (
                "fact_box",
                {"heading": "Visste du?", "text": RichText("<p>Revideres hvert fjerde år.</p>")},
            ),
            (
                "accordion",
                {
                    "heading": "",
                    "items": [
                        {"heading": "Hva er medvirkning?", "text": RichText("<p>Innspill.</p>")}
                    ],
                },
            ),
        ],
    )
    demo_site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_every_block_renders_on_the_content_page(client, content_page):
    html = client.get("/om/").content.decode()
    assert "<h2>Bakgrunn</h2>" in html
    assert "Temaplaner har et 12-årsperspektiv." in html
    assert 'alt="Fjorden sett fra land"' in html
    assert "Kunnskapsgrunnlag</a>" in html and "(PDF, 1,3\xa0KB)" in html
    assert '<h2 class="fact-box__heading">Visste du?</h2>' in html
    assert '<summary class="accordion__summary">Hva er medvirkning?</summary>' in html
    assert "Sist oppdatert" in html


def test_content_page_breadcrumbs_lead_back_to_the_home_page(client, content_page):
    html = client.get("/om/").content.decode()
    assert '<a href="/">Forside</a>' in html
    assert '<span aria-current="page">Om temaplanarbeidet</span>' in html


def test_image_without_alt_text_is_refused():
    with pytest.raises(ValidationError):
        ImageBlock().clean({"image": None, "alt_text": "", "caption": "", "credit": ""})


def test_link_needs_exactly_one_target():
    block = LinkBlock()
    empty = {"title": "Les mer", "page": None, "document": None, "url": "", "description": ""}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(empty))
    assert "nøyaktig én" in str(error.value.block_errors["url"])


def test_external_link_needs_link_text():
    block = LinkBlock()
    value = {
        "title": "",
        "page": None,
        "document": None,
        "url": "https://example.no/",
        "description": "",
    }
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert "title" in error.value.block_errors


def test_active_banner_without_text_is_refused(demo_site):
    banner = AlertBanner(site=demo_site, is_active=True, heading="", text="")
    with pytest.raises(ValidationError) as error:
        banner.clean()
    assert "Et aktivt varsel" in str(error.value)


def test_banner_link_text_without_address_is_refused(demo_site):
    banner = AlertBanner(site=demo_site, is_active=True, heading="Varsel", link_text="Les mer")
    with pytest.raises(ValidationError) as error:
        banner.clean()
    assert "link_url" in error.value.message_dict


def test_phone_numbers_become_dialable_links():
    from core.links import tel_href

    assert tel_href("+47 66 90 00 00") == "tel:+4766900000"
