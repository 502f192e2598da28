"""The secrets in private links (a sender's own page, a follower's confirm and leave links)."""

import secrets

# What a token in an address looks like: URL-safe base64, long enough to be unguessable.
TOKEN = r"(?P<token>[-\w]{20,64})"


def new_token():
    return secrets.token_urlsafe(32)
