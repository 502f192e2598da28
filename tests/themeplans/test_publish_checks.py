"""Checks before a plan is published (issue #19, point 7): the plan editor lists what a reader
would miss, from the state last saved; publishing says it again; the rounds overview shows
whether each round's plan is live, and never calls a round on a plan nobody can see open."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from participation.demo import demo_document
from participation.models import ParticipationRound, RoundKind
from themeplans.models import Person, PlanPerson, ThemePlanIndexPage, ThemePlanPage

pytestmark = pytest.mark.django_db

ROUNDS = "/admin/innspillsrunder/"
NO_CONTACT = "Planen har ingen kontaktperson. Legg til en kontaktperson under Personer."


@pytest.fixture
def admin_client(client, demo_site):
    client.force_login(get_user_model().objects.create_superuser("sjef", password="x" * 20))
    return client


@pytest.fixture
def plan(demo_site):
    """The climate plan: lead, «Kort fortalt», a contact, documents and an open round."""
    return ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")


def checks(client, plan):
    """The warnings above the plan's editor, in order; [] when there is no list."""
    html = client.get(f"/admin/pages/{plan.pk}/edit/").content.decode()
    panel = re.search(r"<section[^>]*data-publish-checks.*?</section>", html, re.S)
    if panel is None:
        return []
    items = re.findall(r"<li[^>]*>(.*?)</li>", panel.group(0), re.S)
    return [unescape(re.sub(r"\s+", " ", item)).strip() for item in items]


def save_draft(plan, **changes):
    """A new revision as the editor would save it, leaving the live page as it was."""
    draft = plan.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision()
    return draft


def rounds_of(draft, **changes):
    """The draft's rounds with these fields changed, given back to it (a revision holds its
    rounds in memory only once they are assigned)."""
    rounds = list(draft.participation_rounds.all())
    for item in rounds:
        for name, value in changes.items():
            setattr(item, name, value)
    draft.participation_rounds = rounds
    return rounds


def open_round(plan):
    return next(r for r in plan.participation_rounds.all() if r.is_open())


def test_a_plan_with_nothing_missing_shows_no_checks(admin_client, plan):
    assert checks(admin_client, plan) == []


def test_a_plan_without_a_contact_person_is_told_where_to_add_one(admin_client, plan):
    save_draft(plan, people=[])
    assert NO_CONTACT in checks(admin_client, plan)

    hidden = Person.objects.create(name="Skjult Saksbehandler", email="s@asker.kommune.no")
    save_draft(plan, people=[PlanPerson(person=hidden, role="contact")])
    assert any("Ingen av personene på planen viser e-post" in w for w in checks(admin_client, plan))

    shown = Person.objects.create(
        name="Synlig Saksbehandler", email="v@asker.kommune.no", show_contact_publicly=True
    )
    save_draft(plan, people=[PlanPerson(person=shown, role="contact")])
    assert checks(admin_client, plan) == []


def test_an_open_round_without_an_intro_is_told_what_to_write(admin_client, plan):
    draft = plan.get_latest_revision_as_object()
    title = open_round(draft).title
    rounds_of(draft, intro="<p></p>")  # what the editor leaves behind an emptied field
    draft.save_revision()
    assert checks(admin_client, plan) == [
        f"Runden «{title}» sier ikke hva dere vil ha innspill på. Skriv det under Medvirkning, "
        "i feltet «Hva vi vil ha innspill på»."
    ]

    rounds_of(draft, intro="<p>Hva bør kommunen gjøre?</p>")
    draft.save_revision()
    assert checks(admin_client, plan) == []


def test_a_hearing_without_documents_is_told_to_add_them(admin_client, plan):
    now = timezone.now()
    hearing = ParticipationRound(
        page=plan,
        title="Høring av klimaplanen",
        kind=RoundKind.HEARING,
        opens_at=now + timedelta(days=10),
        closes_at=now + timedelta(days=60),
        intro="<p>Hva mener du om utkastet?</p>",
    )
    plan.participation_rounds.add(hearing)
    plan.save_revision().publish()
    assert checks(admin_client, plan) == [
        "Høringen «Høring av klimaplanen» har ingen dokumenter. Legg til høringsutkastet og "
        "høringsbrevet under Medvirkning, i feltet «Dokumenter»."
    ]

    draft = plan.get_latest_revision_as_object()
    stored = next(r for r in rounds_of(draft) if r.title == hearing.title)
    stored.documents = [
        ("document", {"kind": "draft", "document": demo_document("Utkast", "u.pdf", "Utkast")})
    ]
    draft.save_revision().publish()
    assert checks(admin_client, plan) == []


def test_a_round_only_in_the_draft_of_a_live_plan_is_told_to_be_published(admin_client, plan):
    draft = plan.get_latest_revision_as_object()
    now = timezone.now()
    draft.participation_rounds = [
        *rounds_of(draft),
        ParticipationRound(
            title="Ny runde",
            opens_at=now + timedelta(days=3),
            closes_at=now + timedelta(days=30),
            intro="<p>Si din mening.</p>",
        ),
    ]
    draft.save_revision()
    assert checks(admin_client, plan) == [
        "Runden «Ny runde» er bare lagret i utkastet. Publiser planen, ellers kommer den ikke på "
        "nettsiden."
    ]


def test_an_open_round_on_an_unpublished_plan_is_no_open_round(admin_client, plan):
    title = open_round(plan).title
    plan.unpublish()

    assert checks(admin_client, plan) == [
        f"Runden «{title}» er åpen, men planen er ikke publisert, så ingen kan sende innspill. "
        "Publiser planen."
    ]
    row = overview_row(admin_client, title)
    assert "Åpen, men planen er ikke publisert" in row
    assert "Åpen for innspill" not in row
    assert "Planen: Avpublisert" in row

    plan.get_latest_revision().publish()
    assert checks(admin_client, plan) == []
    row = overview_row(admin_client, title)
    assert "Åpen for innspill" in row and "data-unreachable" not in row
    assert "Planen: Publisert" in row


def overview_row(client, title):
    html = client.get(ROUNDS).content.decode()
    row = html[html.index(f">{title}<") :]
    return unescape(row[: row.index("</tr>")])


def test_the_rounds_overview_shows_each_plans_state(admin_client, plan):
    now = timezone.now()
    index = ThemePlanIndexPage.objects.get()
    draft_plan = index.add_child(
        instance=ThemePlanPage(title="Ny plan", slug="ny-plan", teaser="Ny.", live=False)
    )
    ParticipationRound.objects.create(
        page=draft_plan,
        title="Runde på utkast",
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=20),
    )
    save_draft(plan, lead="En ny ingress som ikke er publisert.")

    row = overview_row(admin_client, "Runde på utkast")
    assert "Planen: Utkast, ikke publisert" in row
    assert "Planen må publiseres før runden åpner" in row
    row = overview_row(admin_client, open_round(plan).title)
    assert "Planen: Publisert, med endringer som ikke er publisert" in row
    assert "Åpen for innspill" in row


def new_plan_form(**fields):
    """The plan editor's form for a new plan with nothing but its names."""
    return nested_form_data(
        {
            "title": "Temaplan for friluftsliv",
            "slug": "friluftsliv",
            "teaser": "Hvordan vi bruker skog og sjø.",
            "lead": "",
            "summary": rich_text(""),
            "topics": streamfield([]),
            "focus_areas": streamfield([]),
            "documents": streamfield([]),
            "knowledge_base_text": rich_text(""),
            "horizon_years": "12",
            "revision_years": "4",
            "milestones": inline_formset([]),
            "people": inline_formset([]),
            "participation_rounds": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def test_publishing_a_plan_with_something_missing_says_what_right_away(admin_client):
    index = ThemePlanIndexPage.objects.get()
    data = {**new_plan_form(), "action-publish": "action-publish"}

    response = admin_client.post(
        f"/admin/pages/add/themeplans/themeplanpage/{index.pk}/", data, follow=True
    )

    assert ThemePlanPage.objects.get(slug="friluftsliv").live  # warned, not refused
    text = unescape(re.sub(r"<[^>]+>|\s+", " ", response.content.decode()))
    text = re.sub(r"\s+", " ", text)
    assert "«Temaplan for friluftsliv» er publisert, men du bør rette dette:" in text
    assert NO_CONTACT in text
    assert "Planen har ingen «Kort fortalt»." in text
    assert "Planen har ingen dokumenter." in text


def test_publishing_plans_in_bulk_says_what_each_lacks(admin_client):
    """«Publiser» on several pages in the explorer runs no after_publish_page: the same warning."""
    index = ThemePlanIndexPage.objects.get()
    plan = index.add_child(
        instance=ThemePlanPage(title="Friluftsliv", slug="friluftsliv", teaser="Ut.", live=False)
    )
    plan.save_revision()
    response = admin_client.post(
        f"/admin/bulk/wagtailcore/page/publish/?next=/admin/pages/{index.pk}/&id={plan.pk}",
        follow=True,
    )

    assert ThemePlanPage.objects.get(pk=plan.pk).live  # warned, not refused
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    assert "«Friluftsliv» er publisert, men du bør rette dette:" in text
    assert NO_CONTACT in text


def test_an_autosave_brings_the_checks_for_what_it_saved(admin_client):
    """Wagtail saves the editor's form as the editor types and sends parts of the page back:
    the list above the form is one of them, so a fixed problem leaves it without a reload."""
    index = ThemePlanIndexPage.objects.get()
    plan = index.add_child(
        instance=ThemePlanPage(title="Friluftsliv", slug="friluftsliv", teaser="Ut.", live=False)
    )
    plan.save_revision()
    assert NO_CONTACT in checks(admin_client, plan)
    shown = Person.objects.create(
        name="Synlig Saksbehandler", email="v@asker.kommune.no", show_contact_publicly=True
    )
    form = new_plan_form(
        title="Friluftsliv",
        people=inline_formset([{"person": str(shown.pk), "role": "contact", "ORDER": "1"}]),
    )

    response = admin_client.post(
        f"/admin/pages/{plan.pk}/edit/", form, HTTP_ACCEPT="application/json"
    )

    partials = response.json()["html"]
    update = re.search(
        r'<template[^>]*data-w-teleport-target-value="\[data-publish-checks\]"[^>]*>(.*?)</template>',
        partials,
        re.S,
    )
    assert update is not None
    assert "Planen har ingen «Kort fortalt»." in unescape(update.group(1))
    assert NO_CONTACT not in unescape(update.group(1))
