from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Medvirkning og innspill"

    def ready(self):
        from core import events
        from participation import (
            checks,  # noqa: F401  (registers the deploy checks)
            summaries,
        )

        events.tells_directly(summaries.told_of_summaries)
