"""Who reaches what: every role against every admin view and every private address (issue #8).

Roles:
  anonymous       nobody logged in, no link
  holder          the sender's private link (or the follower's e-mail link), right token
  forged_token    a well-formed 43-character token that belongs to nobody
  other_token     another sender's right token (input on another plan), tried on this
                  plan's address, and as a follower's token
  editor          Wagtail's group «Editors»: writes pages
  page_moderator  Wagtail's group «Moderators»: publishes pages (not input moderation)
  planredaktor    the project's group «Planredaktører»: plans and what they refer to
  moderator       the project's group «Innspillsmoderatorer»: handles input and followers
  superuser

Outcomes:
  200, 404, …     that status
  "login"         redirect to the admin login
  "denied"        Wagtail's «no access» redirect to the dashboard
  "moved"         permanent redirect to the input's own plan address (the token is the key)
  "done"          redirect after the action succeeded
  "refused"       a page (200) that says «Du har ikke tillatelse», and nothing happens
  "back"          redirect back to the same address with that message, nothing happens
People without a link try the private addresses with a forged token: logging in gives
no way past the token.
"""

import secrets
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from participation import links
from participation.models import Submission, SubmissionState
from subscriptions.models import Subscription

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "holder",
    "forged_token",
    "other_token",
    "editor",
    "page_moderator",
    "planredaktor",
    "moderator",
    "superuser",
)
LINK_ROLES = {"holder", "forged_token", "other_token"}
FORGED = secrets.token_urlsafe(32)  # 43 characters, like a real token
assert len(FORGED) == 43

L, D, M, OK = "login", "denied", "moved", "done"

# fmt: off
MATRIX = {
    #                          anon holder forged other editor page_mod planred moderator super
    # Wagtail itself
    "dashboard":               (L,   L,   L,   L,   200, 200, 200, 200, 200),
    "plan_editor":             (L,   L,   L,   L,   200, 200, 200, D,   200),
    # What plans refer to: only «Planredaktører» (and superusers) keep the snippets; Wagtail's
    # own groups have documents and images through the root collection.
    "people":                  (L,   L,   L,   L,   D,   D,   200, D,   200),
    "person_add":              (L,   L,   L,   L,   D,   D,   200, D,   200),
    # Every editor may pick a person (public work contacts); only those who keep people may
    # create one from the chooser.
    "person_chooser":          (L,   L,   L,   L,   200, 200, 200, 200, 200),
    "person_chooser_create":   (L,   L,   L,   L,   D,   D,   200, D,   200),
    "political_body_add":      (L,   L,   L,   L,   D,   D,   200, D,   200),
    "decision_add":            (L,   L,   L,   L,   D,   D,   200, D,   200),
    "goal_add":                (L,   L,   L,   L,   D,   D,   200, D,   200),
    "document_add":            (L,   L,   L,   L,   200, 200, 200, D,   200),
    "image_add":               (L,   L,   L,   L,   200, 200, 200, D,   200),
    # Input
    "input_listing":           (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_listing_results":   (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_csv":               (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_xlsx":              (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_edit":              (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_save":              (L,   L,   L,   L,   D,   D,   D,   OK,  OK),
    "input_history":           (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_usage":             (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_add":               (L,   L,   L,   L,   D,   D,   D,   D,   D),
    "input_delete":            (L,   L,   L,   L,   D,   D,   D,   D,   D),
    "input_delete_post":       (L,   L,   L,   L,   D,   D,   D,   D,   D),
    "staff_attachment":        (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "bulk_publish":            (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "bulk_decline":            (L,   L,   L,   L,   D,   D,   D,   200, 200),
    # Input is never deleted: the bulk screen is refused before it lists any reference.
    "bulk_delete":             (L,   L,   L,   L,   D,   D,   D,   D,   D),
    "bulk_delete_post":        (L,   L,   L,   L,   D,   D,   D,   D,   D),
    "input_chooser":           (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_chooser_results":   (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "input_chosen":            (L,   L,   L,   L,   D,   D,   D,   200, 200),
    # Rounds and statistics
    "rounds":                  (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "round_csv":               (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "round_xlsx":              (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "round_zip":               (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "round_xlsx_names":        (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "round_report":            (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "export_jobs":             (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "statistics":              (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "statistics_csv":          (L,   L,   L,   L,   D,   D,   D,   200, 200),
    # Followers
    "followers":               (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "followers_csv":           (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "follower_inspect":        (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "follower_delete":         (L,   L,   L,   L,   D,   D,   D,   200, 200),
    # Refused before it looks the follower up: trying ids must not count the followers.
    "follower_bulk_delete":    (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "follower_edit":           (L,   L,   L,   L,   D,   D,   D,   D,   D),
    "follower_add":            (L,   L,   L,   L,   D,   D,   D,   D,   D),
    "follower_chooser":        (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "follower_chooser_search": (L,   L,   L,   L,   D,   D,   D,   200, 200),
    "follower_chosen":         (L,   L,   L,   L,   D,   D,   D,   200, 200),
    # Private addresses
    "private_page":            (404, 200, 404, M,   404, 404, 404, 404, 404),
    "own_attachment":          (404, 200, 404, M,   404, 404, 404, 404, 404),
    "withdraw":                (404, OK,  404, M,   404, 404, 404, 404, 404),
    "unpublished_attachment":  (404, 404, 404, 404, 404, 404, 404, 404, 404),
    "follow_confirm":          (404, 200, 404, 404, 404, 404, 404, 404, 404),
    "follow_unsubscribe":      (404, 200, 404, 404, 404, 404, 404, 404, 404),
}
# fmt: on
assert all(len(row) == len(ROLES) for row in MATRIX.values())
EXPECTED = {
    (role, target): row[i] for target, row in MATRIX.items() for i, role in enumerate(ROLES)
}


@dataclass
class Target:
    url: object  # (world, token) -> path; token is the role's, for private addresses
    method: str = "get"
    data: object = field(default=None)  # world -> POST data
    private: str = ""  # "input" or "follower": the address carries that kind of token


SUBMISSIONS = "wagtailsnippets_participation_submission"
FOLLOWERS = "wagtailsnippets_subscriptions_subscription"
SUBMISSION_CHOOSER = "wagtailsnippetchoosers_participation_submission"
FOLLOWER_CHOOSER = "wagtailsnippetchoosers_subscriptions_subscription"


def named(name, *args, query=""):
    return lambda w, t: reverse(name, args=[a(w) if callable(a) else a for a in args]) + query


def pk(w):
    return w.submission.pk


def follower(w):
    return w.follower.pk


def bulk(action, w):
    return reverse("wagtail_bulk_action", args=["participation", "submission", action])


def own(w, token, tail=""):
    return f"{links.plan_path(w.plan)}innspill/mitt/{token}/{tail}"


NEW_PERSON = {"name": "Nina Ny", "title": "Rådgiver", "unit": "", "email": "", "phone": ""}


def moderation_form(w):
    return {"state": SubmissionState.RECEIVED, "decline_reason": "", "internal_note": "Sett."}


TARGETS = {
    "dashboard": Target(named("wagtailadmin_home")),
    "plan_editor": Target(lambda w, t: reverse("wagtailadmin_pages:edit", args=[w.plan.pk])),
    "people": Target(named("wagtailsnippets_themeplans_person:list")),
    "person_add": Target(named("wagtailsnippets_themeplans_person:add")),
    "person_chooser": Target(named("wagtailsnippetchoosers_themeplans_person:choose")),
    "person_chooser_create": Target(
        named("wagtailsnippetchoosers_themeplans_person:create"), "post", lambda w: NEW_PERSON
    ),
    "political_body_add": Target(named("wagtailsnippets_themeplans_politicalbody:add")),
    "decision_add": Target(named("wagtailsnippets_themeplans_politicaldecision:add")),
    "goal_add": Target(named("wagtailsnippets_themeplans_plangoal:add")),
    "document_add": Target(named("wagtaildocs:add_multiple")),
    "image_add": Target(named("wagtailimages:add_multiple")),
    "input_listing": Target(named(f"{SUBMISSIONS}:list")),
    "input_listing_results": Target(named(f"{SUBMISSIONS}:list_results")),
    "input_csv": Target(named(f"{SUBMISSIONS}:list", query="?export=csv")),
    "input_xlsx": Target(named(f"{SUBMISSIONS}:list", query="?export=xlsx")),
    "input_edit": Target(named(f"{SUBMISSIONS}:edit", pk)),
    "input_save": Target(named(f"{SUBMISSIONS}:edit", pk), "post", moderation_form),
    "input_history": Target(named(f"{SUBMISSIONS}:history", pk)),
    "input_usage": Target(named(f"{SUBMISSIONS}:usage", pk)),
    "input_add": Target(named(f"{SUBMISSIONS}:add")),
    "input_delete": Target(named(f"{SUBMISSIONS}:delete", pk)),
    "input_delete_post": Target(named(f"{SUBMISSIONS}:delete", pk), "post", lambda w: {}),
    "staff_attachment": Target(named(f"{SUBMISSIONS}:attachment", pk)),
    "bulk_publish": Target(lambda w, t: f"{bulk('publish', w)}?id={w.submission.pk}"),
    "bulk_decline": Target(lambda w, t: f"{bulk('decline', w)}?id={w.submission.pk}"),
    "bulk_delete": Target(lambda w, t: f"{bulk('delete', w)}?id={w.submission.pk}"),
    "bulk_delete_post": Target(
        lambda w, t: f"{bulk('delete', w)}?id={w.submission.pk}", "post", lambda w: {}
    ),
    "input_chooser": Target(named(f"{SUBMISSION_CHOOSER}:choose")),
    "input_chooser_results": Target(named(f"{SUBMISSION_CHOOSER}:choose_results", query="?q=Vera")),
    "input_chosen": Target(named(f"{SUBMISSION_CHOOSER}:chosen", pk)),
    "rounds": Target(named("participation_rounds:index")),
    "round_csv": Target(lambda w, t: f"/admin/innspill/?round={w.round.pk}&export=csv"),
    "round_xlsx": Target(lambda w, t: f"/admin/innspill/?round={w.round.pk}&export=xlsx"),
    "round_zip": Target(named("participation_rounds:attachments", lambda w: w.round.pk)),
    "round_xlsx_names": Target(
        lambda w, t: f"/admin/innspill/?round={w.round.pk}&export=xlsx&personopplysninger=1"
    ),
    "round_report": Target(named("participation_rounds:report", lambda w: w.round.pk)),
    "export_jobs": Target(named("participation_exports:index")),
    "statistics": Target(named("participation_statistics:index")),
    "statistics_csv": Target(named("participation_statistics:index", query="?format=csv")),
    "followers": Target(named(f"{FOLLOWERS}:list")),
    "followers_csv": Target(named(f"{FOLLOWERS}:list", query="?export=csv")),
    "follower_inspect": Target(named(f"{FOLLOWERS}:inspect", follower)),
    "follower_delete": Target(named(f"{FOLLOWERS}:delete", follower)),
    "follower_bulk_delete": Target(
        lambda w, t: (
            reverse("wagtail_bulk_action", args=["subscriptions", "subscription", "delete"])
            + f"?id={w.follower.pk}"
        )
    ),
    "follower_edit": Target(named(f"{FOLLOWERS}:edit", follower)),
    "follower_add": Target(named(f"{FOLLOWERS}:add")),
    "follower_chooser": Target(named(f"{FOLLOWER_CHOOSER}:choose")),
    "follower_chooser_search": Target(
        named(f"{FOLLOWER_CHOOSER}:choose_results", query="?q=folger%40example.no")
    ),
    "follower_chosen": Target(named(f"{FOLLOWER_CHOOSER}:chosen", follower)),
    "private_page": Target(own, private="input"),
    "own_attachment": Target(lambda w, t: own(w, t, "vedlegg/"), private="input"),
    "withdraw": Target(own, "post", lambda w: {"confirm": "on"}, private="input"),
    "unpublished_attachment": Target(
        lambda w, t: f"{links.plan_path(w.plan)}innspill/vedlegg/{w.submission.reference}/"
    ),
    "follow_confirm": Target(
        lambda w, t: reverse("subscriptions:confirm", args=[t]), private="follower"
    ),
    "follow_unsubscribe": Target(
        lambda w, t: reverse("subscriptions:unsubscribe", args=[t]), private="follower"
    ),
}
assert TARGETS.keys() == MATRIX.keys()


def token_for(role, kind, world):
    """The token the role puts in a private address: its own link, or a forged one."""
    if role == "holder":
        return world.submission.token if kind == "input" else world.follower.token
    if role == "other_token":
        return world.other.token
    return FORGED


def outcome(response, url):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return "login"
        if location == reverse("wagtailadmin_home"):
            return "denied"
        if location == url.split("?")[0]:
            return "back"
        return "moved" if response.status_code == 301 else "done"
    if not response.streaming and b"Du har ikke tillatelse" in response.content:
        return "refused"
    return response.status_code


def snapshot(world):
    """What a refused request must leave as it was: the input, and who exists at all."""
    submission = Submission.objects.get(pk=world.submission.pk)
    return (
        submission.state,
        submission.internal_note,
        submission.published_at,
        Submission.objects.count(),
        Subscription.objects.filter(pk=world.follower.pk, confirmed_at=None).exists(),
    )


def request(client, world, role, target):
    spec = TARGETS[target]
    url = spec.url(world, token_for(role, spec.private or "input", world))
    if spec.method == "get":
        return url, client.get(url)
    return url, client.post(url, spec.data(world))


@pytest.mark.parametrize(("role", "target"), list(EXPECTED), ids=[f"{r}-{t}" for r, t in EXPECTED])
def test_permission_matrix(as_role, world, role, target):
    client = as_role(role)
    if role in LINK_ROLES:  # a link holder has opened their link: whatever it leaves, they have
        client.get(own(world, token_for(role, "input", world)))
    before = snapshot(world)
    url, response = request(client, world, role, target)
    expected = EXPECTED[role, target]
    assert outcome(response, url) == expected, (url, response.get("Location"))
    if expected != OK:  # only a successful action changes anything
        assert snapshot(world) == before


# What the private addresses give away, beyond the status


def secrets_of(submission):
    return [submission.reference, submission.name, submission.email, submission.text]


@pytest.mark.parametrize("tail", ["", "vedlegg/"])
def test_a_wrong_token_looks_like_any_missing_page(client, world, tail):
    """A forged token gets the site's plain 404, the same as an address that never existed,
    and nothing of any input on the plan."""
    forged_url, missing_url = own(world, FORGED, tail), f"{links.plan_path(world.plan)}finnes-ikke/"
    forged, missing = client.get(forged_url), client.get(missing_url)
    assert forged.status_code == missing.status_code == 404
    html = forged.content.decode()
    # The same page, byte for byte, but for the address itself (in the language switch).
    assert html.replace(forged_url, "ADDRESS") == missing.content.decode().replace(
        missing_url, "ADDRESS"
    )
    for secret in secrets_of(world.submission) + secrets_of(world.other):
        assert secret not in html


@pytest.mark.parametrize("url", ["subscriptions:confirm", "subscriptions:unsubscribe"])
def test_a_wrong_follow_token_says_the_link_does_not_work_and_nothing_more(client, world, url):
    for token in (FORGED, world.other.token, world.submission.token):
        response = client.get(reverse(url, args=[token]))
        assert response.status_code == 404
        html = response.content.decode()
        assert "Lenken virker ikke" in html
        assert world.follower.email not in html and world.plan.title not in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_right_token_opens_its_own_attachment_and_no_other(client, world):
    own_file = client.get(own(world, world.submission.token, "vedlegg/"))
    assert own_file.status_code == 200
    assert b"".join(own_file.streaming_content).startswith(b"%PDF")  # Vera's PDF, not Otto's PNG
    # The other input's attachment has no address under this token; by its reference (the
    # public address, for published input only) it is not there while unpublished.
    for plan_path in (links.plan_path(world.plan), links.plan_path(world.other.round.page)):
        url = f"{plan_path}innspill/vedlegg/{world.other.reference}/"
        assert client.get(url).status_code == 404


def test_another_senders_token_on_this_plan_leads_only_to_that_senders_own_input(client, world):
    response = client.get(own(world, world.other.token))
    assert response.status_code == 301
    assert response["Location"] == links.private_path(world.other)
    page = client.get(response["Location"]).content.decode()
    assert world.other.reference in page
    assert not any(secret in page for secret in secrets_of(world.submission))
