"""The site's WSGI application with one more address, /langsom?sekunder=N, that answers after N
seconds: a request still in flight when the shutdown test stops gunicorn."""

import time
from urllib.parse import parse_qs

from asker.wsgi import application as site


def application(environ, start_response):
    if environ["PATH_INFO"] != "/langsom":
        return site(environ, start_response)
    time.sleep(float(parse_qs(environ["QUERY_STRING"]).get("sekunder", ["2"])[0]))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ferdig"]
