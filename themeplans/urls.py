"""Calendar files under the index and each plan: /temaplaner/kalender.ics and
/temaplaner/<plan>/kalender.ics.

Wagtail's own pattern takes no dots, so this one hands .ics addresses to Wagtail's page
routing; the pages answer them (the `calendar_feed` routes in themeplans.models.plans), with
view restrictions and 404s as for any page.
"""

from django.urls import re_path

from core import views

urlpatterns = [
    re_path(r"^((?:[-\w]+/)*kalender\.ics)$", views.serve, name="themeplans_calendar"),
]
