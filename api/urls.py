"""/api/: every address of the API can only be read, and an unknown one answers in JSON."""

from django.urls import URLPattern, re_path

from api.freshness import BY_NAME
from api.main import api
from api.read_only import read_only, unknown_address

patterns, _app, namespace = api.urls
app_name = namespace  # "api": reverse("api:plans"), and ninja finds its own root by it


def _read_only(pattern):
    callback = read_only(pattern.callback, BY_NAME.get(pattern.name))
    return URLPattern(pattern.pattern, callback, name=pattern.name)


urlpatterns = [_read_only(pattern) for pattern in patterns]
# Addresses ending in a slash only, so /api/plans still redirects to /api/plans/ (APPEND_SLASH).
urlpatterns.append(re_path(r"^.*/$", unknown_address))
