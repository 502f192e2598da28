"""StreamField blocks shared by every page type on the site."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tekst", max_length=200)
    level = blocks.ChoiceBlock(
        label="Nivå",
        choices=[("h2", "Overskrift 2"), ("h3", "Overskrift 3")],
        default="h2",
        help_text="Bruk nivå 2 for hovedavsnitt og nivå 3 under dem, slik at skjermlesere "
        "får riktig struktur.",
    )

    class Meta:
        icon = "title"
        label = "Overskrift"
        template = "components/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Bilde")
    alt_text = blocks.CharBlock(
        label="Alternativ tekst",
        max_length=250,
        help_text="Beskriv hva bildet viser for den som ikke ser det. Påkrevd.",
    )
    caption = blocks.CharBlock(label="Bildetekst", required=False, max_length=250)
    credit = blocks.CharBlock(label="Foto/kreditering", required=False, max_length=120)

    class Meta:
        icon = "image"
        label = "Bilde"
        template = "components/blocks/image.html"


class LinkBlock(blocks.StructBlock):
    """One link to a page, a document or an external address: exactly one of them."""

    title = blocks.CharBlock(
        label="Lenketekst",
        required=False,
        max_length=200,
        help_text="Tom tekst gir sidens eller dokumentets tittel.",
    )
    page = blocks.PageChooserBlock(label="Side på nettstedet", required=False)
    document = DocumentChooserBlock(label="Dokument", required=False)
    url = blocks.URLBlock(label="Ekstern adresse", required=False)
    description = blocks.CharBlock(label="Kort beskrivelse", required=False, max_length=250)

    class Meta:
        icon = "link"
        label = "Lenke"
        template = "components/blocks/link.html"

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "document", "url") if value.get(name)]
        if len(targets) != 1:
            message = "Velg nøyaktig én av: side, dokument eller ekstern adresse."
            raise StructBlockValidationError(
                block_errors={
                    name: ErrorList([ValidationError(message)])
                    for name in ("page", "document", "url")
                }
            )
        if value["url"] and not value["title"]:
            raise StructBlockValidationError(
                block_errors={
                    "title": ErrorList([ValidationError("En ekstern lenke trenger lenketekst.")])
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["link"] = resolve_link(value)
        return context


def resolve_link(value):
    """The href, text and document facts (type, size) that a LinkBlock value shows."""
    if value.get("page"):
        page = value["page"].specific_deferred
        return {"href": page.url, "text": value["title"] or page.title, "document": None}
    if value.get("document"):
        document = value["document"]
        return {
            "href": document.url,
            "text": value["title"] or document.title,
            "document": document,
        }
    return {"href": value.get("url"), "text": value.get("title"), "document": None}


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Overskrift", required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label="Lenker", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Dokumenter og lenker"
        template = "components/blocks/link_list.html"


class FactBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Overskrift", max_length=200)
    text = blocks.RichTextBlock(label="Tekst", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = "Faktaboks"
        template = "components/blocks/fact_box.html"


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Overskrift", max_length=200)
    text = blocks.RichTextBlock(label="Tekst", features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Folding sections drawn with <details>, so they open without JavaScript."""

    heading = blocks.CharBlock(label="Overskrift over hele gruppen", required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label="Seksjoner", min_num=1)

    class Meta:
        icon = "collapse-down"
        label = "Trekkspill"
        template = "components/blocks/accordion.html"


class BodyBlock(blocks.StreamBlock):
    """The building blocks of an ordinary page body."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Tekstavsnitt",
        features=RICH_TEXT_FEATURES,
        template="components/blocks/paragraph.html",
    )
    image = ImageBlock()
    links = LinkListBlock()
    fact_box = FactBoxBlock()
    accordion = AccordionBlock()
