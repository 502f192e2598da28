from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every feature app builds on and that knows no domain: blocks, languages, links,
    anti-spam, permissions, progress output."""

    name = "core"
    verbose_name = "Felles"

    def ready(self):
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from core import front_cache

        # Every page type: what an editor publishes, unpublishes or moves leaves the cache.
        page_published.connect(front_cache.page_changed, dispatch_uid="front-cache-publish")
        page_unpublished.connect(front_cache.page_changed, dispatch_uid="front-cache-unpublish")
        post_page_move.connect(front_cache.page_moved, dispatch_uid="front-cache-move")
        page_slug_changed.connect(front_cache.slug_changed, dispatch_uid="front-cache-slug")
