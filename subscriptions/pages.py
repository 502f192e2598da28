"""What a page people can follow gets from subscriptions: its /<page>/folg/ address.

Followers hang on the page by their foreign key (`subscriptions`); the confirm and leave links
in the e-mails are site-wide (subscriptions.urls).
"""

from wagtail.contrib.routable_page.models import path

from subscriptions import views


class FollowPageMixin:
    """A page (with Wagtail's RoutablePageMixin) that people can follow by e-mail."""

    @path("folg/", name="follow")
    def follow(self, request):
        return views.follow_page(request, self)


class FollowAllPageMixin:
    """A page (with Wagtail's RoutablePageMixin) under which people can follow every plan by
    e-mail at /<page>/folg/: all that happens, or only rounds opening (the plans' index)."""

    @path("folg/", name="follow")
    def follow(self, request):
        return views.follow_page(request, self, every_plan=True)
