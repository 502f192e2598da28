"""Office documents (DOCX, ODT) are ZIP archives: looked into with bounded reads only.

A ZIP entry may unpack to a thousand or a million times its size (a «zip bomb»: 1 kB of bzip2
is 1 GiB of zeros), and its header may lie about that size. So before anything is unpacked the
archive's own directory is checked: how many entries, which compression, how far each entry
says it unpacks. Then at most `cap` bytes of an entry are unpacked, whatever it claimed.
"""

import struct
import zipfile
from contextlib import contextmanager

# A long report with a few hundred pictures has a few hundred entries.
MAX_ENTRIES = 2_000
# The central directory is read whole by zipfile: 2,000 entries with long names fit in 1 MiB.
MAX_DIRECTORY_BYTES = 1 << 20
# Text compresses some 5–20 times; a bomb thousands of times. Checked for entries over 1 MiB.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 << 20
# What all entries together may unpack to: far above any real 10 MB document.
MAX_UNPACKED_BYTES = 256 << 20
# The only methods DOCX (ECMA-376) and ODT (ODF 1.2) allow; bzip2 and LZMA are not bounded by
# zipfile's reads (it unpacks a whole compressed chunk at once).
METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END_SIGNATURE = b"PK\x05\x06"
_MAX_COMMENT = 0xFFFF


class NotAnArchive(Exception):
    """Not a readable ZIP archive."""


class UnsafeArchive(Exception):
    """A ZIP archive that unpacks to far more than it looks, or has far too many entries."""


def _directory(file):
    """(entries, directory size) from the end record, read before zipfile parses anything."""
    file.seek(0, 2)
    size = file.tell()
    tail_size = min(size, _END.size + _MAX_COMMENT)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END.size:
        raise NotAnArchive
    fields = _END.unpack_from(tail, at)
    return fields[4], fields[5]  # total entries, central directory size


def _check(archive):
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise UnsafeArchive
    unpacked = 0
    for entry in entries:
        if entry.compress_type not in METHODS:
            raise UnsafeArchive
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise UnsafeArchive
        unpacked += entry.file_size
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnsafeArchive


@contextmanager
def opened(file):
    """The file as a checked zipfile.ZipFile; NotAnArchive or UnsafeArchive otherwise."""
    try:
        entries, directory_size = _directory(file)
        # Also refuses ZIP64 (0xFFFF entries here), which no document under 10 MB needs.
        if entries > MAX_ENTRIES or directory_size > MAX_DIRECTORY_BYTES:
            raise UnsafeArchive
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            _check(archive)
            yield archive
    # NotImplementedError: an entry made by a newer zip version than Python reads (fuzzing found
    # «zip file version 6.4»): not a document we accept.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        struct.error,
        EOFError,
        NotImplementedError,
    ) as error:
        raise NotAnArchive from error
    finally:
        file.seek(0)


def read_capped(archive, name, cap):
    """At most `cap` bytes of the entry `name`, unpacked no further than that."""
    try:
        with archive.open(name) as entry:
            return entry.read(cap)
    except (KeyError, RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as error:
        raise NotAnArchive from error  # missing, encrypted, unknown method or damaged


def copy_capped(archive, entry, output, cap):
    """Stream the entry into `output` (an open entry of another archive) in chunks, refusing
    once more than `cap` bytes came out."""
    written = 0
    try:
        with archive.open(entry) as source:
            while chunk := source.read(1 << 16):
                written += len(chunk)
                if written > cap:
                    raise UnsafeArchive
                output.write(chunk)
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as error:
        raise NotAnArchive from error
    return written
