import re
from datetime import timedelta

import pytest
from django.utils import timezone

from participation.models import ParticipationRound, Submission
from participation.moderation.permissions import MODERATORS_GROUP
from tests.participation.moderation_support import make_user
from themeplans.models import ThemePlanPage

PLAN_URL = "/temaplaner/handling-mot-klimaendringene/"
FORM_URL = PLAN_URL + "innspill/"


@pytest.fixture(autouse=True)
def no_fill_delay(settings):
    """Tests post at once; the minimum fill time is tested on its own."""
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


@pytest.fixture
def plan(demo_site):
    return ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")


@pytest.fixture
def demo_round(plan):
    return ParticipationRound.objects.get(page=plan, title__startswith="Demo")


@pytest.fixture
def closed_round(plan):
    return ParticipationRound.objects.get(page=plan, title="Innspill til kunnskapsgrunnlaget")


def valid_input(for_round, **changes):
    data = {
        "round": str(for_round.pk),
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "organisation": "",
        "category": "private",
        "topic": "Sirkulærøkonomi",
        "text": "Flere ombruksstasjoner, takk.",
        "publication": "named",
        "privacy": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def form_stamp(client, url=FORM_URL):
    html = client.get(url).content.decode()
    return re.search(r'name="shown_at" value="([^"]+)"', html).group(1)


@pytest.fixture
def send(client, demo_round, django_capture_on_commit_callbacks):
    """Post the form as a browser would, after loading it: `send(text="…", attachment=file)`.

    E-mails queued on commit are sent, as they are outside the test's transaction."""

    def post(url=FORM_URL, for_round=demo_round, **changes):
        data = valid_input(for_round, **changes)
        if "shown_at" not in data:
            data["shown_at"] = form_stamp(client, url)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def make_submission(round, **fields):
    values = {
        "name": "Ola Nordmann",
        "email": "ola@example.no",
        "category": "private",
        "text": "Et innspill.",
        "publication": "named",
        "privacy_accepted": True,
        "received_at": timezone.now() - timedelta(hours=1),
    }
    values.update(fields)
    submission = Submission.objects.create(round=round, **values)
    submission.reference = submission.reference_for()
    submission.save(update_fields=["reference"])
    return submission


@pytest.fixture
def moderator(plan):
    return make_user("moderator", MODERATORS_GROUP)


@pytest.fixture
def editor(plan):
    """A member of Wagtail's own «Editors» group, without the moderators' group."""
    return make_user("redaktor", "Editors")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def demo(demo_site):
    """These tests read the demo site (tests/conftest.py loads it once per session)."""
