"""read: WARC archives written with warcio's own WARCWriter in tmp_path, plain and gzip, whole, cut and bad.

Also the JSONL `url` field, which like a WARC target URI ends up in `Page.url`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.errors import CATALOGUE, ReadError, ReadFailure
from newsdesk.model import Page
from newsdesk.read.files import ReadConfig, read_sources
from newsdesk.read.warc import Payload, is_warc, read_warc

CONFIG = ReadConfig()

ARTICLE = (
    "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
    "<p>The harbour of Kalmar reopened on Monday after three weeks of repairs, the port authority said.</p>"
    "<p>Ferries to Öland will run on the summer timetable from Friday, and fishing boats may use the "
    "north quay again.</p></article></body></html>"
)
# Russian, in windows-1251; the page's own <meta> wrongly claims windows-1252, the HTTP header is right
CYRILLIC = (
    '<html><head><meta charset="windows-1252"><title>Новости</title></head><body><article>'
    "<p>Городской совет утвердил бюджет на следующий год, сообщила пресс-служба мэрии в понедельник.</p>"
    "<p>Расходы на транспорт вырастут на десять процентов.</p></article></body></html>"
)
NOTES = "Desk notes, 1 May.\nThe ferry story needs a second source.\n"
SECOND = (
    "<html><head><title>Bridge closed</title></head><body><article>"
    "<p>The old bridge in the town centre will close for a month from Tuesday, the council said.</p>"
    "<p>Buses will take the ring road while the deck is replaced.</p></article></body></html>"
)


# Reading must never reach the network (htmldate fetches when handed a URL; a WARC is full of URLs).
pytestmark = pytest.mark.usefixtures("no_network")


# ---------------------------------------------------------------------------------------------------------
# building archives


@dataclass
class Archive:
    """A WARC file written record by record, remembering where each record ends in the file."""

    path: Path
    gz: bool
    ends: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # numbers of the records that are pages

    def __post_init__(self) -> None:
        self._out = self.path.open("wb")
        self.writer = WARCWriter(self._out, gzip=self.gz)

    def write(self, record: Any, *, page: bool = False) -> None:
        self.writer.write_record(record)
        self.ends.append(self._out.tell())
        if page:
            self.pages.append(len(self.ends))

    def response(self, url: str, body: bytes, content_type: str | None, *, status: str = "200 OK",
                 date: str = "2024-05-01T10:20:30Z", extra: tuple[tuple[str, str], ...] = (),
                 page: bool = False) -> None:
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders(status, [*headers, *extra], protocol="HTTP/1.1")
        self.write(self.writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                  http_headers=http, warc_headers_dict={"WARC-Date": date}),
                   page=page)

    def resource(self, url: str, body: bytes, content_type: str, *, page: bool = False) -> None:
        self.write(self.writer.create_warc_record(url, "resource", payload=io.BytesIO(body), length=len(body),
                                                  warc_content_type=content_type,
                                                  warc_headers_dict={"WARC-Date": "2024-05-02T08:00:00Z"}),
                   page=page)

    def request(self, url: str) -> None:
        http = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        self.write(self.writer.create_warc_record(url, "request", http_headers=http))

    def warcinfo(self) -> None:
        self.write(self.writer.create_warcinfo_record(self.path.name, {"software": "newsdesk tests"}))

    def close(self) -> Path:
        self._out.close()
        return self.path


def news_archive(tmp_path: Path, *, gz: bool, name: str | None = None) -> Archive:
    """Eight records: warcinfo, request, HTML response (charset in header), text/plain resource, image,
    a 404, a Cyrillic page whose HTTP charset beats its meta tag, and a second HTML page."""
    archive = Archive(tmp_path / (name or ("news.warc.gz" if gz else "news.warc")), gz)
    archive.warcinfo()
    archive.request("https://example.org/harbour")
    archive.response("https://example.org/harbour", ARTICLE.encode("cp1252"), "text/html; charset=ISO-8859-1",
                     page=True)
    archive.resource("urn:desk:notes", NOTES.encode("utf-8"), "text/plain; charset=utf-8", page=True)
    archive.response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png")
    archive.response("https://example.org/gone", b"<html><body><p>Not found</p></body></html>", "text/html",
                     status="404 Not Found")
    archive.response("https://example.org/ru", CYRILLIC.encode("cp1251"), 'text/html; charset="windows-1251"',
                     date="2024-04-30T23:59:59Z", page=True)
    archive.response("https://example.org/bridge", SECOND.encode("utf-8"), "text/html", page=True)
    archive.close()
    return archive


def read_all(*sources: str | Path, config: ReadConfig = CONFIG) -> list[Page | ReadFailure]:
    return list(read_sources([str(s) for s in sources], config))


def pages_of(items: list[Page | ReadFailure]) -> list[Page]:
    return [item for item in items if isinstance(item, Page)]


def failures_of(items: list[Page | ReadFailure]) -> list[ReadError]:
    return [item.error for item in items if isinstance(item, ReadFailure)]


# ---------------------------------------------------------------------------------------------------------
# whole archives


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_archive_pages_carry_text_url_date_and_source(tmp_path: Path, gz: bool) -> None:
    archive = news_archive(tmp_path, gz=gz)
    items = read_all(archive.path)
    pages = pages_of(items)
    assert [p.source for p in pages] == [f"{archive.path}#{n}" for n in archive.pages] == [
        f"{archive.path}#3", f"{archive.path}#4", f"{archive.path}#7", f"{archive.path}#8"]
    harbour, notes, russian, bridge = pages

    assert harbour.format == "html" and harbour.title == "Harbour reopens"
    assert "Ferries to Öland will run" in harbour.text and "<p>" not in harbour.text
    assert harbour.url == "https://example.org/harbour"
    # ISO-8859-1 in the header is read as windows-1252, as browsers do, and reported
    assert harbour.encoding == "cp1252" and harbour.flags[0].kind == "encoding"
    assert (harbour.reference_date, harbour.reference_date_source) == (dt.date(2024, 5, 1), "record")

    assert notes.format == "text" and notes.text == NOTES and notes.url == "urn:desk:notes"
    assert notes.reference_date == dt.date(2024, 5, 2)

    # the HTTP charset outranks the page's wrong <meta>: Cyrillic, not windows-1252 mojibake
    assert "Городской совет утвердил бюджет" in russian.text and russian.encoding == "cp1251"
    assert russian.reference_date == dt.date(2024, 4, 30)  # the UTC day of the capture, not the next

    assert bridge.encoding == "utf-8" and "ring road" in bridge.text and bridge.url == "https://example.org/bridge"

    [failure] = [item for item in items if isinstance(item, ReadFailure)]
    assert failure.source == f"{archive.path}#6" and failure.error.code == "ND-E015"
    assert str(archive.path) in str(failure.error)
    assert "https://example.org/gone" in failure.error.problem and "404 Not Found" in failure.error.problem
    assert items.index(failure) == 2, "failures keep their place among the pages"


def test_reference_date_option_beats_warc_date(tmp_path: Path) -> None:
    archive = news_archive(tmp_path, gz=True)
    config = ReadConfig(reference_date=dt.date(2020, 1, 2))
    for page in pages_of(read_all(archive.path, config=config)):
        assert (page.reference_date, page.reference_date_source) == (dt.date(2020, 1, 2), "option")


def test_records_that_are_not_pages_are_tallied_not_failed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    archive = Archive(tmp_path / "misc.warc", gz=False)
    archive.warcinfo()
    archive.request("https://example.org/a")
    archive.response("https://example.org/a", ARTICLE.encode(), "text/html", page=True)
    archive.response("https://example.org/empty", b"", "text/html", status="200 OK")
    archive.response("https://example.org/blank-404", b"  \r\n", "text/html", status="404 Not Found")
    archive.response("https://example.org/site.css", b"body { color: red }", "text/css")
    archive.response("https://example.org/moved", b"<html><body>Moved to /a</body></html>", "text/html",
                     status="301 Moved Permanently")
    archive.response("https://example.org/app.js", b"alert(1)", "application/javascript")
    archive.response("https://example.org/untyped", b"something", None)
    archive.write(archive.writer.create_revisit_record(
        "https://example.org/a", "sha1:AAAA", "https://example.org/a", "2024-05-01T10:20:30Z"))
    archive.write(archive.writer.create_warc_record("https://example.org/a", "metadata",
                                                    payload=io.BytesIO(b"via: test\r\n"), length=11,
                                                    warc_content_type="application/warc-fields"))
    archive.close()
    with caplog.at_level(logging.INFO, logger="newsdesk.read.warc"):
        items = read_all(archive.path)
    assert [type(item) for item in items] == [Page], items
    [message] = [r.getMessage() for r in caplog.records if r.name == "newsdesk.read.warc"]
    for counted in ("1 warcinfo", "1 request", "2 response with an empty payload", "1 response text/css",
                    "1 response application/javascript", "1 response without a Content-Type", "1 revisit",
                    "1 metadata", "1 response redirect (301)"):
        assert counted in message, message
    assert "1 page, 0 failures among its 11 records" in message


def test_an_archive_without_pages_says_what_it_held(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "images.warc.gz", gz=True)
    archive.warcinfo()
    archive.response("https://example.org/a.png", b"\x89PNG\r\n\x1a\n", "image/png")
    archive.response("https://example.org/b.jpg", b"\xff\xd8\xff\xe0", "image/jpeg")
    archive.close()
    [error] = failures_of(read_all(archive.path))
    assert error.code == "ND-E009" and error.source == str(archive.path)
    assert "3 records" in error.problem and "image/png" in error.problem and "image/jpeg" in error.problem


def test_payload_over_the_limit_fails_its_record_only(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "big.warc", gz=False)
    archive.response("https://example.org/big", ("<p>" + "word " * 400 + "</p>").encode(), "text/html")
    archive.resource("urn:small", b"A short note that fits.", "text/plain", page=True)
    archive.close()
    items = read_all(archive.path, config=ReadConfig(max_bytes=1000))
    assert isinstance(items[0], ReadFailure) and items[0].source == f"{archive.path}#1"
    assert items[0].error.code == "ND-E006" and "https://example.org/big" in items[0].error.problem
    assert isinstance(items[1], Page) and items[1].text == "A short note that fits."


def test_chunked_and_gzip_encoded_http_bodies_are_undone(tmp_path: Path) -> None:
    body = gzip.compress(ARTICLE.encode("utf-8"))
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:50], body[50:])) + b"0\r\n\r\n"
    archive = Archive(tmp_path / "encoded.warc.gz", gz=True)
    archive.response("https://example.org/enc", chunked, "text/html; charset=utf-8",
                     extra=(("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")), page=True)
    archive.close()
    [page] = read_all(archive.path)
    assert isinstance(page, Page) and "The harbour of Kalmar reopened" in page.text


def test_page_level_problems_name_the_record_and_url(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "bad.warc", gz=False)
    archive.response("https://example.org/binary", b"\x00\x01\x02 binary \x00", "text/html")
    archive.close()
    [error] = failures_of(read_all(archive.path))
    assert error.code == "ND-E004" and error.source == f"{archive.path}#1"
    assert "https://example.org/binary" in error.problem


def test_a_directory_reads_the_archives_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.txt").write_text("A plain page in the same folder.\n", encoding="utf-8")
    archive = news_archive(folder, gz=True, name="b.WARC.GZ")
    items = read_all(folder)
    sources = [item.source for item in items]
    assert sources == [str(folder / "a.txt"), *(f"{archive.path}#{n}" for n in (3, 4, 6, 7, 8))]
    assert [page.url for page in pages_of(items)][1:] == [
        "https://example.org/harbour", "urn:desk:notes", "https://example.org/ru", "https://example.org/bridge"]


def test_compression_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    plain = news_archive(tmp_path, gz=False, name="actually-plain.warc.gz")
    zipped = news_archive(tmp_path, gz=True, name="actually-gzip.warc")
    assert len(pages_of(read_all(plain.path))) == len(pages_of(read_all(zipped.path))) == 4


def test_is_warc_goes_by_name() -> None:
    assert is_warc(Path("a.warc")) and is_warc(Path("b.Warc.GZ"))
    assert not is_warc(Path("c.gz")) and not is_warc(Path("d.warc.bak")) and not is_warc(Path("warc"))


# ---------------------------------------------------------------------------------------------------------
# bad archives


def test_a_file_named_warc_that_is_not_one(tmp_path: Path) -> None:
    for name, data in (("x.warc", b"Just an article.\nNot an archive.\n"), ("y.warc", b"\x89PNG\r\n\x1a\n\x00"),
                       ("z.warc.gz", gzip.compress(b"<html><body>hi</body></html>"))):
        path = tmp_path / name
        path.write_bytes(data)
        [error] = failures_of(read_all(path))
        assert error.code == "ND-E014" and error.source == str(path)
        assert "is not a WARC archive" in error.problem, error


def test_empty_archives(tmp_path: Path) -> None:
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "empty.warc.gz").write_bytes(gzip.compress(b""))
    for path in (tmp_path / "empty.warc", tmp_path / "empty.warc.gz"):
        [error] = failures_of(read_all(path))
        assert error.code == "ND-E003" and "no WARC records" in error.problem


def test_framing_errors_stop_with_one_failure(tmp_path: Path) -> None:
    archive = news_archive(tmp_path, gz=False)
    data = archive.path.read_bytes()
    # a Content-Length that is wrong, missing its number, or for a WARC version we do not read
    first_response = data.index(b"Content-Length:", archive.ends[1])
    number_end = data.index(b"\r\n", first_response)
    for patched, expected in (
        (data[:first_response] + b"Content-Length: 10" + data[number_end:], "not followed by the CRLF CRLF"),
        (data[:first_response] + b"Content-Length: ten" + data[number_end:], "no valid Content-Length"),
        (data[: archive.ends[1]] + b"WARC/9.9" + data[archive.ends[1] + 8:], "cannot be read"),
    ):
        path = tmp_path / "patched.warc"
        path.write_bytes(patched)
        items = read_all(path)
        assert len(pages_of(items)) == 0 and len(items) == 1
        [error] = failures_of(items)
        assert error.code == "ND-E014" and error.source == str(path) and "record 3" in error.problem
        assert expected in error.problem, error


def test_corrupt_gzip_is_reported_as_damage(tmp_path: Path) -> None:
    archive = news_archive(tmp_path, gz=True)
    data = bytearray(archive.path.read_bytes())
    middle = (archive.ends[2] + archive.ends[3]) // 2  # inside record 4's member (the text/plain resource)
    data[middle:middle + 8] = b"garbage!"
    archive.path.write_bytes(bytes(data))
    items = read_all(archive.path)
    assert [p.source for p in pages_of(items)] == [f"{archive.path}#3"]
    [error] = failures_of(items)
    assert error.code == "ND-E014" and "is damaged after record 3" in error.problem
    assert "gzip data is corrupt" in error.problem


def _expected_after_cut(archive: Archive, cut: int) -> tuple[int, bool]:
    """Complete records before a cut at `cut`, and whether the cut falls between two records."""
    complete = sum(end <= cut for end in archive.ends)
    return complete, cut in (0, *archive.ends)


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_every_cut_gives_the_pages_before_it_and_one_failure(tmp_path: Path, gz: bool) -> None:
    """Cut the archive at every byte: never an exception, and exactly the complete records' items, then
    one failure naming the file and the last complete record (a cut between records is a shorter archive)."""
    archive = news_archive(tmp_path, gz=gz)
    data = archive.path.read_bytes()
    record_of: dict[str, int] = {}

    def make_page(payload: Payload) -> Page:  # framing is under test here; extraction has its own tests
        record_of[payload.source] = int(payload.source.rsplit("#", 1)[1])
        return Page(source=payload.source, text=payload.data.decode("latin-1"), format="text", url=payload.url)

    for cut in range(len(data)):
        items = list(read_warc(archive.path, io.BytesIO(data[:cut]), CONFIG.max_bytes, make_page))
        complete, clean = _expected_after_cut(archive, cut)
        pages = pages_of(items)
        assert [int(p.source.rsplit("#", 1)[1]) for p in pages] == [n for n in archive.pages if n <= complete], cut
        cut_errors = [e for e in failures_of(items) if e.code != "ND-E015"]
        if clean:
            assert all(e.code in ("ND-E003", "ND-E009") for e in cut_errors), (cut, cut_errors)
            continue
        assert len(cut_errors) == 1 and isinstance(items[-1], ReadFailure), (cut, items)
        error = cut_errors[0]
        assert error.code == "ND-E014" and error.source == str(archive.path), (cut, error)
        where = f"after record {complete}:" if complete else "in its first record:"
        assert error.problem.startswith(f"is truncated {where}"), (cut, error)


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_truncated_archives_through_read_sources(tmp_path: Path, gz: bool) -> None:
    """A few cuts read for real: mid-headers, mid-content and in the closing bytes of a record."""
    archive = news_archive(tmp_path, gz=gz)
    data = archive.path.read_bytes()
    starts = [0, *archive.ends]
    for record in (3, 7, 8):  # pages; the cut falls inside record `record`
        start, end = starts[record - 1], starts[record]
        for cut in (start + 5, (start + end) // 2, end - 2):
            path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
            path.write_bytes(data[:cut])
            items = read_all(path)
            assert [p.source for p in pages_of(items)] == [f"{path}#{n}" for n in archive.pages if n < record]
            assert isinstance(items[-1], ReadFailure)
            error = items[-1].error
            assert error.code == "ND-E014" and str(path) in str(error)
            assert error.problem.startswith(f"is truncated after record {record - 1}: "), error
            assert f"record {record} (at byte " in error.problem or "gzip data ends" in error.problem, error
            if gz:
                assert "gzip" in error.problem
            assert [e.code for e in failures_of(items)].count("ND-E014") == 1


def test_one_gzip_member_for_the_whole_archive(tmp_path: Path) -> None:
    archive = news_archive(tmp_path, gz=False)
    path = tmp_path / "single.warc.gz"
    whole = gzip.compress(archive.path.read_bytes())
    path.write_bytes(whole)
    assert len(pages_of(read_all(path))) == 4
    path.write_bytes(whole[:-6])  # the checksum is cut: reported, never trusted in silence
    items = read_all(path)
    [error] = [e for e in failures_of(items) if e.code == "ND-E014"]
    assert isinstance(items[-1], ReadFailure) and items[-1].error is error
    assert "gzip data ends inside a member" in error.problem


def test_error_codes_are_catalogued() -> None:
    assert {"ND-E014", "ND-E015"} <= set(CATALOGUE)


# ---------------------------------------------------------------------------------------------------------
# JSONL url


def test_jsonl_url_is_carried_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a", "text": "Text with a link.", "url": "https://example.org/a"},
        {"id": "b", "html": "<p>No url here at all, just a paragraph.</p>"},
        {"id": "c", "text": "Bad url.", "url": 42},
        {"id": "d", "text": "Blank url.", "url": "  "},
        {"id": "e", "text": "Null url is no url.", "url": None},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    a, b, c, d, e = read_all(path)
    assert isinstance(a, Page) and a.url == "https://example.org/a" and a.source == f"{path}#a"
    assert isinstance(b, Page) and b.url is None
    assert isinstance(e, Page) and e.url is None
    for failure, line in ((c, 3), (d, 4)):
        assert isinstance(failure, ReadFailure) and failure.source == f"{path}:{line}"
        assert failure.error.code == "ND-E008" and '"url"' in failure.error.problem
        assert f"{path}:{line}" in str(failure.error)
