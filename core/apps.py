from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every feature app builds on and that knows no domain: blocks, languages, links,
    anti-spam, permissions, progress output."""

    name = "core"
    verbose_name = "Felles"
