"""read_warc: the pages in a WARC archive (`.warc`, `.warc.gz`), read record by record, never all at once.

`newsdesk.read.files` opens the file and hands it here with a function that turns a payload into a `Page`, so
this module holds only what is particular to WARC: framing, gzip members, HTTP headers, and which records
are pages. warcio parses the WARC and HTTP headers and undoes HTTP chunking and content encoding; the loop
over records is ours, so that a cut or damaged archive is noticed and reported, never guessed past.

Which records are pages:
* a `response` holding an HTTP response whose Content-Type is text/html, application/xhtml+xml or
  text/plain, with a 2xx status; a redirect (3xx) is counted like a record that is not a page; any
  other status is a failure (ND-E015) naming the record, the URL and the status, unless the payload
  is empty;
* a `resource` (or a `response` that holds no HTTP message) whose WARC Content-Type is one of those.
Every other record is not a page and no failure: requests, metadata, warcinfo, revisits (their payload
is in another record, perhaps another archive, so there is nothing here to read), images, scripts, style
sheets, and page-typed records whose payload is empty or only white space. Those are counted by kind and
the tally is logged (INFO) per archive; an archive with records but neither a page nor a failure is
reported as holding no readable pages (ND-E009) with that tally, so nothing vanishes in silence.

A page's `source` is `<path>#<n>`, n counting every record of the archive from 1 (warcinfo included), so
it stays the same across runs; `url` is the record's WARC-Target-URI and its record date is the day of
its WARC-Date (UTC), ranked as `reference_date_source="record"` like a JSONL `date`. The charset of the
HTTP Content-Type is passed on to decoding (see `newsdesk.read.files.decode`). A payload over `max_bytes` is a
failure (ND-E006) of its record; the archive itself has no size limit.

A record is complete when all its Content-Length bytes and the CRLF CRLF that closes it are there and,
when compressed, the gzip member holding it ends with a good checksum. A cut or damaged archive yields
the pages of the complete records before the damage, then one failure (ND-E014) naming the file, the
record and byte where it went wrong; reading stops there, because a record's end can only be found from
its own Content-Length. So does a record without a valid Content-Length or not followed by CRLF CRLF.
A file that does not begin with a WARC version line is not a WARC archive (ND-E014); an archive with no
records at all is empty (ND-E003). Gzip is recognised by its magic bytes, not by the file name; the
usual one member per record and one member for the whole archive both read, the first with exact
blame for a cut (with one member, the records read after the cut was seen are reported with it).
Payload digests are not checked: reading would cost a hash of every byte, pages or not.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from newsdesk.errors import ReadError, ReadFailure
from newsdesk.model import Page, PageFormat

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["WARC_SUFFIXES", "Payload", "is_warc", "read_warc"]

log = logging.getLogger(__name__)

#: File names that make a file a WARC archive (compared case-blind).
WARC_SUFFIXES = (".warc", ".warc.gz")
#: Media types that are pages, and how each is read.
PAGE_TYPES: dict[str, PageFormat] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
# WARC and HTTP header lines are short; a cap keeps a huge file without newlines from filling memory.
_MAX_LINE = 1 << 20
_RECORD_END = b"\r\n\r\n"
_VERSION_LINE = re.compile(rb"WARC/[0-9]")
_WARC_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T|$)")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def is_warc(path: Path) -> bool:
    """Whether a file is read as a WARC archive: by its name, like `.jsonl`."""
    return path.name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Payload:
    """A record that holds a page: what `newsdesk.read.files.page_from_bytes` needs to read it."""

    source: str
    data: bytes
    fmt: PageFormat
    #: The charset the HTTP or WARC Content-Type declares, as written, or None.
    charset: str | None
    url: str | None
    record_date: dt.date | None


#: Reads a payload as a page; raises `ReadError` when it cannot.
MakePage = Callable[[Payload], Page]


def read_warc(path: Path, file: BinaryIO, max_bytes: int, make_page: MakePage) -> Iterator[Page | ReadFailure]:
    """The pages and failures of the archive open as `file` (seekable, read from its start); see the module."""
    try:
        reader = _Reader(path, _Archive(file), max_bytes, make_page)
    except OSError as err:
        yield ReadFailure(str(path), ReadError(str(path), "ND-E002", f"cannot be read: {err.strerror or err}"))
        return
    try:
        yield from reader.items()
    except OSError as err:
        # a read error of the disk, not of the data: nothing after it can be trusted
        yield reader.count(reader.fail("ND-E002", f"cannot be read after record {reader.records}: "
                                                  f"{err.strerror or err}"))
    reader.log_tally()


# ---------------------------------------------------------------------------------------------------------
# bytes: gzip members inflated lazily, counted, with a note of where the data ran out


class _Plain(io.RawIOBase):
    """An uncompressed archive's bytes, with the same `problem`/`verified` as `_Gunzip` (never a problem)."""

    problem: str | None = None
    corrupt = False
    verified = 0

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self._raw.read(len(view))
        view[: len(data)] = data
        return len(data)


class _Gunzip(io.RawIOBase):
    """The members of a gzip file inflated as one stream, a chunk at a time (a small member can hold
    gigabytes). A cut or corrupt member ends the stream instead of raising, so the record parser above
    sees a short record like any other cut; `problem` then says what happened, and `verified` counts
    the inflated bytes of the members whose checksum and length matched."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._input = b""
        self._in_member = False  # bytes of the current member have been fed, and its end not seen
        self._inflated = 0
        self._done = False
        self.verified = 0
        self.problem: str | None = None
        self.corrupt = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        while not self._done:
            data = self._step(max(1, len(view)))
            if data:
                view[: len(data)] = data
                return len(data)
        return 0

    def _step(self, size: int) -> bytes:
        """Inflate at most `size` bytes from what input there is, reading more when there is none."""
        if not self._input:
            self._input = self._raw.read(_CHUNK)
            if not self._input:
                self._done = True
                if self._in_member:
                    self.problem = "the gzip data ends inside a member"
                return b""
        self._in_member = True
        try:
            data: bytes = self._inflate.decompress(self._input, size)
        except zlib.error as err:
            self._done, self.corrupt = True, True
            self.problem = f"the gzip data is corrupt ({err})"
            return b""
        self._inflated += len(data)
        if self._inflate.eof:
            # the member ended and zlib checked its CRC-32 and length; what is left starts the next one
            self._input = self._inflate.unused_data
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._in_member = False
            self.verified = self._inflated
        else:
            self._input = self._inflate.unconsumed_tail
        return data


class _Archive:
    """The archive's (inflated) bytes as warcio's parsers read them: `read`, `readline`, `tell`.

    Lines are capped at 1 MB. `ran_out` is set when a read ends short of what it asked for: the data
    ran out, which inside a record means the archive is cut (or its gzip data is damaged).
    """

    def __init__(self, file: BinaryIO) -> None:
        magic = file.read(len(_GZIP_MAGIC))
        file.seek(0)
        self.compressed = bool(magic) and _GZIP_MAGIC.startswith(magic)  # one byte: a cut gzip file
        self._bytes: _Plain | _Gunzip = _Gunzip(file) if self.compressed else _Plain(file)
        self._buffer = io.BufferedReader(self._bytes, _CHUNK)
        self._pos = 0
        self.ran_out = False

    def read(self, size: int | None = -1) -> bytes:
        data = self._buffer.read(size)
        if size is not None and 0 <= size != len(data):
            self.ran_out = True
        self._pos += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        limit = _MAX_LINE if size is None or size < 0 else min(size, _MAX_LINE)
        line = self._buffer.readline(limit)
        if len(line) < limit and not line.endswith(b"\n"):
            self.ran_out = True
        self._pos += len(line)
        return line

    def tell(self) -> int:
        return self._pos

    def at_end(self) -> bool:
        """No more bytes. Looking ahead also makes a gzip member that ends here check its checksum."""
        return not self._buffer.peek(1)

    def verified(self, end: int) -> bool:
        """Whether the bytes up to `end` came whole from gzip members whose checksums matched."""
        return self._bytes.problem is None or self._bytes.verified >= end

    @property
    def problem(self) -> str | None:
        """What went wrong below the WARC framing (a cut or corrupt gzip member), if anything."""
        return self._bytes.problem

    @property
    def corrupt(self) -> bool:
        return self._bytes.corrupt

    def where(self, offset: int) -> str:
        return f"at byte {offset:,}" + (" of the uncompressed data" if self.compressed else "")


# ---------------------------------------------------------------------------------------------------------
# records


class _Broken(Exception):
    """The archive cannot be read past this point: becomes its one last failure."""

    def __init__(self, code: str, problem: str) -> None:
        super().__init__(problem)
        self.code = code
        self.problem = problem


class _Reader:
    """One pass over one archive: yields its items and keeps the tally of what was not a page."""

    def __init__(self, path: Path, archive: _Archive, max_bytes: int, make_page: MakePage) -> None:
        self.path = path
        self.archive = archive
        self.max_bytes = max_bytes
        self.make_page = make_page
        # verify_http off: a capture's status line may say HTTP/2, and a bad one is reported by us
        self.loader = ArcWarcRecordLoader(verify_http=False, arc2warc=False)
        self.http = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)
        self.records = 0
        self.pages = 0
        self.failures = 0
        self.skipped: Counter[str] = Counter()

    def fail(self, code: str, problem: str, source: str | None = None) -> ReadFailure:
        source = source or str(self.path)
        return ReadFailure(source, ReadError(source, code, problem))

    def count(self, item: Page | ReadFailure) -> Page | ReadFailure:
        if isinstance(item, Page):
            self.pages += 1
        else:
            self.failures += 1
        return item

    def items(self) -> Iterator[Page | ReadFailure]:
        while not self.archive.at_end():
            number, start = self.records + 1, self.archive.tell()
            try:
                record = self._load(number, start)
                item = self._item(number, record)
                self._finish(number, start, record)
            except _Broken as broken:
                yield self.count(self.fail(broken.code, broken.problem))
                return
            self.records = number
            if isinstance(item, str):
                self.skipped[item] += 1
            else:
                yield self.count(item)
        if self.archive.problem is not None:
            # the bytes ran out (or went bad) between two records, in the gzip framing
            yield self.count(self.fail("ND-E014", f"{self._damaged(self.records + 1)}: {self.archive.problem}"))
        elif not self.records:
            yield self.count(self.fail("ND-E003", "holds no WARC records"))
        elif not self.pages and not self.failures:
            yield self.count(self.fail("ND-E009", f"holds no readable pages among its {self._tally()}"))

    def log_tally(self) -> None:
        log.info("%s: %s, %s among its %s", self.path, _count(self.pages, "page"),
                 _count(self.failures, "failure"), self._tally())

    def _tally(self) -> str:
        text = _count(self.records, "record")
        if self.skipped:
            text += "; not pages: " + ", ".join(f"{n} {kind}" for kind, n in self.skipped.most_common())
        return text

    def _load(self, number: int, start: int) -> Any:
        """The WARC headers of the record at `start`, its content not yet read (a warcio ArcWarcRecord)."""
        line = self.archive.readline()
        if self.archive.ran_out and (_VERSION_LINE.match(line) or b"WARC/".startswith(line)):
            raise self._cut(number, start, "has its headers cut off")
        if not _VERSION_LINE.match(line):
            if number == 1:
                raise _Broken("ND-E014", f"is not a WARC archive: it begins {line[:40]!r}, where a version "
                                         f"line such as 'WARC/1.0' belongs")
            raise _Broken("ND-E014", f"record {number} ({self.archive.where(start)}) begins {line[:40]!r}, "
                                     f"not a WARC version line: record {number - 1}'s Content-Length may be wrong")
        try:
            record = self.loader.parse_record_stream(self.archive, line, known_format="warc",
                                                     no_record_parse=True)
        except (ArchiveLoadFailed, StatusAndHeadersParserException) as err:
            raise _Broken("ND-E014", f"record {number} ({self.archive.where(start)}) has WARC headers "
                                     f"that cannot be read: {str(err).strip()}") from None
        if self.archive.ran_out:
            raise self._cut(number, start, "has its headers cut off")
        length = record.rec_headers.get_header("Content-Length")
        if length is None or not length.strip().isdigit():
            raise _Broken("ND-E014", f"record {number} ({self.archive.where(start)}) has no valid Content-Length "
                                     f"({length!r}), so the records after it cannot be found")
        return record

    def _item(self, number: int, record: Any) -> Page | ReadFailure | str:
        """The page or failure a record makes, or why it is not a page (a kind, for the tally)."""
        kind = str(record.rec_headers.get_header("WARC-Type") or "record without a WARC-Type")
        if kind not in ("response", "resource"):
            return kind
        http = None
        content_type = record.content_type
        if kind == "response" and _holds_http(record):
            http = self._http_headers(record)
            if http is None:
                return "response with an empty payload"
            content_type = http.get_header("Content-Type")
        media, charset = _media_type(content_type)
        fmt = PAGE_TYPES.get(media)
        if fmt is None:
            return f"{kind} {media or 'without a Content-Type'}"
        data = record.content_stream().read(self.max_bytes + 1)
        if not data.strip():
            return f"{kind} with an empty payload"
        source = f"{self.path}#{number}"
        url = record.rec_headers.get_header("WARC-Target-URI")
        if http is not None and _redirect(http.statusline):
            # A crawl holds many redirects; the page they point at is its own record. Counted, not failed.
            return f"{kind} redirect ({http.statusline.split(' ', 1)[0]})"
        if http is not None and not _success(http.statusline):
            return self.fail("ND-E015", f"response for {url} has HTTP status {http.statusline!r}, "
                                        f"not a success (2xx)", source)
        if len(data) > self.max_bytes:
            return self.fail("ND-E006", f"payload is over the limit of {self.max_bytes:,} bytes ({url})", source)
        date = _record_date(source, record.rec_headers.get_header("WARC-Date"))
        try:
            return self.make_page(Payload(source, data, fmt, charset, url, date))
        except ReadError as err:
            # keep the record's name and add the URL, which finds the page in a crawl log
            return self.fail(err.code, f"{err.problem} ({url})" if url else err.problem, source)

    def _http_headers(self, record: Any) -> Any:
        """The HTTP response headers of a `response` record (warcio StatusAndHeaders), None if it has none.

        Set on the record too: warcio's `content_stream` reads them to undo chunking and compression."""
        if record.length == 0:
            return None
        try:
            record.http_headers = self.http.parse(record.raw_stream)
        except EOFError:
            return None  # cut before the status line: `_finish` reports the cut
        return record.http_headers

    def _finish(self, number: int, start: int, record: Any) -> None:
        """Read the rest of the record and the CRLF CRLF after it; raise `_Broken` when it is not all there."""
        rest = record.raw_stream
        while rest.read(_CHUNK):  # what was not needed, read through without keeping it
            pass
        if rest.limit or self.archive.ran_out:
            length = int(record.rec_headers.get_header("Content-Length"))
            raise self._cut(number, start, f"ends after {length - rest.limit:,} of its {length:,} content bytes")
        end = self.archive.read(len(_RECORD_END))
        if self.archive.ran_out:
            raise self._cut(number, start, "has the blank lines that close it cut off")
        if end != _RECORD_END:
            raise _Broken("ND-E014", f"record {number} ({self.archive.where(start)}) is not followed by the "
                                     f"CRLF CRLF that ends a WARC record: its Content-Length may be wrong")
        self.archive.at_end()  # a gzip member ending with the record checks its checksum now
        if not self.archive.verified(self.archive.tell()):
            raise self._cut(number, start, "lies in a gzip member that does not end whole")

    def _cut(self, number: int, start: int, detail: str) -> _Broken:
        cause = f"; {self.archive.problem}" if self.archive.problem else ""
        return _Broken("ND-E014", f"{self._damaged(number)}: record {number} ({self.archive.where(start)}) "
                                  f"{detail}{cause}")

    def _damaged(self, number: int) -> str:
        """`is truncated after record 12`: how a message about the damage at record `number` begins."""
        state = "is damaged" if self.archive.corrupt else "is truncated"
        return f"{state} after record {number - 1}" if number > 1 else f"{state} in its first record"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _holds_http(record: Any) -> bool:
    """Whether a record's block is an HTTP message: an http(s) target and no other WARC Content-Type."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    declared = (record.content_type or "application/http").lower()
    return bool(url.lower().startswith(("http:", "https:")) and declared.startswith("application/http"))


def _media_type(value: str | None) -> tuple[str, str | None]:
    """`text/html; charset=UTF-8` → `("text/html", "UTF-8")`; `("", None)` when there is none."""
    if not value:
        return "", None
    charset = _CHARSET.search(value)
    return value.split(";", 1)[0].strip().lower(), charset.group(1) if charset else None


def _redirect(statusline: str) -> bool:
    return statusline[:1] == "3" and statusline[:3].isdigit()


def _success(statusline: str) -> bool:
    code = statusline.split(" ", 1)[0]
    return len(code) == 3 and code.isdigit() and code.startswith("2")


def _record_date(source: str, value: str | None) -> dt.date | None:
    """The day of a WARC-Date (`2024-05-01T10:20:30Z`); a bad one leaves the page's own date to rank."""
    match = _WARC_DATE.match(value or "")
    if match is not None:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    log.warning("%s: WARC-Date %r is not a date; the page's own date is used", source, value)
    return None
