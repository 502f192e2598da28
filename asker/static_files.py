"""Static files answered before Django, at the WSGI level.

WhiteNoise as Django middleware already answers a static file before the CSP and caching
middleware, but after Django's request handling and the middleware above it (request id,
database outage, CORS, SecurityMiddleware): about half of a static file's cost. In gunicorn
(asker/wsgi.py) StaticFilesFirst looks the address up in the same WhiteNoise index, built from
the same settings (STATIC_ROOT, max-age, hashed names cached for ever), and answers it without
Django; every other address goes on to Django. The security headers SecurityMiddleware gave
static files are added to each file once, when WhiteNoise indexes it
(asker.security.static_file_headers).

With finders or autorefresh (DEBUG, the tests), files are found at request time: then the
middleware answers them as before.
"""

from whitenoise.base import WhiteNoise
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.string_utils import decode_path_info


class StaticFilesFirst:
    def __init__(self, application):
        self.application = application
        self.static = WhiteNoiseMiddleware()  # the middleware's index and settings
        self.indexed = not (self.static.autorefresh or self.static.use_finders)

    def __call__(self, environ, start_response):
        static_file = None
        if self.indexed:
            static_file = self.static.files.get(decode_path_info(environ.get("PATH_INFO", "")))
        if static_file is None:
            return self.application(environ, start_response)
        return WhiteNoise.serve(static_file, environ, start_response)
