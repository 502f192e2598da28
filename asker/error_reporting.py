"""Error reports to Sentry (or a Sentry-compatible service such as GlitchTip), when SENTRY_DSN
is set; without it nothing is loaded or sent.

No personal data: send_default_pii stays off (no cookies, user ids, client addresses or form
bodies), and every string in an event has the senders' and followers' private links masked
before it leaves the process. The URL, the transaction name, breadcrumbs of logged 4xx paths and
exception messages all may carry a token, which is the key to a sender's input.
"""

from core import request_id
from participation.log_privacy import MARKERS, mask


def start(*, dsn, environment, release=None):
    """Start the Sentry client; returns whether it was started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        # Stack frames' local variables hold a sender's address, name and text.
        include_local_variables=False,
        before_send=before_send,
        before_breadcrumb=lambda crumb, hint: masked(crumb),
    )
    return True


def before_send(event, hint):
    event = masked(event)
    # The same id as the log lines and the response header, to find one in the other.
    if (current := request_id.current.get()) != request_id.NONE:
        event.setdefault("tags", {})["request_id"] = current
    return event


def masked(value):
    """`value` with the private links in every string, at any depth, replaced by «…»."""
    if isinstance(value, str):
        return mask(value) if any(marker in value for marker in MARKERS) else value
    if isinstance(value, dict):
        return {key: masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [masked(item) for item in value]
    return value
