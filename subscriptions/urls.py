"""The follow pages: the form under each plan's address, the links from the e-mails at /folg/.

They come before Wagtail's catch-all in asker/urls.py, like the innspill pages.
"""

from django.urls import re_path

from core.tokens import TOKEN
from subscriptions import views

PLAN = r"^(?P<plan_path>(?:[-\w]+/)+)folg/"

app_name = "subscriptions"
urlpatterns = [
    re_path(PLAN + r"$", views.follow_page, name="follow"),
    re_path(r"^folg/bekreft/" + TOKEN + r"/$", views.confirm_page, name="confirm"),
    re_path(r"^folg/avslutt/" + TOKEN + r"/$", views.unsubscribe_page, name="unsubscribe"),
]
