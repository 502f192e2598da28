"""The scheduler container: runs the scheduled jobs at their times, as cron would.

A loop in plain Python instead of cron or supercronic: Debian's cron runs jobs as root with an
empty environment, and supercronic would be one more binary to fetch and verify at build time.
Every job is safe to run twice at once (docs/deploy.md), so running this in more than one place
does no harm, but one scheduler is enough. Each job runs as its own `manage.py` process, so one
that fails or crashes leaves the next run untouched; a job still running when its time comes
again is not started twice from here. Times are local to TZ (Europe/Oslo in compose.yaml).

    python deploy/scheduler.py          # in the image: forever, until SIGTERM
"""

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Job:
    command: str
    every_minutes: int = 0  # every N minutes, at offset `minute` past each multiple; or
    hour: int | None = None  # daily at hour:minute
    minute: int = 0

    def due(self, now: datetime) -> bool:
        if self.hour is not None:
            return (now.hour, now.minute) == (self.hour, self.minute)
        return now.minute % self.every_minutes == self.minute


JOBS = (
    Job("notify_followers", every_minutes=15),
    Job("retry_failed_mail", every_minutes=15, minute=5),
    # Rounds open and close at their moments with nobody acting: the cached pages that show them
    # are purged (core/front_cache.py); on the minute, since rounds mostly turn on the hour.
    Job("purge_due_pages", every_minutes=5),
    Job("anonymise_submissions", hour=3, minute=15),
    Job("clearsessions", hour=4, minute=0),
    # Finished rows of the task queue, after 14 days (docs/deploy.md, SECURITY.md).
    Job("prune_db_task_results", hour=4, minute=30),
)


class Scheduler:
    def __init__(self, jobs=JOBS, start=None):
        self.jobs = jobs
        self.start = start or (
            lambda job: subprocess.Popen([sys.executable, "manage.py", job.command], cwd=ROOT)
        )
        self.running = {}

    def tick(self, now: datetime):
        """Start the jobs due in the minute `now`, except those whose last run is still going."""
        for job in self.jobs:
            if not job.due(now):
                continue
            previous = self.running.get(job)
            if previous is not None and previous.poll() is None:
                print(f"scheduler: {job.command} kjører fortsatt; hopper over {now:%H:%M}")
                continue
            print(f"scheduler: starter {job.command} ({now:%H:%M})", flush=True)
            self.running[job] = self.start(job)

    def wait(self):
        for process in self.running.values():
            process.wait()


def main():
    scheduler = Scheduler()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *args: stopping.append(True))
    while not stopping:
        # Sleep to the start of the next minute, in short steps so SIGTERM is seen quickly.
        while not stopping and int(time.time()) % 60:
            time.sleep(min(1.0, 60 - time.time() % 60))
        if not stopping:
            scheduler.tick(datetime.now().replace(second=0, microsecond=0))
            time.sleep(1)  # past this minute's boundary
    # The jobs under way finish (each is short and safe to stop, but a finished run is tidier).
    scheduler.wait()


if __name__ == "__main__":
    main()
