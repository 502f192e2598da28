"""Theme plans: the index of all plans (the plan pages come in the theme-plans issue)."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from asker.blocks import RICH_TEXT_FEATURES, BodyBlock


class ThemePlanIndexPage(Page):
    """/temaplaner/: what a theme plan is, the schedule of all plans and one card per plan."""

    intro = RichTextField(
        "Innledning",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Vises øverst, under tittelen.",
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="Innhold",
        blank=True,
        help_text="For eksempel «Hva er en temaplan?», medvirkning og lenke til planstrategien.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["asker.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Oversikt over temaplaner"
