"""`manage.py db_worker`: django-tasks-db's worker, kept running through a database restart.

The package's worker ends at the first database error it does not expect ("the connection is
closed" when PostgreSQL restarts or fails over), and with it all mail until someone starts it
again. This one closes the broken connections, waits (1 s, doubling to 10 s while the database
stays away) and goes on. SIGTERM and Ctrl+C stop it as before, during the wait too.

Same options as the package's command (`--batch`, `--max-tasks`, `--queue-name`, `--interval`,
`--reload`, …): see `manage.py db_worker --help`. This app comes before django_tasks_db in
INSTALLED_APPS, so this command is the one `manage.py db_worker` runs.
"""

import logging
import os
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

log = logging.getLogger(__name__)

FIRST_WAIT = 1.0  # seconds after the first failure
LONGEST_WAIT = 10.0
# A failure this long after the one before starts the waits from FIRST_WAIT again: the worker
# ran in between, so this is a new outage.
NEW_OUTAGE_AFTER = 60.0


class Worker(db_worker.Worker):
    """The package's worker, restarted on a database outage rather than ended by it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.wait = FIRST_WAIT
        self.failed_at = None

    def run(self):
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if not self.running:  # told to stop while the database was away
                    return None
                self.database_away(error)

    def database_away(self, error):
        now = time.monotonic()
        if self.failed_at is None or now - self.failed_at > NEW_OUTAGE_AFTER:
            self.wait = FIRST_WAIT
        self.failed_at = now
        # A task the error hit mid-way stays claimed; its mail is sent once all the same
        # (core.outbox claims each send, retry_failed_mail hands over what was lost).
        log.warning(
            "Databasen svarer ikke (%s: %s); arbeideren prøver igjen om %.0f s",
            type(error).__name__,
            error,
            self.wait,
        )
        connections.close_all()  # the next query opens a fresh connection
        self.startup_delay = False  # spread out at start only
        time.sleep(self.wait)  # SIGTERM during the wait ends the worker (Worker.shutdown)
        self.wait = min(self.wait * 2, LONGEST_WAIT)


class Command(db_worker.Command):
    help = "Kjør bakgrunnsarbeid fra køen i databasen (e-post, eksport); tåler en databaseomstart"

    def handle(self, *, verbosity, queue_name, reload, batch, **options):
        self.configure_logging(verbosity)
        reload = reload and not batch  # the package warns about --reload with --batch too
        worker = Worker(
            queue_names=queue_name.split(","),
            batch=batch,
            **{name: options[name] for name in WORKER_OPTIONS},
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # in the child the reloader runs, not the parent
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()


WORKER_OPTIONS = ("interval", "backend_name", "startup_delay", "max_tasks", "worker_id")
