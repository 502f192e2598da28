from django.apps import AppConfig


class AskerConfig(AppConfig):
    name = "asker"
    verbose_name = "Nettstedet"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from asker import media
        from asker.models import AlertBanner, FooterSettings
        from asker.site_frame import clear_site_frame

        media.store_uploads_under_random_names()

        # Anything that changes the banner, menu or footer clears the cached page frame.
        for model in (AlertBanner, FooterSettings, Site):
            post_save.connect(
                clear_site_frame, sender=model, dispatch_uid=f"frame-save-{model.__name__}"
            )
            post_delete.connect(
                clear_site_frame, sender=model, dispatch_uid=f"frame-del-{model.__name__}"
            )
        # Every cached page shows the banner and footer: all leave the cache in front.
        for model in (AlertBanner, FooterSettings):
            post_save.connect(
                _purge_every_page, sender=model, dispatch_uid=f"front-save-{model.__name__}"
            )
            post_delete.connect(
                _purge_every_page, sender=model, dispatch_uid=f"front-del-{model.__name__}"
            )
        page_published.connect(clear_site_frame, dispatch_uid="frame-publish")
        page_unpublished.connect(clear_site_frame, dispatch_uid="frame-unpublish")
        post_page_move.connect(clear_site_frame, dispatch_uid="frame-move")
        post_delete.connect(_clear_on_page_delete, dispatch_uid="frame-page-delete")


def _clear_on_page_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    from asker.site_frame import clear_site_frame

    if isinstance(instance, Page):
        clear_site_frame()


def _purge_every_page(sender, **kwargs):
    from core import front_cache

    front_cache.purge_everything()
