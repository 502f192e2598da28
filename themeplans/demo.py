"""Demo theme plans from fixtures/themeplans.json: created when missing, never overwritten."""

import json
from datetime import date, time
from functools import cache

from django.conf import settings

from participation.demo import demo_document
from themeplans.models import (
    Milestone,
    Person,
    PlanPerson,
    PoliticalBody,
    PoliticalDecision,
    ThemePlanIndexPage,
    ThemePlanPage,
)

FIXTURE = settings.BASE_DIR / "fixtures" / "themeplans.json"


@cache
def demo_data():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def load_snippets():
    """Political bodies, people and decisions, matched by name so a rerun adds nothing."""
    data = demo_data()
    created = []
    for body in data["political_bodies"]:
        _, new = PoliticalBody.objects.get_or_create(
            name=body["name"],
            defaults={"kind": body["kind"], "contact_url": body.get("contact_url", "")},
        )
        created += [body["name"]] if new else []
    for person in data["people"]:
        _, new = Person.objects.get_or_create(
            name=person["name"],
            defaults={
                "title": person["title"],
                "unit": person["unit"],
                "email": person.get("email", ""),
                "phone": person.get("phone", ""),
                "show_contact_publicly": person.get("show_contact_publicly", False),
            },
        )
        created += [person["name"]] if new else []
    index = ThemePlanIndexPage.objects.get()
    for decision in data["decisions"]:
        item, new = PoliticalDecision.objects.get_or_create(
            body=PoliticalBody.objects.get(name=decision["body"]),
            decided_on=date.fromisoformat(decision["decided_on"]),
            title=decision["title"],
            defaults={"summary": decision["summary"], "link_url": decision.get("link_url", "")},
        )
        if new:
            index.schedule_decisions.add(item)
            index.save_revision().publish()
            created.append(f"vedtak {decision['decided_on']}")
    return created


def load_plans():
    index = ThemePlanIndexPage.objects.get()
    existing = set(ThemePlanPage.objects.values_list("slug", flat=True))
    created = []
    for plan in demo_data()["plans"]:
        if plan["slug"] in existing:
            continue
        page = _build_plan(plan)
        index.add_child(instance=page)
        page.save_revision().publish()
        created.append(plan["slug"])
    return created


def _body(name):
    return PoliticalBody.objects.get(name=name) if name else None


def _build_plan(plan):
    mandate = plan.get("mandate", {})
    page = ThemePlanPage(
        title=plan["title"],
        slug=plan["slug"],
        teaser=plan["teaser"],
        lead=plan.get("lead", ""),
        summary="".join(f"<p>{text}</p>" for text in plan.get("summary", [])),
        mandate_body=_body(mandate.get("body")),
        mandate_date=date.fromisoformat(mandate["date"]) if mandate else None,
        mandate_case_number=mandate.get("case_number", ""),
        mandate_url=mandate.get("url", ""),
        processing_body=_body(plan.get("processing_body")),
        topics=[
            ("topic", {"title": topic["title"], "description": "", "subtopics": topic["subtopics"]})
            for topic in plan.get("topics", [])
        ],
    )
    page.milestones = [
        Milestone(
            title=item["title"],
            kind=item["kind"],
            starts_on=date.fromisoformat(item["starts_on"]),
            ends_on=date.fromisoformat(item["ends_on"]) if item.get("ends_on") else None,
            precision=item["precision"],
            body=_body(item.get("body")),
            starts_at=time.fromisoformat(item["starts_at"]) if item.get("starts_at") else None,
            ends_at=time.fromisoformat(item["ends_at"]) if item.get("ends_at") else None,
            location=item.get("location", ""),
            signup_url=item.get("signup_url", ""),
        )
        for item in plan.get("milestones", [])
    ]
    page.people = [
        PlanPerson(person=Person.objects.get(name=item["name"]), role=item["role"])
        for item in plan.get("people", [])
    ]
    return page


CLIMATE_PLAN = "handling-mot-klimaendringene"
CURRENT_PLAN_TITLE = "Temaplan for handling mot klimaendringene, vedtatt (demo)"
PREVIOUS_PLAN_TITLE = "Klima- og energiplan, forrige versjon (demo)"


def load_current_plan():
    """«Gjeldende plan» on the climate plan: the adopted plan and the version before, as demo
    documents. Set once; an editor's later choice is kept."""
    plan = ThemePlanPage.objects.filter(slug=CLIMATE_PLAN).first()
    if plan is None or plan.current_plan_document_id:
        return []
    plan = plan.get_latest_revision_as_object()
    plan.current_plan_document = demo_document(
        CURRENT_PLAN_TITLE, "temaplan-klima-vedtatt.pdf", CURRENT_PLAN_TITLE
    )
    plan.current_plan_date = date(2021, 3, 18)
    plan.previous_plan_document = demo_document(
        PREVIOUS_PLAN_TITLE, "klima-og-energiplan-forrige.pdf", PREVIOUS_PLAN_TITLE
    )
    plan.previous_plan_date = date(2016, 6, 14)
    plan.save_revision().publish()
    return ["gjeldende plan for klima"]
