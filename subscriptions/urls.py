"""The links from the follower e-mails, at /folg/: one address each for the whole site.

The follow form itself is a route of the plan page (subscriptions.pages)."""

from django.urls import re_path

from core.tokens import TOKEN
from subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    re_path(r"^folg/bekreft/" + TOKEN + r"/$", views.confirm_page, name="confirm"),
    re_path(r"^folg/avslutt/" + TOKEN + r"/$", views.unsubscribe_page, name="unsubscribe"),
]
