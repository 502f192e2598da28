"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from asker.env import run_or_explain

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asker.settings")

application = run_or_explain(get_wsgi_application)

from asker.static_files import StaticFilesFirst  # noqa: E402 (needs the settings loaded)

application = StaticFilesFirst(application)
