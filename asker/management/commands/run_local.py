"""`manage.py run_local [addrport]`: the development server and the task worker side by side, as
`make run` starts them. Ctrl+C stops both; if one of them stops on its own, so does the other.

Two child processes rather than the worker in a thread: both reload on code changes with
Django's autoreloader, which restarts a whole process.
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend


class Command(BaseCommand):
    help = (
        "Starter utviklingsserveren og arbeideren som sender e-post og gjør annet "
        "bakgrunnsarbeid (db_worker). Ctrl+C stopper begge."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        commands = {"utviklingsserveren": [*manage, "runserver", "--skip-checks", addrport]}
        if isinstance(task_backends["default"], DatabaseBackend):
            commands["arbeideren"] = [*manage, "db_worker", "--no-startup-delay"]
        else:
            self.stdout.write("Bakgrunnsarbeid gjøres direkte (TASKS_BACKEND); ingen arbeider.")
        processes = {name: subprocess.Popen(command) for name, command in commands.items()}
        # Stopped by SIGTERM instead of Ctrl+C: still stop both children (`finally` below).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while not (stopped := [n for n, p in processes.items() if p.poll() is not None]):
                time.sleep(0.5)
        except KeyboardInterrupt:
            return  # Ctrl+C reached the children too; `finally` waits for them
        finally:
            stop(processes.values())
        name = stopped[0]
        raise CommandError(f"{name.capitalize()} stoppet (kode {processes[name].returncode}).")


def stop(processes, grace=10):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
