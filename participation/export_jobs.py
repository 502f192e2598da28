"""Exports too large to make inside a request: an ExportJob made by the task worker.

A moderator's export of more rows than PARTICIPATION_EXPORT_DIRECT_MAX_ROWS (or a large
round's report) is ordered here instead of made at once; the worker (`manage.py db_worker`)
runs `make_export`, which writes the file to private storage, and the moderator downloads it
from «Eksporter» in the admin. The selection is stored as the listing's query parameters, so the
job exports what the listing showed when it runs (participation.moderation.filters.listing).
Files go PARTICIPATION_EXPORT_KEEP_DAYS after they were made (`delete_expired`, run daily by
`manage.py anonymise_submissions`).
"""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db.models import Q
from django.test import RequestFactory
from django.utils import timezone, translation
from django_tasks import task

from participation import case_report, exports
from participation.models import ExportJob, ExportJobState

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "docx")


def keep_for():
    return timedelta(days=settings.PARTICIPATION_EXPORT_KEEP_DAYS)


def order(user, format, filename, filters=None, round=None, personal=False, description=""):
    """Store the job and queue it for the worker (in the same transaction: with the database
    queue the worker sees both or neither)."""
    job = ExportJob.objects.create(
        user=user,
        round=round,
        filters=filters or {},
        format=format,
        personal=personal,
        filename=filename,
        description=description[:300],
    )
    make_export.enqueue(job.pk)
    return job


def selection(job):
    """The input the job exports: the listing's filters and search as they were asked for."""
    from participation.moderation import filters

    request = RequestFactory().get("/", job.filters)
    request.user = job.user
    return filters.listing(request)


def _write(job, file):
    if job.format == "docx":
        return case_report.write(job.round, file)
    submissions = exports.ordered(selection(job))
    count = submissions.count()
    if job.format == "csv":
        exports.write_csv(submissions, file, personal=job.personal)
    else:
        exports.write_xlsx(submissions, file, personal=job.personal)
    return count


@task()
def make_export(job_id):
    """Make the job's file, once: a job already taken is left alone."""
    now = timezone.now()
    if not ExportJob.objects.filter(pk=job_id, state=ExportJobState.QUEUED).update(
        state=ExportJobState.RUNNING
    ):
        return False
    job = ExportJob.objects.select_related("round__page", "user").get(pk=job_id)
    try:
        with translation.override(settings.LANGUAGE_CODE), tempfile.TemporaryFile() as file:
            count = _write(job, file)
            file.seek(0)
            job.file.save(job.filename, File(file), save=False)
    except Exception:
        log.exception("Eksport %s feilet", job.pk)
        job.state, job.finished_at = ExportJobState.FAILED, timezone.now()
        job.save(update_fields=["state", "finished_at"])
        raise
    job.rows, job.state = count, ExportJobState.DONE
    job.finished_at = timezone.now()
    job.expires_at = job.finished_at + keep_for()
    job.save(update_fields=["file", "rows", "state", "finished_at", "expires_at"])
    if job.personal:
        exports.log_personal_export(job.user, job.round, count, job.format, job.filters)
    log.info("Eksport %s: %d rader på %.1f s", job.pk, count, (job.finished_at - now).seconds)
    return True


def visible_to(user):
    """The jobs a user may see and download: with the permission to export personal data
    everybody's, else their own without personal data."""
    jobs = ExportJob.objects.select_related("user", "round__page")
    if exports.can_export_personal_data(user):
        return jobs
    return jobs.filter(user=user, personal=False)


def delete_expired(now=None):
    """Delete the files (and rows) of jobs past their time; returns how many."""
    now = now or timezone.now()
    # Also jobs that failed or never ran, once they are as old as a made file would be.
    expired = ExportJob.objects.filter(
        Q(expires_at__lte=now) | Q(expires_at__isnull=True, created_at__lte=now - keep_for())
    )
    deleted = 0
    for job in expired.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
