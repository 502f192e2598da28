"""The people and things the permission matrix tries: staff of each kind, two inputs with
attachments on two plans, and a follower."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from participation import services
from participation.models import ParticipationRound, Submission
from participation.moderation.permissions import MODERATORS_GROUP
from subscriptions import services as subscriptions
from subscriptions.models import Subscription
from tests.participation import conftest as participation
from tests.participation.files import PDF, PNG, upload
from tests.participation.moderation_support import make_user
from themeplans.models import ThemePlanPage
from themeplans.roles import PLAN_EDITORS_GROUP

plan = participation.plan
demo_round = participation.demo_round

# Each staff role is a user in one group, as the municipality would set them up.
STAFF = {
    "editor": {"group": "Editors"},  # Wagtail's own: edits pages
    "page_moderator": {"group": "Moderators"},  # Wagtail's own: publishes pages, not input
    "planredaktor": {"group": PLAN_EDITORS_GROUP},  # the project's: plans and their snippets
    "moderator": {"group": MODERATORS_GROUP},  # the project's: handles input
    "superuser": {"is_superuser": True, "is_staff": True},
}


@dataclass
class World:
    plan: ThemePlanPage
    round: ParticipationRound
    submission: Submission  # the input whose links are tried, received (not published)
    other: Submission  # another sender's input, on another plan, also with an attachment
    follower: Subscription


def sender_data(name):
    return {
        "name": name,
        "email": f"{name.split()[0].lower()}@example.no",
        "category": "private",
        "text": f"Innspill fra {name} med vedlegg.",
        "publication": "named",
        "privacy": "on",
    }


@pytest.fixture
def world(plan, demo_round):
    other_plan = ThemePlanPage.objects.get(slug="kultur")
    now = timezone.now()
    other_round = ParticipationRound.objects.create(
        page=other_plan,
        title="Innspill til kulturplanen",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    submission = services.submit(
        demo_round,
        sender_data("Vera Vedlegg"),
        upload(PDF, "notat om parkering.pdf", "application/pdf"),
    )
    other = services.submit(
        other_round, sender_data("Otto Annen"), upload(PNG, "skisse.png", "image/png")
    )
    follower = subscriptions.subscribe(plan, "folger@example.no")
    return World(plan, demo_round, submission, other, follower)


@pytest.fixture
def as_role(client):
    """A test client for the role: logged in as staff of that kind, or nobody."""

    def login(role):
        if role in STAFF:
            fields = dict(STAFF[role])
            group = fields.pop("group", None)
            client.force_login(make_user(role.replace("_", "-"), group, **fields))
        return client

    return login


@pytest.fixture(autouse=True)
def demo(demo_site):
    """These tests read the demo site (tests/conftest.py loads it once per session)."""
