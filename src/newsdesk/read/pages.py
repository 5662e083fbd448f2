"""read.pages: a `Page` from an input's bytes or from text already decoded, plain text or HTML.

The text of a page is fixed here and never changes after: every later offset points into it. Decoding
is `newsdesk.read.encoding`'s, HTML extraction `newsdesk.read.html`'s, the reference date's precedence
`newsdesk.read.dates`'s. Inputs that cannot be read raise `ReadError` (one line: the input, the
problem, a catalogued code).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from newsdesk.errors import ConfigError, ReadError
from newsdesk.model import Page, PageFormat
from newsdesk.read.dates import reference_date
from newsdesk.read.encoding import decode, encoding_flags, lone_surrogate, refuse_binary
from newsdesk.read.html import extract_html


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
    at = lone_surrogate(url)
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
    at = lone_surrogate(text)
    if at is not None:
        raise ReadError(source, "ND-E016", f"holds a lone surrogate (U+{ord(text[at]):04X}) at character {at}: "
                                           f"not encodable text")
    refuse_binary(source, text)


def _text_page(source: str, text: str, config: ReadConfig, codec: str, record_date: dt.date | None) -> Page:
    date, date_source = reference_date(config.reference_date, record_date, None)
    return Page(source=source, text=text, format="text", reference_date=date,
                reference_date_source=date_source, encoding=codec, flags=encoding_flags(text, codec))


def _html_page(source: str, html: str, config: ReadConfig, codec: str, record_date: dt.date | None) -> Page:
    content = extract_html(source, html, captions=config.captions)
    date, date_source = reference_date(config.reference_date, record_date, content.date)
    return Page(source=source, text=content.text, format="html", reference_date=date,
                reference_date_source=date_source, encoding=codec, title=content.title, hints=content.hints,
                flags=encoding_flags(content.text, codec), meta=content.meta)
