"""Settings for Asker temaplaner, read from environment variables (see the table in README.md).

The defaults are safe: DEBUG is off unless asked for, and production values that have no
sensible default (SECRET_KEY, ALLOWED_HOSTS, EMAIL_URL, SITE_URL) stop start-up with a message
naming the variable when they are missing.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from asker import error_reporting
from asker.env import (
    ConfigurationError,
    read_bool,
    read_cache,
    read_database,
    read_email,
    read_int,
    read_list,
    read_object_storage,
    read_origins,
    read_str,
    read_url,
)
from asker.security import static_file_headers
from core import log_format

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = read_bool("DEBUG", False)

# Only a development server may fall back to a known key; production must bring its own.
SECRET_KEY = read_str(
    "SECRET_KEY",
    "django-insecure-bare-for-lokal-utvikling" if DEBUG else None,
    required=not DEBUG,
    example="en-lang-tilfeldig-streng-på-minst-50-tegn",
)

ALLOWED_HOSTS = read_list(
    "ALLOWED_HOSTS",
    ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [],
    example="temaplaner.asker.kommune.no,www.temaplaner.asker.kommune.no",
    required=True,
)
CSRF_TRUSTED_ORIGINS = read_origins("CSRF_TRUSTED_ORIGINS")

# The public address, used in e-mails, feeds and the admin's links to the live site.
SITE_URL = read_url(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else None,
    schemes=("http", "https"),
    example="https://temaplaner.asker.kommune.no",
    required=not DEBUG,
).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "asker",
    "core",
    "themeplans",
    "participation",
    "subscriptions",
    "api",
    "legal",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: every answer and every log line while making it carries the request's id.
    "core.request_id.RequestIdMiddleware",
    # A database outage in any view gives the 503 page (in a middleware: asker.views.server_error).
    "core.database_outage.DatabaseOutageMiddleware",
    # Before anything that may answer on its own (WhiteNoise, CommonMiddleware's redirects).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files right after the security headers (HSTS, nosniff): no CSP or caching work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "asker.security.SecurityHeadersMiddleware",  # one static CSP, no nonce: pages can be cached
    # Before sessions, CSRF and auth, so it sees the cookies and Vary headers they add.
    "core.http_caching.HttpCachingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address (/en/…); unprefixed addresses are always Norwegian.
    "core.languages.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# What the caching proxy may keep (core/http_caching.py): anonymous pages without a form for
# this many seconds (it is purged on publish), a 301 or 404 for the shorter time.
PUBLIC_PAGE_CACHE_SECONDS = read_int("PUBLIC_PAGE_CACHE_SECONDS", 300, minimum=0)
PUBLIC_ERROR_CACHE_SECONDS = read_int("PUBLIC_ERROR_CACHE_SECONDS", 60, minimum=0)
# The main content of the home page, the plans' index and each plan, kept in the cache between
# changes (core/public_content.py), at most this long. Off (0) with DEBUG, so a template being
# edited shows at once.
PUBLIC_CONTENT_CACHE_SECONDS = read_int(
    "PUBLIC_CONTENT_CACHE_SECONDS", 0 if DEBUG else PUBLIC_PAGE_CACHE_SECONDS, minimum=0
)
NEVER_CACHED_PREFIXES = ("/admin/", "/_util/")

# Any website may read the API from the browser. No cookies or credentials are involved, so
# `Access-Control-Allow-Origin: *` is safe; the rest of the site sends no CORS headers.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("*",)
CORS_PREFLIGHT_MAX_AGE = 86_400

ROOT_URLCONF = "asker.urls"
WSGI_APPLICATION = "asker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_STATEMENT_TIMEOUT (seconds) bounds each statement on PostgreSQL. gunicorn.conf.py sets
# it for the web processes; migrations and scheduled jobs run without it unless it is set.
DATABASES = {
    "default": read_database(
        "DATABASE_URL",
        f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        statement_timeout=read_int("DATABASE_STATEMENT_TIMEOUT", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": read_cache("REDIS_URL")}

# E-mail: printed to the console in development; production must name a real server.
globals().update(read_email("EMAIL_URL", "consolemail://" if DEBUG else None, required=not DEBUG))
# A hanging mail server must not hold a citizen's post: give up after this many seconds.
EMAIL_TIMEOUT = read_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = read_str("DEFAULT_FROM_EMAIL", "Asker kommune <temaplaner@asker.kommune.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mails, Wagtail's reference index and file clean-up) is queued in the
# database and done by the worker, `manage.py db_worker`, so no request waits for a mail server.
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend does it inside the request.
TASKS = {"default": {"BACKEND": read_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# The cache in front (deploy/varnish/), which publishing purges through Wagtail's frontend cache
# (core/front_cache.py), e.g. FRONTEND_CACHE_URL=http://cache:6081. Unset (`make run`): none.
FRONTEND_CACHE_URL = read_str("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {"varnish": {"BACKEND": "core.front_cache.VarnishBackend", "LOCATION": FRONTEND_CACHE_URL}}
    if FRONTEND_CACHE_URL
    else {}
)
# core.front_cache adds the /en/ addresses itself (the Norwegian ones have no prefix).
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Participation (see participation/): anti-spam limits and how long personal data is kept.
PARTICIPATION_RATE_LIMIT = read_int("PARTICIPATION_RATE_LIMIT", 5)  # posts per address ...
PARTICIPATION_RATE_WINDOW = read_int("PARTICIPATION_RATE_WINDOW", 600)  # ... per this many s
PARTICIPATION_MIN_FILL_SECONDS = read_int("PARTICIPATION_MIN_FILL_SECONDS", 3)
PARTICIPATION_RETENTION_DAYS = read_int("PARTICIPATION_RETENTION_DAYS", 365)
# An admin export of more rows than this is made by the task worker and downloaded when ready
# (participation.export_jobs), so no request runs past the proxy's timeout; files kept this long.
PARTICIPATION_EXPORT_DIRECT_MAX_ROWS = read_int("PARTICIPATION_EXPORT_DIRECT_MAX_ROWS", 20000)
PARTICIPATION_EXPORT_KEEP_DAYS = read_int("PARTICIPATION_EXPORT_KEEP_DAYS", 7, minimum=1)
PARTICIPATION_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Behind a reverse proxy, the header holding the client's address (e.g. X-Forwarded-For).
CLIENT_IP_HEADER = read_str("CLIENT_IP_HEADER", "")

# Admin login throttling (django-axes, asker/staff_login.py): after this many wrong passwords
# for one username from one client (an IPv6 client counted as its /64), that pair is locked out
# for AXES_COOLOFF_TIME; after ADMIN_LOGIN_USERNAME_FAILURE_LIMIT from all clients together, the
# username is, from everywhere. Other users are not.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last, as axes requires
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair before any check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = read_int("ADMIN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
ADMIN_LOGIN_USERNAME_FAILURE_LIMIT = read_int("ADMIN_LOGIN_USERNAME_FAILURE_LIMIT", 20, minimum=1)
AXES_HANDLER = "asker.staff_login.LoginThrottle"
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.antispam.client_address"  # same proxy rule
AXES_RESET_ON_SUCCESS = True
# A locked-out pair stays locked for the cool-off from its last wrong password before the
# lockout, not for ever: otherwise one wrong guess every 14 minutes keeps a user out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "admin/login_locked.html"
# Failed attempts expire with the cool-off; a log of every successful login would keep staff's
# addresses for ever, and nothing here reads it.
AXES_DISABLE_ACCESS_LOG = True
# The admin's password reset mails (asker/staff_login.py), counted in the cache: at most this
# many per address, and requests per client, in the window (seconds).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "asker.staff_login.ThrottledPasswordResetForm"
PASSWORD_RESET_MAIL_LIMIT = read_int("PASSWORD_RESET_MAIL_LIMIT", 3, minimum=1)
PASSWORD_RESET_CLIENT_LIMIT = read_int("PASSWORD_RESET_CLIENT_LIMIT", 10, minimum=1)
PASSWORD_RESET_WINDOW = read_int("PASSWORD_RESET_WINDOW", 3600, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("en", _("English"))]
# Ours first; then the Norwegian for the Wagtail admin strings Wagtail itself lacks
# (scripts/wagtail_nb_catalogue.py), which must come before Wagtail's own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
FORMAT_MODULE_PATH = ["asker.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(read_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# One stylesheet per page: css/main.css with its @imports inlined (core/static_bundle.py),
# written under STATIC_BUNDLE_ROOT when collectstatic or the development server asks for it.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "core.static_bundle.BundleFinder",
]
STATIC_BUNDLES = {"css/bundle.css": "css/main.css"}
STATIC_BUNDLE_ROOT = Path(read_str("STATIC_BUNDLE_ROOT", str(BASE_DIR / "build" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(read_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Attachments to citizens' input: never under MEDIA_ROOT, so no web server can serve them.
PRIVATE_MEDIA_ROOT = Path(read_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# Off when a reverse proxy or object storage serves /media/ instead of the app.
SERVE_MEDIA = read_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Citizens' attachments and their public copies (participation/storage.py).
    "private": {"BACKEND": "participation.storage.LocalPrivateStorage"},
    # Hashed names let browsers cache CSS for a year; development serves files as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# In gunicorn static files are answered before Django (asker/static_files.py), so each file
# carries SecurityMiddleware's headers itself.
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

# --- Object storage (S3-compatible) ---------------------------------------------------------
# With several app servers every file must be where all of them find it. S3_BUCKET (images,
# renditions, documents) and S3_PRIVATE_BUCKET (attachments) move "default" and "private" to
# an S3-compatible store, with S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID,
# S3_SECRET_ACCESS_KEY and S3_PUBLIC_URL (docs/deploy.md). Unset: MEDIA_ROOT and
# PRIVATE_MEDIA_ROOT on local disk, as `make run` uses them. Documents stay behind Wagtail's
# document view either way (WAGTAILDOCS_SERVE_METHOD below).
STORAGES.update(read_object_storage())
# --- end of object storage --------------------------------------------------------------------
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security. Values that only make sense over HTTPS follow SECURE_SSL_REDIRECT, which is on
# in production; a TLS-terminating proxy must send X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
SECURE_SSL_REDIRECT = read_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/ready)?$"]  # health probes speak plain HTTP
if read_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = read_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = read_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = read_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Logs: JSON lines in production, text in development (core/log_format.py), each line with the
# id of the request it belongs to (core/request_id.py) and no sender's private link in it.
try:
    LOG_FORMAT = log_format.chosen()
except ValueError:
    raise ConfigurationError("LOG_FORMAT", "må være json eller text", "json") from None
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": log_format.TEXT},
        "json": {"()": "core.log_format.json_formatter"},
    },
    "filters": {
        "private_links": {"()": "participation.log_privacy.HidePrivateLinks"},
        "request_id": {"()": "core.request_id.RequestIdFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["private_links", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": read_str("LOG_LEVEL", "INFO")},
    # One line per background task is noise; failures are still logged as errors.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# Errors to Sentry when SENTRY_DSN is set, private links masked (asker/error_reporting.py).
error_reporting.start(
    dsn=read_str("SENTRY_DSN", ""),
    environment=read_str("SENTRY_ENVIRONMENT", "production"),
    release=read_str("SENTRY_RELEASE"),
)

# Wagtail
WAGTAIL_SITE_NAME = "Asker kommune – temaplaner"
WAGTAIL_I18N_ENABLED = False
# Wagtail's database backend, with the last word matched as a prefix (asker/search/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "asker.search.backend"}}
# PostgreSQL stems Norwegian words (klimaendringene finds klimaendring); SQLite has no stemmer.
if "postgresql" in DATABASES["default"]["ENGINE"]:
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "norwegian"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always streamed by the document view, after its collection privacy check.
# Never "redirect" or "direct" (Wagtail's default for object storage): the storage's address
# would work for anyone, without that check, for as long as the file exists.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
# The admin loads nothing from other sites either (asker/security.py): no Gravatar pictures,
# which would send a hash of each editor's e-mail address, and no check for Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
