"""The factories build a site the test client can read, without the demo content."""

import pytest

from asker.models import HomePage
from tests.factories import (
    MilestoneFactory,
    ParticipationRoundFactory,
    PlanPersonFactory,
    PrivacyPageFactory,
    SubmissionFactory,
    SubscriptionFactory,
    ThemePlanIndexPageFactory,
    ThemePlanPageFactory,
)

pytestmark = pytest.mark.django_db


def test_a_plan_is_served_at_its_address_under_the_index(client):
    plan = ThemePlanPageFactory(title="Klimaplan", slug="klimaplan")

    response = client.get("/temaplaner/klimaplan/")

    assert response.status_code == 200
    assert plan.title in response.text


def test_plans_built_under_one_index_share_one_home_page(client):
    index = ThemePlanIndexPageFactory()
    ThemePlanPageFactory(parent=index, title="Kulturplan")
    ThemePlanPageFactory(parent=index, title="Klimaplan")

    response = client.get("/temaplaner/")

    assert HomePage.objects.count() == 1
    assert "Kulturplan" in response.text and "Klimaplan" in response.text


def test_a_plans_milestones_and_people_show_on_its_page(client):
    plan = ThemePlanPageFactory()
    MilestoneFactory(page=plan, title="Mandat vedtatt")
    PlanPersonFactory(page=plan, person__name="Ola Rådgiver")

    response = client.get(plan.url)

    assert "Mandat vedtatt" in response.text
    assert "Ola Rådgiver" in response.text


def test_a_round_is_open_and_its_input_has_a_reference():
    submission = SubmissionFactory(round=ParticipationRoundFactory())

    assert submission.round.is_open()
    assert submission.reference.startswith("INN-")


def test_a_subscription_follows_a_plan():
    subscription = SubscriptionFactory()

    assert subscription.plan.subscriptions.get() == subscription


def test_a_legal_page_is_served_under_the_home_page(client):
    PrivacyPageFactory()

    response = client.get("/personvern/")

    assert response.status_code == 200
    assert "Personvernerklæring" in response.text
