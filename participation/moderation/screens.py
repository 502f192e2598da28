"""The base of the moderation admin's own screens (rounds, statistics, exports)."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from participation.moderation import permissions


class ModerationScreen(WagtailAdminTemplateMixin, TemplateView):
    """A screen for those who handle input: refused to anyone else before any work is done,
    with its own title as the last breadcrumb."""

    def dispatch(self, request, *args, **kwargs):
        permissions.require(request.user, "view")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
