"""Spam checks that need no third party and no puzzle.

- a honeypot field people never see and bots fill in,
- a signed timestamp: a form sent back within seconds of being shown was not typed by hand,
- a limit on posts per client address, counted in Django's cache (shared through Redis); an IPv6
  client counts as its /64, since one subscriber picks any of the 2^64 addresses in it.
"""

import ipaddress
import secrets
import time
from contextlib import suppress

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SALT = "participation.form-shown-at"
MAX_AGE = 24 * 3600
TOO_FAST, EXPIRED = "too_fast", "expired"


def form_stamp():
    """The hidden value a form carries: when it was shown and a nonce naming this one form,
    signed so it cannot be forged."""
    return signing.dumps({"t": int(time.time()), "n": secrets.token_hex(8)}, salt=SALT)


def _read(stamp):
    return signing.loads(stamp, salt=SALT, max_age=MAX_AGE)


def stamp_problem(stamp):
    """None for a form filled in by a person; TOO_FAST when sent within seconds of being
    shown (or with a stamp that is not ours), EXPIRED when open for more than a day."""
    try:
        shown = _read(stamp)
    except signing.SignatureExpired:
        return EXPIRED
    except (signing.BadSignature, TypeError, ValueError):
        return TOO_FAST
    if not isinstance(shown, dict) or time.time() - shown.get("t", 0) < (
        settings.PARTICIPATION_MIN_FILL_SECONDS
    ):
        return TOO_FAST
    return None


def form_id(stamp):
    """The nonce naming the one form a valid stamp came with ("" for a stamp that is not ours):
    whoever stores what the form sent keeps it, so the same form sent again is known."""
    try:
        shown = _read(stamp)
    except (signing.BadSignature, TypeError, ValueError):
        return ""
    return str(shown.get("n", "")) if isinstance(shown, dict) else ""


# One IPv6 subscriber (a home, a phone, a rented server) is given a whole /64 and may use any
# address in it: counted one by one, the addresses of one /64 would each get their own limit.
IPV6_CLIENT_PREFIX = 64


def client_address(request):
    """The address limits count the client by: behind a proxy, the last hop the proxy added to
    CLIENT_IP_HEADER; an IPv6 address as the first address of its /64 (still a valid address,
    as django-axes stores it in an IP field)."""
    return client_network(_raw_client_address(request))


def _raw_client_address(request):
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        hops = [hop.strip() for hop in value.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def client_network(address):
    """An IPv4 address as it is; an IPv6 one as its /64 ("2001:db8:1:2::"); an IPv4 address
    written as IPv6 (::ffff:192.0.2.1) as the IPv4 address. Anything else as it is."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])  # without a zone (fe80::1%eth0)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)


def over_limit(key, limit, window):
    """Count one more use of `key`; True once it has been used more than `limit` times in the
    window (seconds) that its first use started."""
    cache.add(key, 0, window)  # starts the window; a no-op while it runs
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def _posts_key(request):
    return f"participation:posts:{client_address(request)}"


def rate_limit_reached(request):
    """Whether the address has used up its window, without counting this post: asked before
    the post's files are parsed, so a flood costs a cache read each."""
    return (cache.get(_posts_key(request)) or 0) >= settings.PARTICIPATION_RATE_LIMIT


def over_rate_limit(request):
    """Count this post against the address; True once the address has used up its window."""
    return over_limit(
        _posts_key(request), settings.PARTICIPATION_RATE_LIMIT, settings.PARTICIPATION_RATE_WINDOW
    )


def forget_post(request):
    """Give back the post counted by over_rate_limit, when it was not stored after all (the
    database was away): sending again must not run into the limit."""
    with suppress(ValueError):  # the window ended meanwhile: nothing to give back
        cache.decr(_posts_key(request))


class SpamCheckedForm(forms.Form):
    """A public form with the checks above: the trap field and the signed stamp of when it was
    shown. Templates draw the trap with components/spam_trap.html."""

    website = forms.CharField(label=_("La dette feltet stå tomt"), required=False)
    shown_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_at"].initial = form_stamp()

    @property
    def is_spam(self):
        """The trap was filled in: a robot. Read from the raw data, so it is known before
        is_valid() parses anything costly (an attachment)."""
        return bool(self.data.get("website", "").strip())

    @property
    def stamp(self):
        return self.data.get("shown_at", "")

    def renew_stamp(self):
        """Start the fill-time clock again when the form is shown anew."""
        self.data = self.data.copy()
        self.data["shown_at"] = form_stamp()

    def drop_files(self):
        """Leave the uploaded files unread: the post is refused before they are checked."""
        self.files = {}

    def clear_trap(self):
        self.data = self.data.copy()
        self.data["website"] = ""


TRAP_FILLED = _(
    "Et skjult felt mot spam var fylt ut, kanskje av autoutfyllingen i nettleseren. Vi har tatt "
    "vare på det du skrev. Send skjemaet på nytt."
)
STAMP_PROBLEMS = {
    TOO_FAST: _(
        "Du sendte skjemaet bare sekunder etter at du åpnet det, og det ligner automatisk spam. "
        "Se over det du skrev, og send det på nytt."
    ),
    EXPIRED: _(
        "Skjemaet har vært åpent i over et døgn. Vi har tatt vare på det du skrev. Send skjemaet "
        "på nytt."
    ),
}


def refusal(form):
    """Why a SpamCheckedForm is not acted on, as (message, status), or None. Needs only the
    raw fields, so it is asked before is_valid().

    The form is made ready to be sent again: trap emptied, clock restarted."""
    if form.is_spam:
        form.clear_trap()
        return TRAP_FILLED, 400
    if problem := stamp_problem(form.stamp):
        form.renew_stamp()
        return STAMP_PROBLEMS[problem], 400
    return None


def rate_limited():
    """The refusal when this address has sent too many forms, as (message, status)."""
    minutes = max(1, round(settings.PARTICIPATION_RATE_WINDOW / 60))
    message = ngettext(
        "Vi har fått mange skjemaer fra samme nettverk på kort tid. Vent %(minutes)d minutt, og "
        "send på nytt. Vi har tatt vare på det du skrev.",
        "Vi har fått mange skjemaer fra samme nettverk på kort tid. Vent %(minutes)d minutter, og "
        "send på nytt. Vi har tatt vare på det du skrev.",
        minutes,
    ) % {"minutes": minutes}
    return message, 429
