"""Admin: one listing of the site's legal pages, with their type and when they were reviewed."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.ui.tables.pages import PageTypeColumn
from wagtail.admin.viewsets.pages import PageListingViewSet

from legal.models import LegalPage


class LegalPageListingViewSet(PageListingViewSet):
    model = LegalPage  # the shared base: every legal page, whatever its type
    icon = "doc-full"
    menu_label = _("Om nettstedet")
    menu_order = 210
    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        PageTypeColumn(
            "type",
            label=_("Type side"),
            accessor="page_type_display_name",
            sort_key="content_type__model",
        ),
        DateColumn("last_reviewed", label=_("Sist gjennomgått"), sort_key="last_reviewed"),
    ]


@hooks.register("register_admin_viewset")
def register_legal_page_listing():
    return LegalPageListingViewSet("legal_pages")
