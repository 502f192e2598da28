"""The attachment's size limit, enforced while the request arrives rather than after it is stored.

Two steps, both for the innspill form only (participation.views.public.form_page):

- a request that announces a body far over the limit is answered 413 before a byte of it is read;
- otherwise an upload handler counts the attachment's bytes and, past the limit, skips the rest of
  the file (never written to memory or a temporary file) while the parser goes on to the fields
  after it, so the form comes back with everything else the sender wrote and one clear error.
"""

from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.shortcuts import render

from participation import attachments

FIELD = "attachment"
# Room for the text fields and the multipart framing around a file just under the limit: the
# text is at most 10,000 characters (forms.TEXT_MAX), some 40 kB as UTF-8 in the worst case.
ENVELOPE_BYTES = 1024 * 1024


class AttachmentSizeLimit(FileUploadHandler):
    """First of the request's upload handlers: passes the attachment's chunks on to the handlers
    that store them until the limit is passed, then skips the file and says so in `too_large`."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.PARTICIPATION_MAX_ATTACHMENT_BYTES
        self.received = 0
        self.too_large = False

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if self.field_name != FIELD:
            return raw_data
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise SkipFile  # the parser closes the stored part and discards the rest
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the uploaded file


def limited_uploads(view):
    """A view whose posts are held to the limit: 413 when the announced body is far too large,
    else the counting handler in front of Django's own. This must happen before anything reads
    request.POST or request.FILES, so the view is marked csrf_exempt outside this decorator and
    wrapped in csrf_protect inside it (Django's «Modifying upload handlers on the fly»)."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method == "POST":
            if announced_body_too_large(request):
                return body_too_large_page(request)
            request.upload_handlers.insert(0, AttachmentSizeLimit(request))
        return view(request, *args, **kwargs)

    return limited


def attachment_too_large(request):
    """Whether the attachment was skipped for its size. Read after request.FILES."""
    return any(
        isinstance(handler, AttachmentSizeLimit) and handler.too_large
        for handler in request.upload_handlers
    )


def announced_body_too_large(request):
    """The request says its body is far larger than any accepted form: no need to read it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.PARTICIPATION_MAX_ATTACHMENT_BYTES + ENVELOPE_BYTES


def body_too_large_page(request):
    """413, without reading the body: the text cannot be shown again, so the page says so."""
    context = {
        "limit": attachments.megabytes(settings.PARTICIPATION_MAX_ATTACHMENT_BYTES),
        "form_url": request.path,
    }
    return render(request, "participation/body_too_large.html", context, status=413)
