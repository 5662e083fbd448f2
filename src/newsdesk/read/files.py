"""read: turn inputs (paths, directories, JSONL, WARC, stdin) into `Page`s — the only stage that touches files.

The reader's public surface, all importable from here: `read_sources` reads paths and stdin;
`page_from_bytes`, `page_from_text` and `page_from_html` make one page (`newsdesk.read.pages`), as
`ReadConfig` says; `decode` is the decoding they use (`newsdesk.read.encoding`), `parse_date` the
`YYYY-MM-DD` a user gives (`newsdesk.read.dates`); `stat_source` and `walk_directory` are the one rule
for what an input path is and how a folder is walked, for every reader of files (one machine, Spark).
HTML extraction is `newsdesk.read.html`'s.

WARC archives (`.warc`, `.warc.gz`) are read record by record in `newsdesk.read.warc`; a page from one,
or from a JSONL record with a `url`, carries that URL in `Page.url`.

Inputs that cannot be read raise `ReadError` (one line: the input, the problem, a catalogued code);
`read_sources` turns them into `ReadFailure` values so one bad input never stops a batch.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from newsdesk.errors import ReadError, ReadFailure
from newsdesk.model import Page, PageFormat
from newsdesk.read.dates import iso_date, parse_date
from newsdesk.read.encoding import decode, lone_surrogate
from newsdesk.read.pages import ReadConfig, page_from_bytes, page_from_html, page_from_text
from newsdesk.read.warc import Payload, is_warc, read_warc

__all__ = [
    "HTML_SUFFIXES",
    "JSONL_SUFFIX",
    "STDIN_SOURCE",
    "ReadConfig",
    "decode",
    "page_from_bytes",
    "page_from_html",
    "page_from_text",
    "parse_date",
    "read_sources",
    "stat_source",
    "walk_directory",
]

log = logging.getLogger(__name__)

#: Where `read_sources` says a page came from standard input.
STDIN_SOURCE = "<stdin>"
#: Extensions that make a file HTML without sniffing.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: The extension that makes a file a batch of records, one JSON object a line.
JSONL_SUFFIX = ".jsonl"


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
        at = lone_surrogate(record.get(key))
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
        record_date = iso_date(record["date"]) if isinstance(record["date"], str) else None
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
