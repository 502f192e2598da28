"""The innspill pages under each plan's own address: /temaplaner/<plan>/innspill/…

They come before Wagtail's catch-all in asker/urls.py; the plan is found through the page
tree (participation.views.plans), so the prefix follows the plan wherever editors put it.
"""

from django.urls import re_path

from core.tokens import TOKEN
from participation.views import public

PLAN = r"^(?P<plan_path>(?:[-\w]+/)+)innspill/"

app_name = "participation"
urlpatterns = [
    re_path(PLAN + r"$", public.form_page, name="form"),
    re_path(PLAN + r"publiserte/$", public.published_page, name="published"),
    re_path(
        PLAN + r"vedlegg/(?P<reference>INN-\d{4}-\d{5,})/$",
        public.published_attachment,
        name="published_attachment",
    ),
    re_path(PLAN + r"mitt/" + TOKEN + r"/$", public.private_page, name="private"),
    re_path(PLAN + r"mitt/" + TOKEN + r"/vedlegg/$", public.own_attachment, name="own_attachment"),
]
