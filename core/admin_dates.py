"""Date fields in the admin that never replace what the editor typed.

Wagtail's date picker checks a field when it loses focus and puts today's date in place of
anything it cannot read in its one format (WAGTAIL_DATE_FORMAT, dd.mm.åååå), so a typed
«2026-11-20» silently became today. With that check off, the text reaches the server, which
reads both dd.mm.åååå and åååå-mm-dd (Django's Norwegian DATE_INPUT_FORMATS) and answers
anything else with «Oppgi en gyldig dato» beside the field. The placeholder says the format.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


class _KeepsTypedText:
    placeholder = ""

    def __init__(self, attrs=None, format=None):
        super().__init__({"placeholder": self.placeholder, **(attrs or {})}, format)

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class TypedDateInput(_KeepsTypedText, AdminDateInput):
    placeholder = _("dd.mm.åååå")


class TypedDateTimeInput(_KeepsTypedText, AdminDateTimeInput):
    placeholder = _("dd.mm.åååå tt:mm")
