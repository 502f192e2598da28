"""The plan editor's checks, sent again with each autosave (themeplans.publish_checks)."""

from django import template
from django.utils.html import format_html

from themeplans import publish_checks
from themeplans.models import ThemePlanPage

register = template.Library()


@register.simple_tag
def publish_checks_update(page):
    """For Wagtail's edit partials: a w-teleport that puts the list for the state just saved
    in place of the one shown. Nothing for pages other than a saved plan."""
    if not isinstance(page, ThemePlanPage) or not page.pk:
        return ""
    return format_html(
        '<template data-controller="w-teleport" data-w-teleport-mode-value="outerHTML"'
        ' data-w-teleport-target-value="[data-publish-checks]">{}</template>',
        publish_checks.render_checks(page),
    )
