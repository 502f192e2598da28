"""Damaged and hostile archives and pictures: the attachment check and the public copy refuse
them in their own words (UnsafeArchive, CannotClean) and never fail otherwise."""

import io
from contextlib import suppress

from hypothesis import given
from hypothesis import strategies as st

from participation import archives, attachments, public_copies
from tests.fuzz.conftest import fuzz
from tests.participation import bombs, files
from tests.participation.test_public_attachment_metadata import (
    docx_with_creator,
    jpeg_with_exif,
    odt_with_creator,
    pdf_with_author,
)

SMALL_BOMB = bombs.odt_bomb(bombs.BLOCK_ZEROS)
SAMPLES = [
    files.DOCX,
    files.ODT,
    docx_with_creator(),
    odt_with_creator(),
    SMALL_BOMB,
    jpeg_with_exif(),
    pdf_with_author(),
]


@st.composite
def damaged(draw):
    """A real sample with a few bytes changed, cut short or both."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(0, 4))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(1, len(data)))])


@fuzz
@given(damaged())
def test_a_damaged_file_is_recognised_refused_or_not_cleaned_never_an_error(data):
    with suppress(archives.UnsafeArchive):
        attachments.recognise(files.upload(data, "vedlegg"))
    for kind in attachments.ACCEPTED:  # as if it had been recognised as any of them
        with suppress(public_copies.CannotClean):
            public_copies.without_metadata(io.BytesIO(data), kind.content_type)
