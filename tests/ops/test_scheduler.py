"""The scheduler container (deploy/scheduler.py): each job at its time, none started twice."""

import importlib.util
from datetime import datetime
from pathlib import Path

path = Path(__file__).resolve().parents[2] / "deploy" / "scheduler.py"
spec = importlib.util.spec_from_file_location("scheduler", path)
scheduler = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scheduler)


class Run:
    def __init__(self, done=False):
        self.done = done

    def poll(self):
        return 0 if self.done else None


def started_at(hour, minute, runs=None):
    started = []
    s = scheduler.Scheduler(start=lambda job: started.append(job.command) or Run())
    s.running.update(runs or {})
    s.tick(datetime(2026, 3, 2, hour, minute))
    return started


def test_each_job_runs_at_its_time():
    due = "purge_due_pages"
    assert started_at(10, 30) == ["notify_followers", due]
    assert started_at(10, 35) == ["retry_failed_mail", due]
    assert started_at(3, 15) == ["notify_followers", due, "anonymise_submissions"]
    assert started_at(4, 0) == ["notify_followers", due, "clearsessions"]
    assert started_at(4, 30) == ["notify_followers", due, "prune_db_task_results"]
    assert started_at(10, 40) == [due]
    assert started_at(10, 31) == []


def test_a_job_still_running_is_not_started_again_but_one_that_ended_is():
    notify = scheduler.JOBS[0]
    assert started_at(10, 45, {notify: Run(done=False)}) == ["purge_due_pages"]
    assert started_at(10, 45, {notify: Run(done=True)}) == ["notify_followers", "purge_due_pages"]
