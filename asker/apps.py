from django.apps import AppConfig


class AskerConfig(AppConfig):
    name = "asker"
    verbose_name = "Nettstedet"
