"""Keep the senders' private links out of the logs.

The token in /…/innspill/mitt/<token>/ is the key to a sender's input, and those in
/folg/bekreft/<token>/ and /folg/avslutt/<token>/ to a follower's subscription. Django logs the
path of every 4xx answer and gunicorn of every request, so both get the token replaced by «…».
"""

import logging
import re

PRIVATE_LINK = re.compile(r"(/mitt/|/folg/bekreft/|/folg/avslutt/)[-\w]{20,64}")
MARKERS = ("/mitt/", "/folg/")


def mask(text):
    return PRIVATE_LINK.sub(r"\1…", text)


class HidePrivateLinks(logging.Filter):
    """A logging filter (see LOGGING in asker/settings.py)."""

    def filter(self, record):
        message = record.getMessage()
        if any(marker in message for marker in MARKERS):
            record.msg, record.args = mask(message), ()
        return True


try:
    from gunicorn.glogging import Logger
except ImportError:  # gunicorn is only in production images and `make run` never needs it
    Logger = None

if Logger is not None:

    class GunicornLogger(Logger):
        """gunicorn's access log with the tokens masked (logger_class in gunicorn.conf.py)."""

        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            return {key: mask(v) if isinstance(v, str) else v for key, v in atoms.items()}
