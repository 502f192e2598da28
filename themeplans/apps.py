from django.apps import AppConfig


class ThemePlansConfig(AppConfig):
    name = "themeplans"
    verbose_name = "Temaplaner"
