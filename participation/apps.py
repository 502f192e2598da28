from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Medvirkning og innspill"

    def ready(self):
        from participation import (
            checks,  # noqa: F401  (registers the deploy checks)
            plan_calendar,
        )
        from participation.plan_editor import add_rounds_tab
        from themeplans.models import ThemePlanPage

        add_rounds_tab(ThemePlanPage)
        plan_calendar.register()
        # A copied plan starts without rounds: an open round would take input at once.
        ThemePlanPage.exclude_fields_in_copy = [
            *ThemePlanPage.exclude_fields_in_copy,
            "participation_rounds",
        ]
