from django.apps import AppConfig


class ThemePlansConfig(AppConfig):
    name = "themeplans"
    verbose_name = "Temaplaner"

    def ready(self):
        from wagtail.signals import page_published

        from themeplans.events import record_published
        from themeplans.models import ThemePlanPage

        page_published.connect(record_published, sender=ThemePlanPage)
