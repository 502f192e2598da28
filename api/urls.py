"""/api/: every address of the API goes through the CORS wrapper, and so does an unknown one."""

from django.urls import URLPattern, re_path

from api.cors import not_found, open_for_reading
from api.main import api

patterns, _app, namespace = api.urls
app_name = namespace  # "api": reverse("api:plans"), and ninja finds its own root by it


def _opened(pattern):
    return URLPattern(pattern.pattern, open_for_reading(pattern.callback), name=pattern.name)


urlpatterns = [_opened(pattern) for pattern in patterns]
# Addresses ending in a slash only, so /api/plans still redirects to /api/plans/ (APPEND_SLASH).
urlpatterns.append(re_path(r"^.*/$", not_found))
