from themeplans.models.plans import Milestone, PlanPerson, ThemePlanIndexPage, ThemePlanPage
from themeplans.models.snippets import Person, PlanGoal, PoliticalBody, PoliticalDecision

__all__ = [
    "Milestone",
    "Person",
    "PlanGoal",
    "PlanPerson",
    "PoliticalBody",
    "PoliticalDecision",
    "ThemePlanIndexPage",
    "ThemePlanPage",
]
