"""event_state: the event clusters' saved state written piece by piece, yet one plain zlib stream.

    pieces = [deflated(head), piece, COMMA, piece, ..., CLOSE]
    blob = zlib_stream(pieces)              # zlib.decompress(blob) == the pieces' bytes joined
    json_bytes(value)                       # compact JSON, exact floats (orjson; `json` for lone surrogates)

The link job saves the event clusters after every batch of pages; compressing the whole state each time
costs more the bigger the corpus, though a batch changes few clusters. Each piece here is compressed on its
own and ends on a full flush (byte-aligned, no reference to earlier data), so pieces compressed at different
times join into one valid deflate stream: an unchanged cluster's piece is kept from the last save, and only
the head (counts and document frequencies) and the changed clusters are compressed again. The zlib wrapper's
checksum is combined from the pieces' own (as zlib's `adler32_combine`), so nothing is read twice.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import orjson

__all__ = ["CLOSE", "COMMA", "Piece", "adler32_combine", "deflated", "json_bytes", "zlib_stream"]

#: zlib's level 4 compresses ~2 times faster than its default 6 for a blob ~10% bigger.
LEVEL = 4
#: The zlib header zlib itself writes at levels 2-5 (deflate, 32 KiB window; its check bits make it a multiple
#: of 31), and the final empty block that closes a stream whose pieces all ended on a full flush.
_HEADER = b"\x78\x5e"
_LAST_BLOCK = b"\x03\x00"
_ADLER_BASE = 65521


@dataclass(frozen=True, slots=True)
class Piece:
    """Some bytes of the state, deflated on their own (raw, ending on a full flush), with their Adler-32."""

    deflated: bytes
    adler: int
    size: int


def deflated(data: bytes) -> Piece:
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Piece(packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH), zlib.adler32(data), len(data))


#: What joins two saved values, and what closes a saved list and its object.
COMMA = deflated(b",")
CLOSE = deflated(b"]}")


def adler32_combine(first: int, second: int, second_size: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs and the second's length (zlib's `adler32_combine`)."""
    rem = second_size % _ADLER_BASE
    low = first & 0xFFFF
    high = (rem * low) % _ADLER_BASE
    low = (low + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    high = (high + (first >> 16) + (second >> 16) + _ADLER_BASE - rem) % _ADLER_BASE
    return low | (high << 16)


def zlib_stream(pieces: Iterable[Piece]) -> bytes:
    """One zlib stream of the pieces in order: what `zlib.decompress` reads as their bytes joined."""
    parts = [_HEADER]
    adler = 1  # the Adler-32 of no bytes
    for piece in pieces:
        parts.append(piece.deflated)
        adler = adler32_combine(adler, piece.adler, piece.size)
    parts += [_LAST_BLOCK, adler.to_bytes(4, "big")]
    return b"".join(parts)


def json_bytes(value: object) -> bytes:
    """Compact JSON with exact floats: orjson (~15 times faster than `json`); `json` where orjson refuses a
    lone surrogate (in some title), which it escapes (the state is then read back by `json`)."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, separators=(",", ":")).encode()
