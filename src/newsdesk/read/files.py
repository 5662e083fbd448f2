"""read: turn inputs (paths, directories, JSONL, stdin, bytes) into `Page`s — the only stage that touches files.

The text of a page is fixed here and never changes after: every later offset points into it.

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

HTML is reduced to its main content with trafilatura, then rebuilt as blocks: headings, paragraphs,
quotes, tables and captions separated by a blank line, items of one list by a single newline. Each block
is recorded in `Page.hints` with its exact offsets and layout kind. Figure captions, which trafilatura
drops, are kept and hinted `caption` so the cleaner can list them. The page title goes to `Page.title`
(and a leading heading that repeats it is left out of the text), the publication date (htmldate, from
the markup only, never the network) to `Page.reference_date`.

Reference date precedence: `ReadConfig.reference_date` ("option") > a JSONL record's `date` or a WARC
record's WARC-Date ("record") > the page's own date ("page") > None. No year is ever guessed.

WARC archives (`.warc`, `.warc.gz`) are read record by record in `newsdesk.read.warc`; a page from one,
or from a JSONL record with a `url`, carries that URL in `Page.url`.

Inputs that cannot be read raise `ReadError` (one line: the input, the problem, a catalogued code);
`read_sources` turns them into `ReadFailure` values so one bad input never stops a batch.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

import charset_normalizer
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document

from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.model import Page, PageFormat, Span
from newsdesk.read.warc import Payload, is_warc, read_warc
from newsdesk.text.credit import find_credit

__all__ = [
    "ReadConfig",
    "decode",
    "page_from_bytes",
    "page_from_html",
    "page_from_text",
    "parse_date",
    "read_sources",
]

log = logging.getLogger(__name__)

#: Where `read_sources` says a page came from standard input.
STDIN_SOURCE = "<stdin>"
#: Extensions that make a file HTML without sniffing.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: The extension that makes a file a batch of records, one JSON object a line.
JSONL_SUFFIX = ".jsonl"


@dataclass(frozen=True, slots=True)
class ReadConfig:
    """How inputs are read.

    `reference_date` (the `--reference-date` option) overrides every date a record or page carries.
    `max_bytes` refuses larger inputs (ND-E006) before they are read. `captions` keeps figure captions
    in the text, hinted `caption` so the cleaner can list them, instead of letting extraction drop them.
    """

    reference_date: dt.date | None = None
    max_bytes: int = 20 * 1024 * 1024
    captions: bool = True

    def __post_init__(self) -> None:
        # A datetime is a date too, but comparing one with a date raises: refuse it here, not later.
        if self.reference_date is not None and (
            not isinstance(self.reference_date, dt.date) or isinstance(self.reference_date, dt.datetime)
        ):
            raise ConfigError("ND-E011", f"reference_date must be a datetime.date or None, "
                                         f"not {type(self.reference_date).__name__}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ConfigError("ND-E011", f"max_bytes must be a positive whole number of bytes, "
                                         f"not {self.max_bytes!r}")
        if not isinstance(self.captions, bool):
            raise ConfigError("ND-E011", f"captions must be True or False, not {self.captions!r}")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: str) -> dt.date | None:
    """`YYYY-MM-DD` as a date, or None; `date.fromisoformat` alone would also take `20220522`."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_date(value: str, what: str) -> dt.date:
    """Parse a `YYYY-MM-DD` date given by the user; `what` names the option in the error (ND-E010)."""
    date = _iso_date(value.strip()) if isinstance(value, str) else None
    if date is None:
        raise ConfigError("ND-E010", f"{what}: {value!r} is not a date of the form YYYY-MM-DD "
                                     f"(for example 2022-05-22)")
    return date


# ---------------------------------------------------------------------------------------------------------
# decoding

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
    _refuse_binary(source, text)
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


def _refuse_binary(source: str, text: str) -> None:
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


def _flags(text: str, codec: str) -> tuple[Span, ...]:
    flags = _mojibake(text)
    if codec == REPLACED_UTF8:
        flags.insert(0, Span(0, len(text), "encoding",
                             detail=f"utf-8, {text.count(chr(0xFFFD))} undecodable bytes replaced by U+FFFD"))
    elif codec not in _UTF8:
        flags.insert(0, Span(0, len(text), "encoding", detail=codec))
    return tuple(flags)


def _dated(config: ReadConfig, record_date: dt.date | None,
           page_date: dt.date | None) -> tuple[dt.date | None, str | None]:
    if config.reference_date is not None:
        return config.reference_date, "option"
    if record_date is not None:
        return record_date, "record"
    if page_date is not None:
        return page_date, "page"
    return None, None


# ---------------------------------------------------------------------------------------------------------
# pages from bytes and strings

_HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_BLOCK = re.compile(r"<(?:p|div|article|section|h[1-6]|ul|ol|table|br|title|meta)[\s/>]", re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    """Sniff the first 4 KB: text that opens with markup and holds a document or block tag.

    Opening with "<" keeps an article that merely mentions "<html>" plain text; an HTML file with junk
    before its markup is still read as HTML when its name ends in .html or .htm.
    """
    head = text[:4096]
    if not head.lstrip().startswith("<"):
        return False
    return _HTML_DOCUMENT.search(head) is not None or _HTML_BLOCK.search(head) is not None


def page_from_bytes(source: str, data: bytes, config: ReadConfig, *, record_date: dt.date | None = None,
                    fmt: PageFormat | None = None, charset: str | None = None, url: str | None = None) -> Page:
    """Decode raw bytes and read them as plain text or HTML (`fmt`, else sniffed from the content).

    `record_date` is a date the input came with (a JSONL `date`, a WARC-Date): it ranks under
    `config.reference_date` and over the page's own date. `charset` is one an HTTP header declared (see
    `decode`), `url` where the page was fetched from. Raises `ReadError`.
    """
    if len(data) > config.max_bytes:
        raise ReadError(source, "ND-E006", f"is {len(data):,} bytes, over the limit of {config.max_bytes:,}")
    text, codec = decode(source, data, charset)
    if fmt is None:
        fmt = "html" if _looks_like_html(text) else "text"
    if fmt == "html":
        return _with_url(_html_page(source, text, config, codec, record_date), url)
    if fmt == "text":
        return _with_url(_text_page(source, text, config, codec, record_date), url)
    raise ValueError(f"fmt must be 'text', 'html' or None, not {fmt!r}")


def page_from_text(source: str, text: str, config: ReadConfig, *, record_date: dt.date | None = None,
                   url: str | None = None) -> Page:
    """A plain-text page from text already decoded; the text is kept as given. Raises `ReadError`."""
    _check_str(source, text, config)
    return _with_url(_text_page(source, text, config, "utf-8", record_date), url)


def page_from_html(source: str, html: str, config: ReadConfig, *, record_date: dt.date | None = None,
                   url: str | None = None) -> Page:
    """A page from HTML already decoded: its main content, layout hints, title and date. Raises `ReadError`."""
    _check_str(source, html, config)
    return _with_url(_html_page(source, html, config, "utf-8", record_date), url)


def _with_url(page: Page, url: str | None) -> Page:
    at = _lone_surrogate(url)
    if at is not None:
        raise ReadError(page.source, "ND-E016", f"its URL holds a lone surrogate at character {at}: not encodable text")
    return page if url is None else replace(page, url=url)


def _check_str(source: str, text: str, config: ReadConfig) -> None:
    # The limit is on bytes; a character is at least one, so only count them when it could matter.
    if len(text) > config.max_bytes or (4 * len(text) > config.max_bytes
                                        and len(text.encode("utf-8", "surrogatepass")) > config.max_bytes):
        raise ReadError(source, "ND-E006", f"is over the limit of {config.max_bytes:,} bytes")
    if not text.strip():
        raise ReadError(source, "ND-E003", "is empty" if not text else "holds only whitespace")
    if "\x00" in text:
        raise ReadError(source, "ND-E004", "holds NUL characters: binary data, not text or HTML")
    at = _lone_surrogate(text)
    if at is not None:
        raise ReadError(source, "ND-E016", f"holds a lone surrogate (U+{ord(text[at]):04X}) at character {at}: "
                                           f"not encodable text")
    _refuse_binary(source, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: object) -> int | None:
    """Where a str holds a UTF-16 surrogate code point (never valid in decoded text), else None."""
    if not isinstance(value, str):
        return None
    m = _SURROGATE.search(value)
    return m.start() if m else None


def _text_page(source: str, text: str, config: ReadConfig, codec: str, record_date: dt.date | None) -> Page:
    date, date_source = _dated(config, record_date, None)
    return Page(source=source, text=text, format="text", reference_date=date,
                reference_date_source=date_source, encoding=codec, flags=_flags(text, codec))


# ---------------------------------------------------------------------------------------------------------
# HTML

def _trafilatura_settings(*, precision: bool) -> dict[str, Any]:
    """trafilatura's options, built afresh for each call so that no shared dict can be changed.

    Chosen on the AEB benchmark (bench/aeb.py; F1 of the text as read, captions cut as hinted):
    precision mode 0.9705, balanced 0.9632, recall 0.9619 — precision drops the related-links, teaser and
    share blocks that cost most there. Tables stay (without: 0.9619, body text lost); `fast` skips the
    fallback extractors (0.9594). Comments never enter the body, so they are not extracted at all.
    `precision=False` is the balanced mode, the fallback for a page where precision finds nothing.
    """
    return {
        "favor_precision": precision,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_formatting": False,
        "include_links": False,
        "deduplicate": False,  # trafilatura's duplicate cache is process-wide state
        "with_metadata": True,
        # htmldate on the markup only: the date the page says it was first published, no slow scan
        "date_extraction_params": {"original_date": True, "extensive_search": False},
    }


# A private-use character marks caption paragraphs through trafilatura, which keeps no attributes.
_CAPTION_MARK = "\ue000"
# Caption-like containers trafilatura drops wholesale (its DISCARD_IMAGE_ELEMENTS) or hides inside <figure>.
_CAPTION_CLASS = re.compile(r"caption", re.IGNORECASE)
_CAPTION_TAGS = frozenset({"div", "p", "span", "section"})
_CAPTION_MAX_CHARS = 500  # longer "caption" containers are layout wrappers, not captions
_BLOCK_KINDS = {"p": "paragraph", "head": "heading", "quote": "quote"}


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    kind: str
    detail: str | None = None
    #: The separator before this block when it follows another (one newline between list items).
    tight: bool = False


# libxml2 drops every element nested deeper than 256 levels, text and all: a page nested deeper than
# this has its layout tags removed before parsing (headings, paragraphs and list items kept).
_MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_KEEP_FLAT = frozenset({"html", "head", "body", "title", "meta", "p", "h1", "h2", "h3", "h4", "h5", "h6",
                        "li", "br", "figcaption", "script", "style"})
_BLOCKISH = frozenset({"div", "section", "article", "main", "table", "tr", "td", "th", "ul", "ol", "blockquote",
                       "header", "footer", "aside", "nav", "figure", "dl", "dd", "dt", "pre", "form"})


def _flatten_deep(html: str) -> str:
    """`html` unchanged unless its tags nest deeper than `_MAX_DEPTH`; then without its layout tags
    (a block's end becomes a paragraph break), so the parser keeps every word. One pass, no recursion."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= _MAX_DEPTH:
        return html

    def keep(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        if name in _KEEP_FLAT:
            return m.group(0)
        return "<p>" if m.group(1) and name in _BLOCKISH else " "

    return _TAG.sub(keep, html)


def _html_page(source: str, html: str, config: ReadConfig, codec: str, record_date: dt.date | None) -> Page:
    html = _flatten_deep(html)
    tree = trafilatura.load_html(html)
    if tree is None:
        # trafilatura refuses a lone fragment ("<p>x</p>"); a wrapper makes it a document.
        tree = trafilatura.load_html(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        raise ReadError(source, "ND-E007", "is not HTML that can be parsed")
    if config.captions:
        _hoist_captions(tree)
    _hoist_credits(tree)
    try:
        document = _extract(tree, precision=True) or _extract(tree, precision=False)
    except Exception as exc:  # the extraction libraries failing on odd markup: this page fails, not the batch
        log.debug("extraction of %s failed", source, exc_info=True)
        raise ReadError(source, "ND-E007", f"HTML could not be extracted (trafilatura failed: "
                                           f"{type(exc).__name__})") from None
    if document is None:
        raise ReadError(source, "ND-E007", "HTML has no body text that could be extracted")
    blocks = list(_blocks(document.body))
    title = _clean_title(document.title)
    if blocks and title and blocks[0].kind == "heading" and _same_words(blocks[0].text, title):
        blocks = blocks[1:]  # the headline is the title, kept in Page.title and not twice
    if not blocks:
        raise ReadError(source, "ND-E007", "HTML has no body text that could be extracted")
    text, hints = _join(blocks)
    page_date = _iso_date(document.date) if isinstance(document.date, str) else None
    date, date_source = _dated(config, record_date, page_date)
    return Page(source=source, text=text, format="html", reference_date=date,
                reference_date_source=date_source, encoding=codec, title=title, hints=hints,
                flags=_flags(text, codec))


def _extract(tree: HtmlElement, *, precision: bool) -> Document | None:
    # bare_extraction copies a tree it is given, so `tree` can be extracted twice.
    settings = _trafilatura_settings(precision=precision)
    try:
        document = trafilatura.bare_extraction(tree, **settings)
    except AssertionError:
        # htmldate's date search (in the metadata pass) trips an lxml assertion on some broken markup
        # ("<svg><span></span><p>": drop_tree of an element without a parent): read the body without metadata.
        document = trafilatura.bare_extraction(tree, **{**settings, "with_metadata": False})
    if not isinstance(document, Document) or document.body is None or not "".join(document.body.itertext()).strip():
        return None
    return document


#: What XML text may not hold (C0 controls but tab and newlines, U+FFFE/U+FFFF): lxml refuses to set text
#: holding them, though its HTML parser keeps them in the text it read.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _hoist_captions(tree: HtmlElement) -> None:
    """Turn each caption into a marked paragraph placed before the figure that holds it.

    trafilatura deletes `<figure>` with everything in it and any `div`/`p`/`span` whose class or id
    says "caption"; moved out of those, a caption reaches the output as a paragraph, in page order.
    """
    if _CAPTION_MARK in "".join(tree.itertext()):
        log.debug("page already holds U+E000; captions left to trafilatura")
        return
    # outermost only: a caption with its credit inside ("… <span class=credit>(Image: AP)</span>") is one
    captions = [el for el in tree.iter() if _is_caption(el) and not any(_is_caption(a) for a in el.iterancestors())]
    for el in captions:
        text = " ".join(el.text_content().split())
        anchor = el
        for ancestor in el.iterancestors():
            if ancestor.tag == "figure" or _is_caption(ancestor, wrapper=True):
                anchor = ancestor
        if text and anchor.getparent() is not None:
            paragraph = etree.Element("p")
            paragraph.text = _CAPTION_MARK + _NOT_XML.sub("", text)
            anchor.addprevious(paragraph)
        _drop_keep_tail(el)


# Containers a credit line or byline sits in; trafilatura drops most of them as page metadata.
_CREDIT_TAGS = frozenset({"div", "p", "span", "small", "footer", "address", "cite", "em", "i", "section", "aside",
                          "header", "strong", "b", "time"})
_CREDIT_MAX_CHARS = 300
# Classes and ids of the metadata boxes around a story (its byline, source line, post footer).
_META_CLASS = re.compile(r"byline|author|source|credit|meta|footer|attribution|origin|via|dateline", re.IGNORECASE)
_CONTENT_ROOTS = frozenset({"article", "main", "body"})


def _hoist_credits(tree: HtmlElement) -> None:
    """Turn each credit line and byline of a story into a plain paragraph where the story shows it.

    trafilatura drops bylines, source lines and post footers as page metadata, yet "Republished with
    permission of X" or "By Jane Doe, X" is the page saying where the story came from: evidence of
    its origin and a boundary between stories (`newsdesk.text.credit`). Only small elements whose whole text
    is a credit move, never the site's navigation or its page-wide header and footer."""
    candidates = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag not in _CREDIT_TAGS or len(el) > 4:
            continue
        text = " ".join("".join(el.itertext()).split())
        if not text or len(text) > _CREDIT_MAX_CHARS or find_credit(text) is None:
            continue
        candidates.append((el, text))
    if not candidates:
        return
    chosen = {id(el) for el, _ in candidates}
    # lxml makes a new proxy object for an element each time it is reached, so ids are stable only
    # while a reference is held: `elements` holds them for the ids below.
    elements = list(tree.iter())
    order = {id(el): k for k, el in enumerate(elements)}
    page_container = _text_container(tree)
    posts = _post_containers(tree)
    for el, text in candidates:
        # On a page of several posts, a credit goes with the text of its own post.
        post = next((p for p in posts if any(a is p for a in el.iterancestors())), None)
        container = _text_container(post) if post is not None else page_container
        ancestors = list(el.iterancestors())
        if any(id(a) in chosen for a in ancestors) or any(a.tag == "nav" for a in ancestors):
            continue  # outermost only; never navigation
        anchor = el
        for ancestor in ancestors:
            if ancestor.tag in _CONTENT_ROOTS or ancestor is container:
                break
            if ancestor.tag in ("footer", "aside", "header") or _META_CLASS.search(
                    f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
                anchor = ancestor
        chrome = anchor.tag in ("footer", "header") and not any(
            a.tag in ("article", "main") for a in anchor.iterancestors())
        if chrome or anchor.getparent() is None:
            continue  # the page's own header or footer: the site's furniture, not a story's credit
        paragraph = etree.Element("p")
        paragraph.text = _NOT_XML.sub("", text)
        inside = container is None or any(a is container for a in el.iterancestors())
        if inside or not _same_story(el, container):
            anchor.addprevious(paragraph)
        elif order.get(id(el), 0) < order.get(id(container), 0):
            container.insert(0, paragraph)  # a byline above the story's text: its first paragraph
        else:
            container.append(paragraph)  # a credit in the post's footer: its last paragraph
        _drop_keep_tail(el)


# Containers of text that are not posts however often they repeat.
_NOT_POSTS = re.compile(r"comment|reply|respon|sidebar|widget|footer|related|nav|menu|share|social|ad[sv]?\b|promo",
                        re.IGNORECASE)
#: A post holds at least this many characters of paragraphs.
_POST_MIN_CHARS = 200
# Extracting each post of a multi-post page on its own was measured and left out: on AEB it took in
# the next articles of infinite-scroll pages, which AEB's gold does not count (F1 0.970 -> 0.963).


def _post_containers(tree: HtmlElement) -> list[Any]:
    """Sibling elements of one kind and class, two or more, each holding a title and paragraphs: posts."""
    groups: dict[tuple[int, str, str], list[Any]] = {}
    elements = list(tree.iter("div", "article", "section", "li"))  # held: ids below stay theirs
    for el in elements:
        parent = el.getparent()
        classes = (el.get("class") or "").split()
        if parent is None or not classes or _NOT_POSTS.search(" ".join(classes) + " " + (el.get("id") or "")):
            continue
        groups.setdefault((id(parent), el.tag, classes[0]), []).append(el)
    best: list[Any] = []
    for members in groups.values():
        # A post has a title of its own: repeated blocks of text without one are parts of one story.
        rich = [m for m in members if _paragraph_chars(m) >= _POST_MIN_CHARS
                and next(m.iter("h1", "h2", "h3", "h4"), None) is not None]
        if len(rich) >= 2 and sum(map(_paragraph_chars, rich)) > sum(map(_paragraph_chars, best)):
            best = rich
    return best


def _paragraph_chars(el: Any) -> int:
    return sum(len("".join(p.itertext())) for p in el.iter("p"))


def _same_story(el: Any, container: Any) -> bool:
    """Whether a credit outside the text container belongs to the story in it: their nearest common
    ancestor holds no other story's text (on a page of several posts, each credit stays with its own)."""
    ancestors = list(container.iterancestors())  # held, so that their ids stay theirs (see _hoist_credits)
    around = {id(a) for a in ancestors}
    common = next((a for a in el.iterancestors() if id(a) in around), None)
    if common is None or common.tag in ("body", "html"):
        return False
    return _paragraph_chars(common) <= 1.5 * _paragraph_chars(container) + 200


def _text_container(tree: HtmlElement) -> Any:
    """The element whose own paragraphs hold most text: where the extractor finds the story, and so
    where a credit standing outside it must go to be kept."""
    best, best_chars = None, 0
    for el in tree.iter("div", "section", "article", "main", "td"):
        chars = sum(len("".join(p.itertext())) for p in el if isinstance(p.tag, str) and p.tag == "p")
        if chars > best_chars:
            best, best_chars = el, chars
    return best


def _is_caption(el: Any, *, wrapper: bool = False) -> bool:
    if not isinstance(el.tag, str):
        return False  # comments and processing instructions
    if el.tag == "figcaption":
        return True
    if el.tag not in _CAPTION_TAGS:
        return False
    if not _CAPTION_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
        return False
    return wrapper or len(el.text_content()) <= _CAPTION_MAX_CHARS


def _drop_keep_tail(el: Any) -> None:
    """Remove an element but keep the text that follows it, which belongs to its parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        # The parser may have kept control characters lxml refuses to set again (found by bench/fuzz.py).
        tail = _NOT_XML.sub("", el.tail)
        previous = el.getprevious()
        if previous is not None:
            previous.tail = _NOT_XML.sub("", previous.tail or "") + tail
        else:
            parent.text = _NOT_XML.sub("", parent.text or "") + tail
    parent.remove(el)


def _blocks(body: Any) -> Iterator[_Block]:
    """The blocks of trafilatura's XML body (p, head, list/item, quote, table), in order."""
    yield from _block(_squeeze(body.text or ""), "paragraph")
    for el in body:
        yield from _element_blocks(el, quote=False)
        yield from _block(_squeeze(el.tail or ""), "paragraph")


def _element_blocks(el: Any, *, quote: bool) -> Iterator[_Block]:
    tag = el.tag
    if tag == "list":
        # nested lists come out flat, in document order: each item's own text, then its sub-items
        tight = False
        for item in el.iter("item"):
            for block in _block(_inline_text(item, skip={"list"}), "quote" if quote else "list_item", tight=tight):
                tight = block.kind != "caption"
                yield block
        return
    if tag == "table":
        cells = ((_inline_text(cell).replace(_CAPTION_MARK, "").replace("\n", " ") for cell in row.iter("cell"))
                 for row in el.iter("row"))
        yield from _block("\n".join(row for row in (" | ".join(c for c in r if c) for r in cells) if row), "table")
        return
    if tag in ("quote", "div", "body") and any(child.tag in _CONTAINERS for child in el):
        loose = "quote" if quote or tag == "quote" else "paragraph"
        yield from _block(_squeeze(el.text or ""), loose)
        for child in el:
            yield from _element_blocks(child, quote=quote or tag == "quote")
            yield from _block(_squeeze(child.tail or ""), loose)
        return
    kind = "quote" if quote else _BLOCK_KINDS.get(tag, "paragraph")
    yield from _block(_inline_text(el), kind, detail=el.get("rend") if tag == "head" else None)


def _block(text: str, kind: str, *, detail: str | None = None, tight: bool = False) -> Iterator[_Block]:
    """A block of `text` (none if empty); one that starts with the caption mark is a caption."""
    if text.startswith(_CAPTION_MARK):
        kind, detail, tight = "caption", None, False
    text = text.replace(_CAPTION_MARK, "").strip()
    if text:
        yield _Block(text, kind, detail=detail, tight=tight)


_CONTAINERS = frozenset({"p", "head", "list", "quote", "table", "div", "code"})
_WHITESPACE = re.compile(r"\s+")


def _inline_text(el: Any, skip: frozenset[str] | set[str] = frozenset()) -> str:
    """The text of a block: `<lb/>` is a newline, any other run of white space (newlines of the HTML source
    included) one space, as a browser shows it."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(_WHITESPACE.sub(" ", node.text))
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag not in skip:
                walk(child)
            if child.tail:
                parts.append(_WHITESPACE.sub(" ", child.tail))

    walk(el)
    lines = (_squeeze(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _join(blocks: Sequence[_Block]) -> tuple[str, tuple[Span, ...]]:
    parts: list[str] = []
    hints: list[Span] = []
    pos = 0
    for i, block in enumerate(blocks):
        if i:
            sep = "\n" if block.tight else "\n\n"
            parts.append(sep)
            pos += len(sep)
        parts.append(block.text)
        hints.append(Span(pos, pos + len(block.text), block.kind, detail=block.detail))
        pos += len(block.text)
    return "".join(parts), tuple(hints)


def _clean_title(title: str | None) -> str | None:
    title = _squeeze(title) if title else ""
    return title or None


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


# ---------------------------------------------------------------------------------------------------------
# sources


def read_sources(sources: Sequence[str], config: ReadConfig,
                 stdin: BinaryIO | None = None) -> Iterator[Page | ReadFailure]:
    """Read every source in order: a file, a directory (recursively), a `.jsonl` batch, or `-` (stdin).

    Yields one `Page` per page read and one `ReadFailure` per input that could not be: a failure never
    stops the batch, and the output keeps the order of the input. A directory is read recursively, each
    regular file a page, in sorted path order; hidden files and directories (names starting with ".") are
    skipped on purpose, symbolic links to directories are reported (ND-E002) and not followed, and a
    directory that yields no page at all adds ND-E009 after its files' own failures. A file ending in
    `.jsonl`, named or found in a directory, is a batch of records (see `_read_jsonl`); one ending in
    `.warc` or `.warc.gz` is a web archive, read a record at a time (see `newsdesk.read.warc`). Standard
    input is read as bytes, at most `max_bytes` of it, and named `<stdin>`.
    """
    for source in sources:
        if not source:
            # Path("") is the current directory: never read that by accident
            yield ReadFailure(source, ReadError(source, "ND-E001", "is an empty path"))
            continue
        if source == "-":
            yield _guard(STDIN_SOURCE, lambda: _read_stdin(stdin, config))
            continue
        path = Path(source)
        st = stat_source(source)
        if isinstance(st, ReadError):
            yield ReadFailure(source, st)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _read_directory(path, config)
        else:
            yield from _read_file(path, config)


def stat_source(source: str) -> os.stat_result | ReadError:
    """What an input path is, or the error naming why it cannot be read (one rule for every reader)."""
    path = Path(source)
    try:
        return path.stat()
    except FileNotFoundError:
        kind = "is a symbolic link to a missing file" if path.is_symlink() else "does not exist"
        return ReadError(source, "ND-E001", kind)
    except OSError as err:
        return ReadError(source, "ND-E002", f"cannot be opened: {err.strerror}")


def _guard(source: str, read: Callable[[], Page]) -> Page | ReadFailure:
    try:
        page: Page = read()
    except ReadError as err:
        return ReadFailure(source, err)
    return page


def _read_stdin(stdin: BinaryIO | None, config: ReadConfig) -> Page:
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read(config.max_bytes + 1)  # one byte more tells an over-long input, without reading it all
    if len(data) > config.max_bytes:
        raise ReadError(STDIN_SOURCE, "ND-E006", f"is over the limit of {config.max_bytes:,} bytes")
    return page_from_bytes(STDIN_SOURCE, data, config)


def _read_file(path: Path, config: ReadConfig) -> Iterator[Page | ReadFailure]:
    source = str(path)
    if path.suffix.lower() == JSONL_SUFFIX:
        yield from _read_jsonl(path, config)
        return
    if is_warc(path):
        yield from _read_warc(path, config)
        return
    try:
        data = _read_bytes(path, config)
        fmt: PageFormat | None = "html" if path.suffix.lower() in HTML_SUFFIXES else None
        yield page_from_bytes(source, data, config, fmt=fmt)
    except ReadError as err:
        yield ReadFailure(source, err)


def _open_regular(path: Path, max_bytes: int | None) -> BinaryIO:
    """Open a regular file for reading, refusing it unread if over `max_bytes`; raises ND-E001/E002/E006."""
    source = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError(source, "ND-E001", "does not exist") from None
    except OSError as err:
        raise ReadError(source, "ND-E002", f"cannot be opened: {err.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        # never open a FIFO or a device: reading one can block forever
        raise ReadError(source, "ND-E002", f"is not a regular file ({_file_kind(st.st_mode)})")
    if max_bytes is not None and st.st_size > max_bytes:
        raise ReadError(source, "ND-E006", f"is {st.st_size:,} bytes, over the limit of {max_bytes:,}")
    try:
        return path.open("rb")
    except OSError as err:
        raise ReadError(source, "ND-E002", f"cannot be opened: {err.strerror}") from None


def _read_bytes(path: Path, config: ReadConfig) -> bytes:
    with _open_regular(path, config.max_bytes) as f:
        try:
            data = f.read(config.max_bytes + 1)  # the file may have grown since stat
        except OSError as err:
            raise ReadError(str(path), "ND-E002", f"cannot be read: {err.strerror}") from None
    if len(data) > config.max_bytes:
        raise ReadError(str(path), "ND-E006", f"is over the limit of {config.max_bytes:,} bytes")
    return data


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"


def walk_directory(root: Path) -> list[tuple[Path, ReadError | None]]:
    """A folder's files in a stable order (by path parts), each with None, or with the error that says
    why it is not read: a folder that cannot be listed, a symbolic link to a folder (not followed, so no
    cycles; said rather than skipped in silence). Hidden files and folders are left out. Every reader
    of folders (one machine, Spark) walks them this one way."""
    entries: list[tuple[tuple[str, ...], Path, ReadError | None]] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename) if err.filename else root
        entries.append((where.relative_to(root).parts, where,
                        ReadError(str(where), "ND-E002", f"cannot be listed: {err.strerror}")))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        here = Path(dirpath)
        kept = []
        for name in dirnames:
            if name.startswith("."):
                log.debug("skipping hidden directory %s", here / name)
            elif (here / name).is_symlink():
                entries.append(((here / name).relative_to(root).parts, here / name,
                                ReadError(str(here / name), "ND-E002",
                                          "is a symbolic link to a directory, which is not followed")))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            if name.startswith("."):
                log.debug("skipping hidden file %s", here / name)
                continue
            entries.append(((here / name).relative_to(root).parts, here / name, None))
    entries.sort(key=lambda e: e[0])
    return [(path, error) for _, path, error in entries]


def _read_directory(root: Path, config: ReadConfig) -> Iterator[Page | ReadFailure]:
    entries = walk_directory(root)
    pages = 0
    for path, error in entries:
        if error is not None:
            yield ReadFailure(str(path), error)
            continue
        if path.is_symlink() and not path.exists():
            yield ReadFailure(str(path), ReadError(str(path), "ND-E001", "is a symbolic link to a missing file"))
            continue
        for item in _read_file(path, config):
            pages += isinstance(item, Page)
            yield item
    if not pages:
        yield ReadFailure(str(root), ReadError(str(root), "ND-E009",
                                               "holds no readable pages" if entries else "holds no files"))


def _read_warc(path: Path, config: ReadConfig) -> Iterator[Page | ReadFailure]:
    """The pages of a WARC archive, which may be larger than one page may: only each payload is limited."""
    try:
        f = _open_regular(path, None)
    except ReadError as err:
        yield ReadFailure(str(path), err)
        return

    def make_page(payload: Payload) -> Page:
        return page_from_bytes(payload.source, payload.data, config, record_date=payload.record_date,
                               fmt=payload.fmt, charset=payload.charset, url=payload.url)

    with f:
        yield from read_warc(path, f, config.max_bytes, make_page)


def _read_jsonl(path: Path, config: ReadConfig) -> Iterator[Page | ReadFailure]:
    """One page per line `{"id": …, "text" | "html": …, "date"?: "YYYY-MM-DD", "url"?: …}`; blank lines
    are skipped.

    A bad line is a failure of its own, named `<path>:<line>`; the other lines are still read. The size
    limit applies to each line, so a batch may be larger than one page may.
    """
    try:
        f = _open_regular(path, None)
    except ReadError as err:
        yield ReadFailure(str(path), err)
        return
    records = 0
    with f:
        lineno = 0
        while True:
            try:
                line = f.readline(config.max_bytes + 1)
            except OSError as err:
                yield ReadFailure(str(path), ReadError(str(path), "ND-E002", f"cannot be read: {err.strerror}"))
                return
            if not line:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(line) > config.max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the line without holding it
                    line = f.readline(1 << 20)
                yield ReadFailure(where, ReadError(where, "ND-E006",
                                                   f"line is over the limit of {config.max_bytes:,} bytes"))
                records += 1
                continue
            if not line.strip():
                continue
            records += 1
            yield _read_record(path, lineno, line, config)
    if not records:
        yield ReadFailure(str(path), ReadError(str(path), "ND-E003", "holds no JSONL records"))


def _read_record(path: Path, lineno: int, line: bytes, config: ReadConfig) -> Page | ReadFailure:
    where = f"{path}:{lineno}"

    def bad(problem: str) -> ReadFailure:
        return ReadFailure(where, ReadError(where, "ND-E008", problem))

    try:
        record = json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
    except UnicodeDecodeError:
        return bad("line is not UTF-8, as JSON must be")
    except json.JSONDecodeError as err:
        return bad(f"line is not JSON: {err.msg} at column {err.colno}")
    if not isinstance(record, dict):
        return bad(f"line is a JSON {type(record).__name__}, not an object")
    # JSON may escape a lone surrogate ("\ud800"): Python reads it, but no store or hash can encode
    # it. Refuse the record here, by name, so the batch goes on instead of crashing at the write.
    for key in ("id", "text", "html", "url"):
        at = _lone_surrogate(record.get(key))
        if at is not None:
            return ReadFailure(where, ReadError(
                where, "ND-E016", f"record {lineno}: its {key!r} holds a lone surrogate "
                                  f"(U+{ord(record[key][at]):04X}) at character {at}: not encodable text"))
    rid = record.get("id")
    if isinstance(rid, bool) or not isinstance(rid, str | int) or str(rid).strip() == "":
        return bad('record has no "id" (a non-empty string or a number)')
    bodies = [key for key in ("text", "html") if key in record]
    if len(bodies) != 1 or not isinstance(record[bodies[0]], str):
        return bad('record needs one string field, "text" or "html"')
    record_date = None
    if record.get("date") is not None:
        record_date = _iso_date(record["date"]) if isinstance(record["date"], str) else None
        if record_date is None:
            return bad(f'record "date" {record["date"]!r} is not of the form YYYY-MM-DD')
    url = record.get("url")
    if url is not None and (not isinstance(url, str) or not url.strip()):
        return bad(f'record "url" {url!r} is not a non-empty string')
    source = f"{path}#{rid}"
    try:
        if bodies[0] == "html":
            return page_from_html(source, record["html"], config, record_date=record_date, url=url)
        return page_from_text(source, record["text"], config, record_date=record_date, url=url)
    except ReadError as err:
        # keep the record's name and say which line it is on
        return ReadFailure(source, ReadError(source, err.code, f"{err.problem} (line {lineno})"))
