"""The sender's own pages: …/innspill/mitt/<token>/ and its attachment.

Found by the token alone, not through the page tree, so the link in the receipt keeps working
when the plan is renamed, moved or unpublished (an old address redirects to the current one).
The form and the published input are the plan page's own routes (participation.pages).
"""

from django.urls import re_path

from core.tokens import TOKEN
from participation.views import public

PRIVATE = r"^(?P<plan_path>(?:[-\w]+/)+)innspill/mitt/" + TOKEN + r"/"

app_name = "participation"
urlpatterns = [
    re_path(PRIVATE + r"$", public.private_page, name="private"),
    re_path(PRIVATE + r"vedlegg/$", public.own_attachment, name="own_attachment"),
]
