"""`manage.py purge_due_pages`: drop from the cache in front the pages whose stored events have
come due since the last run (a round that opened or closed at its moment, with nobody acting).
deploy/scheduler.py runs it every five minutes, on the minute, so a round opening on the hour
shows at once. It also renews the pages' cached content in the app (core.public_content), with
or without a cache in front."""

from django.core.management.base import BaseCommand

from core import front_cache
from core.singleton import one_run_at_a_time


class Command(BaseCommand):
    help = (
        "Tømmer mellomlageret foran nettstedet for sidene med hendelser som har inntruffet "
        "siden forrige kjøring (runder som har åpnet eller stengt)."
    )

    @one_run_at_a_time
    def handle(self, *args, **options):
        purged = front_cache.purge_due_events()
        self.stdout.write(f"{purged} sider tømt i mellomlageret.")
