"""StreamField blocks owned by theme plans: topics to investigate and focus areas."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import LinkBlock


class TopicBlock(blocks.StructBlock):
    """A topic to investigate, with optional subtopics (two levels, as in the mandate)."""

    title = blocks.CharBlock(label=_("Tema"), max_length=200)
    description = blocks.TextBlock(label=_("Kort forklaring"), required=False, max_length=600)
    subtopics = blocks.ListBlock(
        blocks.CharBlock(label=_("Deltema"), max_length=300),
        label=_("Deltemaer"),
        required=False,
        default=[],
    )

    class Meta:
        icon = "list-ul"
        label = _("Tema som skal utredes")


class FocusAreaBlock(blocks.StructBlock):
    """An innsatsområde with the strategies that make the plan's goals concrete."""

    title = blocks.CharBlock(label=_("Innsatsområde"), max_length=200)
    description = blocks.TextBlock(label=_("Beskrivelse"), required=False, max_length=1000)
    strategies = blocks.ListBlock(
        blocks.CharBlock(label=_("Strategi"), max_length=300),
        label=_("Strategier"),
        required=False,
        default=[],
    )

    class Meta:
        icon = "pick"
        label = _("Innsatsområde")


class TopicsBlock(blocks.StreamBlock):
    topic = TopicBlock()


class FocusAreasBlock(blocks.StreamBlock):
    focus_area = FocusAreaBlock()


class DocumentsBlock(blocks.StreamBlock):
    link = LinkBlock()
