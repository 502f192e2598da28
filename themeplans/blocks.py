"""StreamField blocks owned by theme plans: topics to investigate and focus areas."""

from wagtail import blocks

from asker.blocks import LinkBlock


class TopicBlock(blocks.StructBlock):
    """A topic to investigate, with optional subtopics (two levels, as in the mandate)."""

    title = blocks.CharBlock(label="Tema", max_length=200)
    description = blocks.TextBlock(label="Kort forklaring", required=False, max_length=600)
    subtopics = blocks.ListBlock(
        blocks.CharBlock(label="Deltema", max_length=300),
        label="Deltemaer",
        required=False,
        default=[],
    )

    class Meta:
        icon = "list-ul"
        label = "Tema som skal utredes"


class FocusAreaBlock(blocks.StructBlock):
    """An innsatsområde with the strategies that make the plan's goals concrete."""

    title = blocks.CharBlock(label="Innsatsområde", max_length=200)
    description = blocks.TextBlock(label="Beskrivelse", required=False, max_length=1000)
    strategies = blocks.ListBlock(
        blocks.CharBlock(label="Strategi", max_length=300),
        label="Strategier",
        required=False,
        default=[],
    )

    class Meta:
        icon = "pick"
        label = "Innsatsområde"


class TopicsBlock(blocks.StreamBlock):
    topic = TopicBlock()


class FocusAreasBlock(blocks.StreamBlock):
    focus_area = FocusAreaBlock()


class DocumentsBlock(blocks.StreamBlock):
    link = LinkBlock()
