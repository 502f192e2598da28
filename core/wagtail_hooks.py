"""Admin hooks every app shares."""

from django.db import models
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override

from core.admin_dates import TypedDateInput, TypedDateTimeInput
from core.admin_wording import name_the_page_search_results
from core.bulk_actions import SnippetPolicyDeleteBulkAction

# Every date field in the admin keeps what the editor typed (core/admin_dates.py).
register_form_field_override(models.DateField, override={"widget": TypedDateInput})
register_form_field_override(models.DateTimeField, override={"widget": TypedDateTimeInput})

name_the_page_search_results()

# After Wagtail's own snippet delete (order 0), before the apps' (order 100) that replace it
# again for their models (input may never be deleted; followers by moderators only).
hooks.register("register_bulk_action", SnippetPolicyDeleteBulkAction, order=90)
