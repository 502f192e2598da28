"""The moderators' downloads of input: the listing's CSV and Excel, a round's Word report, and
the exports made in the background («Eksporter»).

A small export is made in the request: CSV streamed row by row, XLSX written a row at a time
(core.xlsx) to a temporary file and sent from there. One of more rows than
PARTICIPATION_EXPORT_DIRECT_MAX_ROWS is ordered as a background job (participation.export_jobs)
and the moderator is sent to «Eksporter», where it can be downloaded when it is ready.

Name and organisation are in the file only when asked for (`personopplysninger=1`) by a user
with the permission «Kan eksportere personopplysninger»; each such export is written to the
audit log.
"""

import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages

from core.spreadsheets import XLSX_CONTENT_TYPE
from participation import case_report, export_jobs, exports
from participation.models import ExportJobState, ParticipationRound
from participation.moderation import filters, permissions
from participation.moderation.screens import ModerationScreen

PERSONAL_PARAMETER = "personopplysninger"
EXPORTS = "participation_exports"  # URL namespace of «Eksporter»
CONTENT_TYPES = {"csv": "text/csv", "xlsx": XLSX_CONTENT_TYPE, "docx": case_report.CONTENT_TYPE}


def wants_personal_data(request):
    """Whether the export asked for is with name and organisation; refused without the right."""
    if request.GET.get(PERSONAL_PARAMETER) != "1":
        return False
    if not exports.can_export_personal_data(request.user):
        raise PermissionDenied
    return True


def chosen_round(request):
    value = request.GET.get("round", "")
    if not value.isdigit():
        return None
    return ParticipationRound.objects.select_related("page").filter(pk=value).first()


def listing_filename(round, personal):
    name = "innspill"
    if round is not None:
        name = f"{name}-{slugify(round.title, allow_unicode=True)}"
    return f"{name}-med-navn" if personal else name


def listing_parameters(request):
    return {key: value for key, value in request.GET.items() if key != "export"}


def queued(request, job):
    messages.success(
        request,
        gettext(
            "Eksporten lages … Den er stor, så den lages i bakgrunnen. Du kan laste den ned her "
            "når den er klar."
        ),
    )
    return redirect(f"{EXPORTS}:index")


def listing_export(request, format):
    """The listing's input (its filters and search) as CSV or XLSX, or a background job."""
    permissions.require(request.user, "view")
    personal = wants_personal_data(request)
    round = chosen_round(request)
    filename = f"{listing_filename(round, personal)}.{format}"
    submissions = filters.listing(request)
    count = submissions.count()
    if count > settings.PARTICIPATION_EXPORT_DIRECT_MAX_ROWS:
        job = export_jobs.order(
            request.user,
            format,
            filename,
            filters=listing_parameters(request),
            round=round,
            personal=personal,
            description=str(round) if round else gettext("Innspill etter utvalget i listen"),
        )
        return queued(request, job)
    if personal:
        exports.log_personal_export(request.user, round, count, format, listing_parameters(request))
    submissions = exports.ordered(submissions)
    if format == "csv":
        response = StreamingHttpResponse(
            exports.stream_csv(submissions, personal), content_type=CONTENT_TYPES["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    exports.write_xlsx(submissions, file, personal)
    file.seek(0)
    return FileResponse(
        file, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"]
    )


class RoundReportView(View):
    """A round's input grouped by topic as a Word document, for the saksframlegg."""

    def get(self, request, pk):
        permissions.require(request.user, "view")
        round = get_object_or_404(ParticipationRound.objects.select_related("page"), pk=pk)
        filename = f"innspill-rapport-{slugify(round.title, allow_unicode=True) or round.pk}.docx"
        count = case_report.included(round).count()
        if count > settings.PARTICIPATION_EXPORT_DIRECT_MAX_ROWS:
            job = export_jobs.order(
                request.user, "docx", filename, round=round, description=str(round)
            )
            return queued(request, job)
        file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        case_report.write(round, file)
        file.seek(0)
        return FileResponse(
            file, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["docx"]
        )


class ExportJobsView(ModerationScreen):
    """The exports made in the background that this user may download."""

    page_title = _("Eksporter")
    header_icon = "download"
    template_name = "participation/admin/export_jobs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = export_jobs.visible_to(self.request.user)[:100]
        context["keep_days"] = settings.PARTICIPATION_EXPORT_KEEP_DAYS
        context["pending"] = any(
            job.state in (ExportJobState.QUEUED, ExportJobState.RUNNING) for job in context["jobs"]
        )
        return context


class ExportJobDownloadView(View):
    def get(self, request, pk):
        permissions.require(request.user, "view")
        job = export_jobs.visible_to(request.user).filter(pk=pk).first()
        if job is None or job.state != ExportJobState.DONE or not job.file:
            raise Http404
        try:
            file = job.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            file,
            as_attachment=True,
            filename=job.filename,
            content_type=CONTENT_TYPES.get(job.format, "application/octet-stream"),
        )


def export_jobs_url():
    return reverse(f"{EXPORTS}:index")
