"""StreamField blocks shared by every page type on the site."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Nivå"),
        choices=[("h2", _("Overskrift 2")), ("h3", _("Overskrift 3"))],
        default="h2",
        help_text=_(
            "Bruk nivå 2 for hovedavsnitt og nivå 3 under dem, slik at skjermlesere "
            "får riktig struktur."
        ),
    )

    class Meta:
        icon = "title"
        label = _("Overskrift")
        template = "components/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bilde"))
    alt_text = blocks.CharBlock(
        label=_("Alternativ tekst"),
        max_length=250,
        help_text=_("Beskriv hva bildet viser for den som ikke ser det. Påkrevd."),
    )
    caption = blocks.CharBlock(label=_("Bildetekst"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Foto/kreditering"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Bilde")
        template = "components/blocks/image.html"


class LinkBlock(blocks.StructBlock):
    """One link to a page, a document or an external address: exactly one of them."""

    title = blocks.CharBlock(
        label=_("Lenketekst"),
        required=False,
        max_length=200,
        help_text=_("Tom tekst gir sidens eller dokumentets tittel."),
    )
    page = blocks.PageChooserBlock(label=_("Side på nettstedet"), required=False)
    document = DocumentChooserBlock(label=_("Dokument"), required=False)
    url = blocks.URLBlock(label=_("Ekstern adresse"), required=False)
    description = blocks.CharBlock(label=_("Kort beskrivelse"), required=False, max_length=250)

    class Meta:
        icon = "link"
        label = _("Lenke")
        template = "components/blocks/link.html"

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "document", "url") if value.get(name)]
        if len(targets) != 1:
            message = _("Velg nøyaktig én av: side, dokument eller ekstern adresse.")
            raise StructBlockValidationError(
                block_errors={
                    name: ErrorList([ValidationError(message)])
                    for name in ("page", "document", "url")
                }
            )
        if value["url"] and not value["title"]:
            raise StructBlockValidationError(
                block_errors={
                    "title": ErrorList([ValidationError(_("En ekstern lenke trenger lenketekst."))])
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
    heading = blocks.CharBlock(label=_("Overskrift"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Lenker"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Dokumenter og lenker")
        template = "components/blocks/link_list.html"


class FactBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Faktaboks")
        template = "components/blocks/fact_box.html"


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Overskrift"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Folding sections drawn with <details>, so they open without JavaScript."""

    heading = blocks.CharBlock(
        label=_("Overskrift over hele gruppen"), required=False, max_length=200
    )
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Seksjoner"), min_num=1)

    class Meta:
        icon = "collapse-down"
        label = _("Trekkspill")
        template = "components/blocks/accordion.html"


class BodyBlock(blocks.StreamBlock):
    """The building blocks of an ordinary page body."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekstavsnitt"),
        features=RICH_TEXT_FEATURES,
        template="components/blocks/paragraph.html",
    )
    image = ImageBlock()
    links = LinkListBlock()
    fact_box = FactBoxBlock()
    accordion = AccordionBlock()
