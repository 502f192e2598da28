"""Limits on the admin's sign-in: password guessing and password reset mails.

django-axes locks a username for one client after AXES_FAILURE_LIMIT wrong passwords (an IPv6
client counted as its /64, core.antispam.client_address). Someone with many networks would get
that many guesses from each, so `LoginThrottle` also locks the username, from everywhere, once
it has had ADMIN_LOGIN_USERNAME_FAILURE_LIMIT wrong passwords in the cool-off, from all
clients together. That lets an attacker keep a username locked out while the attack lasts: the
price of bounding the guesses.

The password reset form mails whoever owns an address; `ThrottledPasswordResetForm` sends at
most PASSWORD_RESET_MAIL_LIMIT mails per address (case folded) and PASSWORD_RESET_CLIENT_LIMIT
requests per client in PASSWORD_RESET_WINDOW. The page after it reads the same whether a mail
went, the address is unknown or a limit was reached, so it tells nobody which addresses exist.
"""

import hashlib
import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from wagtail.admin.forms.auth import PasswordResetForm

from core import antispam

log = logging.getLogger(__name__)


class LoginThrottle(AxesDatabaseHandler):
    """django-axes' database handler, with the limit per username across all clients."""

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        limit = settings.ADMIN_LOGIN_USERNAME_FAILURE_LIMIT
        return self.username_failures(request, credentials) >= limit

    def username_failures(self, request, credentials=None):
        """Wrong passwords for the username within the cool-off, from every client."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        recent = AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        )
        return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form, mailing nothing once the address or the client is over its limit."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().casefold()
        address_key = "password-reset:address:" + hashlib.sha256(email.encode()).hexdigest()
        window = settings.PASSWORD_RESET_WINDOW
        # Both are counted, so a client spreading its requests over many addresses is held back
        # as well as many clients asking for one address.
        over_client = request is not None and antispam.over_limit(
            f"password-reset:client:{antispam.client_address(request)}",
            settings.PASSWORD_RESET_CLIENT_LIMIT,
            window,
        )
        over_address = antispam.over_limit(address_key, settings.PASSWORD_RESET_MAIL_LIMIT, window)
        if over_client or over_address:
            log.warning("Ingen e-post om nytt passord: for mange forespørsler på kort tid")
            return
        super().save(*args, request=request, **kwargs)
