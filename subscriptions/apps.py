from django.apps import AppConfig
from django.db.models.signals import post_delete


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Følg en plan"

    def ready(self):
        from subscriptions import mails

        post_delete.connect(
            mails.forget_deleted,
            sender=self.get_model("Subscription"),
            dispatch_uid="subscriptions.mails.forget_deleted",
        )
