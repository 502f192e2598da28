from wagtail.snippets.views.snippets import SnippetViewSet

from participation.models import Submission


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "comment"
    menu_label = "Innspill"
    add_to_admin_menu = True
    list_display = ["reference", "round", "category", "state", "received_at"]
