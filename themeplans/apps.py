from django.apps import AppConfig


class ThemePlansConfig(AppConfig):
    name = "themeplans"
    verbose_name = "Temaplaner"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.signals import page_published

        from themeplans.events import record_published
        from themeplans.models import (
            Person,
            PlanGoal,
            PoliticalBody,
            PoliticalDecision,
            ThemePlanIndexPage,
            ThemePlanPage,
        )
        from themeplans.roles import grant_on_new_index

        page_published.connect(record_published, sender=ThemePlanPage)
        post_save.connect(grant_on_new_index, sender=ThemePlanIndexPage)
        # The plans show these without being published again: a name, a body, a goal, a
        # decision or a document's title changed leaves every page, in front and in the app.
        for model in (Person, PoliticalBody, PlanGoal, PoliticalDecision, get_document_model()):
            uid = f"plans-shown-{model._meta.label_lower}"
            post_save.connect(_shown_on_plans_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_shown_on_plans_changed, sender=model, dispatch_uid=f"{uid}-del")


def _shown_on_plans_changed(sender, **kwargs):
    from core import front_cache

    front_cache.purge_everything()
