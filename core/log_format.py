"""Log lines as JSON in production, readable text in development (LOG_FORMAT).

One JSON object per line (time, level, logger, message, request_id and any `extra` fields), so
a log collector indexes them without parsing. Used by LOGGING in asker/settings.py and by
gunicorn's logger (participation/log_privacy.py), which starts before Django's settings.
"""

import os

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

FORMATS = ("json", "text")
TEXT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
_TRUE = ("true", "on", "y", "yes", "1", "ja")  # asker.env's, which this layer cannot import


def chosen(environ=os.environ):
    """LOG_FORMAT, by default text when DEBUG is on and JSON otherwise; ValueError if unknown."""
    value = environ.get("LOG_FORMAT", "").strip().lower()
    if not value:
        return "text" if environ.get("DEBUG", "").strip().lower() in _TRUE else "json"
    if value not in FORMATS:
        raise ValueError(value)
    return value


def json_formatter():
    return JsonFormatter(
        "{levelname}{name}{message}{request_id}",
        style="{",
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp="time",
        # Django's `request` extra is an object whose repr holds the full path (a private link
        # unmasked); the message already names the path, and request_id ties the lines together.
        reserved_attrs=[*RESERVED_ATTRS, "request"],
        json_ensure_ascii=False,  # «ø» as it is, still valid JSON
    )
