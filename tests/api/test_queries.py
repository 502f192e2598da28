"""Queries per API request are constant in the number of plans, milestones, people and input."""

from datetime import date

import pytest
from django.core.cache import cache

from tests.api.conftest import (
    PLAN,
    add_document,
    add_milestone,
    add_person,
    add_plan,
    add_published,
    add_round,
)
from themeplans.models import PlanGoal

LIST = "/api/plans/"
DETAIL = f"/api/plans/{PLAN}/"
SUBMISSIONS = f"/api/plans/{PLAN}/submissions/"

# Each answer first works out its ETag (api/freshness.py) in 5 queries: the public content's
# version, the newest page and snippet log entries, view restrictions, and the rounds with their
# counts or the input's newest change. Then, with a cold cache, so the site and its root paths
# (2 queries) are looked up: view restrictions, count, plans, milestones, rounds with their
# published count (the open rounds' only, each counted in the (round, state) index).
LIST_QUERIES = 5 + 7
# View restrictions, the plan with its bodies and documents, milestones, rounds with their
# published counts, people, goals, the pages and the documents linked from the documents list.
DETAIL_QUERIES = 5 + 10
# View restrictions, plan, its root path (1 query, cold cache), count, input with rounds.
SUBMISSION_QUERIES = 5 + 5


def grow(plan):
    """More of everything the endpoints show, on the plan and as new plans."""
    for n in range(3):
        add_milestone(plan, title=f"Ekstra {n}", starts_on=date(2032, n + 1, 1))
        add_person(plan)
        round = add_round(plan)
        add_published(round, text=f"Ekstra innspill {n}")
        other = add_plan(f"Ekstra plan {n}")
        add_milestone(other, kind="mandate", starts_on=date(2030, 1, 1))
        add_round(add_plan(f"Plan med runde {n}"))
        plan.documents.append(
            ("link", {"title": "", "page": other, "document": None, "url": "", "description": ""})
        )
        plan.documents.append(
            (
                "link",
                {
                    "title": "",
                    "page": None,
                    "url": "",
                    "description": "",
                    "document": add_document(f"Vedlegg {n}"),
                },
            )
        )
        plan.goals.add(PlanGoal.objects.create(code=f"8.{n}", title=f"Delmål {n}"))
    plan.save()


@pytest.mark.parametrize(
    "url, queries",
    [(LIST, LIST_QUERIES), (DETAIL, DETAIL_QUERIES), (SUBMISSIONS, SUBMISSION_QUERIES)],
)
def test_queries_do_not_grow_with_content(
    client, rich_plan, django_assert_num_queries, url, queries
):
    for size in ("demo", "grown"):
        if size == "grown":
            grow(rich_plan)
        cache.clear()
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
