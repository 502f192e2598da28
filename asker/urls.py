from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from asker import health, media, search, views
from core import views as page_views

handler500 = "asker.views.server_error"

urlpatterns = [
    path("healthz", health.ready, name="healthz"),
    path("healthz/live", health.live, name="healthz_live"),
    path("healthz/ready", health.ready, name="healthz_ready"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("api/", include("api.urls")),
]

if settings.SERVE_MEDIA:
    # Images only. Documents go through /dokumenter/, which applies collection privacy, and
    # participants' attachments never live in MEDIA_ROOT.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media.serve_public_media))

# Pages for people, in Norwegian at their own address and in English under /en/ (the
# interface; editors' content stays Norwegian). The language comes from the address only,
# never from a cookie or the browser's Accept-Language, so a shared link reads the same for all.
urlpatterns += i18n_patterns(
    path("sok/", search.search_page, name="search"),
    # The links in the follower e-mails: /folg/bekreft/<token>/ and /folg/avslutt/<token>/.
    path("", include("subscriptions.urls")),
    # The sender's own pages, found by token: <plan address>innspill/mitt/<token>/.
    path("", include("participation.urls")),
    # Calendar files (kalender.ics) under the index and plans, which Wagtail's pattern cannot take.
    path("", include("themeplans.urls")),
    # Wagtail's page tree serves everything else, pages' own routes (innspill/, folg/) too, so
    # it comes last: its password and login forms, then its page view through core.views.serve.
    *[url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, page_views.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
