from django.apps import AppConfig


class ThemePlansConfig(AppConfig):
    name = "themeplans"
    verbose_name = "Temaplaner"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from themeplans.events import record_published
        from themeplans.models import ThemePlanIndexPage, ThemePlanPage
        from themeplans.roles import grant_on_new_index

        page_published.connect(record_published, sender=ThemePlanPage)
        post_save.connect(grant_on_new_index, sender=ThemePlanIndexPage)
