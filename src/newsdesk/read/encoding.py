"""read.encoding: the bytes of an input as text, and the defects seen in it — encodings, mojibake, binary data.

Plain text is kept exactly as decoded (CRLF, tabs and all); only a byte-order mark is dropped, because it
is not text (a UTF-8 one shows as `Page.encoding == "utf-8-sig"`, no flag: it is no defect). Decoding: a
BOM decides (UTF-8, UTF-16, UTF-32); else BOM-less UTF-16 (NUL bytes on every other byte); else strict
UTF-8; else UTF-8 with the few bad bytes replaced by U+FFFD, when nearly all the multi-byte text is
valid UTF-8 (`REPLACED_UTF8`, flagged: reading it all as another code page would mangle every ’ and –);
else the charset an HTTP header declared (a WARC record's); else the charset the HTML declares; else
charset-normalizer. Any encoding but UTF-8 is reported as an `encoding` flag over the whole text, its
`detail` the codec name, and in `Page.encoding`.
Mojibake (UTF-8 that went through windows-1252 upstream: "Ã©", "â€™") is flagged run by run, `detail`
the characters it stood for; the text is not repaired.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from newsdesk.errors import ReadError
from newsdesk.model import Span

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8 = frozenset({"utf-8", "utf-8-sig"})
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# WHATWG Encoding: browsers read these labels as windows-1252, and so do the pages that declare them.
_AS_CP1252 = frozenset({"iso8859-1", "ascii", "cp1252"})
# Control characters (C0 and C1) other than the ones text carries (tab, newlines, form feed): binary.
_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_SHARE = 0.05
_BINARY_SAMPLE = 65536


def decode(source: str, data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode an input's bytes as newsdesk reads them: `(text, codec)`, codec a Python codec name.

    `charset` is what an HTTP header declared: it ranks under a BOM and strict UTF-8 (servers that say
    ISO-8859-1 by default serve UTF-8 pages) and over the page's own declaration, as in a browser.
    Raises `ReadError` when the input is empty (ND-E003), binary (ND-E004) or undecodable (ND-E005).
    """
    if not data.strip():
        raise ReadError(source, "ND-E003", "is empty" if not data else "holds only whitespace")
    text, codec = _decode_bytes(source, data, charset)
    if not text.strip():
        raise ReadError(source, "ND-E003", f"holds only whitespace once decoded as {codec}")
    refuse_binary(source, text)
    return text, codec


def _decode_bytes(source: str, data: bytes, charset: str | None) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise ReadError(source, "ND-E005", f"starts with a {codec} byte-order mark but is not "
                                                   f"{codec} (byte {err.start})") from None
    if b"\x00" in data:
        # Text in any 8-bit or multi-byte legacy charset never holds NUL; UTF-16 without a BOM does,
        # on one side of every pair of bytes for Latin-script text.
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise ReadError(source, "ND-E004", "holds NUL bytes: binary data, not text or HTML")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = _mostly_utf8(data)
    if replaced is not None:
        return replaced, REPLACED_UTF8
    for declared in (_label_codec(charset) if charset else None, _declared_codec(data)):
        if declared is not None:
            try:
                return data.decode(declared), declared
            except UnicodeDecodeError:
                log.debug("%s: declares %s but does not decode as it", source, declared)
    detected = _detect_codec(data)
    if detected is None:
        raise ReadError(source, "ND-E005", "is neither UTF-8 nor any encoding charset-normalizer recognises")
    return data.decode(detected), detected


#: `Page.encoding` of a text read as UTF-8 whose few invalid bytes became U+FFFD (flagged `encoding`).
REPLACED_UTF8 = "utf-8-replaced"
# UTF-8 with replacement when at most this share of its multi-byte characters is broken (and at least
# `_MIN_MULTIBYTE` are whole): a cp1252 text almost never forms valid UTF-8 sequences by chance.
_BROKEN_SHARE = 0.05
_MIN_MULTIBYTE = 5
_MULTIBYTE = re.compile(b"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> str | None:
    """`data` as UTF-8 with its bad bytes replaced, when nearly all of its non-ASCII text is valid UTF-8."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    whole = len(_MULTIBYTE.findall(data))
    if whole >= _MIN_MULTIBYTE and 0 < broken <= _BROKEN_SHARE * whole:
        return text
    return None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """(text, codec) when `data` is UTF-16 without a byte-order mark: NUL on one side of most byte pairs
    (Latin-script text), none on the other side, and it decodes."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:_BINARY_SAMPLE]
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.5 * pairs and other <= 0.01 * pairs:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def _declared_codec(data: bytes) -> str | None:
    """The charset an HTML `<meta>` or XML declaration names in the first 4 KB, as a Python codec."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    return _label_codec((match.group(1) or match.group(2)).decode("ascii", "replace"))


def _label_codec(label: str) -> str | None:
    """A declared charset label as a Python codec; None for UTF-8 and for labels Python does not know."""
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    if codec in _UTF8:
        return None  # it said UTF-8 and was not: let detection find what it is
    return "cp1252" if codec in _AS_CP1252 else codec


def _detect_codec(data: bytes) -> str | None:
    """The codec charset-normalizer finds likeliest, leaning to windows-1252 on a tie.

    On short texts charset-normalizer stops at the first multi-byte codec that fits (German news in
    cp1252 comes back as Shift-JIS); trying cp1252 on its own as well and ranking all candidates by
    chaos, then language coherence, fixes that without hurting Cyrillic, Greek or CJK detection.
    """
    candidates = [*charset_normalizer.from_bytes(data), *charset_normalizer.from_bytes(data, cp_isolation=["cp1252"])]
    ranked = sorted(candidates, key=lambda m: (round(m.chaos, 2), -round(m.coherence, 2), m.encoding != "cp1252"))
    for match in ranked:
        try:
            codec = codecs.lookup(match.encoding).name
            data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        return codec
    return None


def refuse_binary(source: str, text: str) -> None:
    """Raise `ReadError` (ND-E004) when the start of `text` is mostly control characters: binary data."""
    sample = text[:_BINARY_SAMPLE]
    controls = len(_BINARY_CONTROL.findall(sample))
    if controls > _BINARY_SHARE * len(sample):
        raise ReadError(source, "ND-E004", f"{controls} of its first {len(sample)} characters are control "
                                           f"characters: binary data, not text or HTML")



# ---------------------------------------------------------------------------------------------------------
# defects seen while reading

# UTF-8 read as windows-1252 (or Latin-1) turns each multi-byte character into a lead letter (Ã, â, Ð…)
# followed by "continuation" characters: the cp1252 or C1 readings of bytes 0x80-0xBF. Those pairs
# almost never occur in real text, so a regex finds the runs without a decoder or a language model.
# Not handled: mojibake produced through other codepages (rare in news), double mojibake (caught in part).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = "\u0080-\u00bf" + _CP1252_HIGH
# After an uppercase accented letter these are real punctuation ("CAFÉ»", „SCHÖN“), so they count as
# continuation only after Â or Ã, which real text never puts before them.
_QUOTE_LIKE = "«»‘’“”–—"
_CONTINUATION_STRICT = "".join(
    ch for ch in [chr(c) for c in range(0x80, 0xC0)] + list(_CP1252_HIGH) if ch not in _QUOTE_LIKE
)
_MOJIBAKE = re.compile(
    "(?:"
    f"[ÂÃ][{_CONTINUATION}]"  # Latin-1 supplement: é → Ã©, NBSP → Â + NBSP
    f"|[\u00c4-\u00de][{re.escape(_CONTINUATION_STRICT)}]"  # other two-byte scripts: ł → Å‚, П → ÐŸ
    f"|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"  # three bytes: ’ → â€™, € → â‚¬
    f"|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}"  # four bytes: emoji
    ")+"
)


def _mojibake(text: str) -> list[Span]:
    """A `mojibake` flag per run; `detail` is what the run most likely stood for, when it decodes."""
    return [Span(m.start(), m.end(), "mojibake", detail=_unmangle(m.group())) for m in _MOJIBAKE.finditer(text)]


def _unmangle(run: str) -> str | None:
    # cp1252 gives back the bytes of "€…Ÿ"; C1 controls and Latin-1 letters are their own byte values
    try:
        raw = b"".join(ch.encode("cp1252") if ch in _CP1252_HIGH else bytes([ord(ch)]) for ch in run)
        return raw.decode("utf-8")
    except (UnicodeError, ValueError):
        return None


def encoding_flags(text: str, codec: str) -> tuple[Span, ...]:
    """A text's defect flags: its encoding when that is not plain UTF-8 (over the whole text), then its
    mojibake runs."""
    flags = _mojibake(text)
    if codec == REPLACED_UTF8:
        flags.insert(0, Span(0, len(text), "encoding",
                             detail=f"utf-8, {text.count(chr(0xFFFD))} undecodable bytes replaced by U+FFFD"))
    elif codec not in _UTF8:
        flags.insert(0, Span(0, len(text), "encoding", detail=codec))
    return tuple(flags)


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: object) -> int | None:
    """Where a str holds a UTF-16 surrogate code point (never valid in decoded text), else None."""
    if not isinstance(value, str):
        return None
    m = _SURROGATE.search(value)
    return m.start() if m else None
