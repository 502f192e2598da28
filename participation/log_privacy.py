"""Keep the senders' private links out of the logs.

The token in /…/innspill/mitt/<token>/ is the key to a sender's input, and those in
/folg/bekreft/<token>/ and /folg/avslutt/<token>/ to a follower's subscription. Django logs the
path of every 4xx answer and gunicorn of every request, so both get the token replaced by «…».
"""

import logging
import re

from core import log_format, request_id
from core.request_id import RequestIdFilter

PRIVATE_LINK = re.compile(r"(/mitt/|/folg/bekreft/|/folg/avslutt/)[-\w]{20,64}")
MARKERS = ("/mitt/", "/folg/")


def mask(text):
    return PRIVATE_LINK.sub(r"\1…", text)


# What every record has; anything else came as `extra` and a JSON log line shows it too.
STANDARD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None)))


def _private(text):
    return isinstance(text, str) and (MARKERS[0] in text or MARKERS[1] in text)


class HidePrivateLinks(logging.Filter):
    """A logging filter (see LOGGING in asker/settings.py)."""

    def filter(self, record):
        message = record.getMessage()
        if _private(message):
            record.msg, record.args = mask(message), ()
        for name, value in vars(record).items():
            if name not in STANDARD_FIELDS and _private(value):
                setattr(record, name, mask(value))
        return True


try:
    from gunicorn.glogging import Logger
except ImportError:  # gunicorn is only in production images and `make run` never needs it
    Logger = None

if Logger is not None:

    class GunicornLogger(Logger):
        """gunicorn's logs with the tokens masked (logger_class in gunicorn.conf.py): JSON lines
        when LOG_FORMAT says so, each access line with the request id the app answered with."""

        def setup(self, cfg):
            super().setup(cfg)
            wants_json = log_format.chosen() == "json"
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    if getattr(handler, "_gunicorn", False):
                        # The error log names the path of a request that failed outside Django.
                        handler.addFilter(HidePrivateLinks())
                        if wants_json:
                            handler.setFormatter(log_format.json_formatter())
                            handler.addFilter(RequestIdFilter())

        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            # A substring test first: a regex over each of the ~27 atoms of every line was
            # two thirds of the logger's cost, a third of a static file's in gunicorn.
            return {key: mask(v) if _private(v) else v for key, v in atoms.items()}

        def access(self, resp, req, environ, request_time):
            # Logged after Django has answered and forgotten the id, so it is read back from
            # the response (core/request_id.py sets the header on every answer). An answer
            # gunicorn made itself (an error outside Django) keeps the id the request got.
            answered = next(
                (value for name, value in resp.headers if name.lower() == "x-request-id"),
                request_id.current.get(),
            )
            request_id.current.set(answered)
            try:
                super().access(resp, req, environ, request_time)
            finally:
                request_id.current.set(request_id.NONE)  # the request is over
