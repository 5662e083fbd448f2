"""read: real inputs built by hand in tmp_path — encodings, mojibake, HTML, bad inputs, directories, JSONL, stdin.

Every hint and flag is checked against the characters it points at; no test needs the network or ../shared.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdesk.errors import ConfigError, ReadError, ReadFailure
from newsdesk.model import HINT_KINDS, Page, Span
from newsdesk.read.files import (
    STDIN_SOURCE,
    ReadConfig,
    decode,
    page_from_bytes,
    page_from_html,
    page_from_text,
    parse_date,
    read_sources,
)

CONFIG = ReadConfig()


# Reading must never reach the network (htmldate fetches when handed a URL; a WARC is full of URLs).
pytestmark = pytest.mark.usefixtures("no_network")


def read_all(*sources: str | Path, config: ReadConfig = CONFIG, stdin: Any = None) -> list[Page | ReadFailure]:
    return list(read_sources([str(s) for s in sources], config, stdin=stdin))


def read_one(path: Path, config: ReadConfig = CONFIG) -> Page:
    [item] = read_all(path, config=config)
    assert isinstance(item, Page), item
    return item


def fail_one(*sources: str | Path, config: ReadConfig = CONFIG, stdin: Any = None) -> ReadError:
    [item] = read_all(*sources, config=config, stdin=stdin)
    assert isinstance(item, ReadFailure), item
    return item.error


def assert_spans_sound(page: Page) -> None:
    """Hints tile the text in order (only newlines between them); every span lies inside the text."""
    for span in (*page.hints, *page.flags):
        assert 0 <= span.start <= span.end <= len(page.text)
    pos = 0
    for hint in page.hints:
        assert hint.kind in HINT_KINDS
        assert hint.start >= pos and set(page.text[pos:hint.start]) <= {"\n"}
        block = page.text[hint.start:hint.end]
        assert block and block == block.strip(), repr(block)
        pos = hint.end
    if page.hints:
        assert pos == len(page.text)


# --------------------------------------------------------------------------------------------- config, dates


def test_parse_date_reads_iso_dates() -> None:
    assert parse_date("2022-05-22", "--reference-date") == dt.date(2022, 5, 22)


@pytest.mark.parametrize("value", ["22-05-2022", "2022-5-22", "20220522", "2022-02-30", "May 22", "",
                                   "2022-05-22T10:00"])
def test_parse_date_refuses_other_forms_naming_the_option(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_date(value, "--reference-date")
    assert caught.value.code == "ND-E010"
    assert "--reference-date" in str(caught.value) and "YYYY-MM-DD" in str(caught.value)


@pytest.mark.parametrize("kwargs", [
    {"max_bytes": 0}, {"max_bytes": -5}, {"max_bytes": True}, {"max_bytes": 1.5}, {"max_bytes": "10"},
    {"reference_date": "2022-05-22"}, {"reference_date": dt.datetime(2022, 5, 22, 10, 0)}, {"captions": "yes"},
])
def test_config_refuses_wrong_values_at_construction(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigError) as caught:
        ReadConfig(**kwargs)
    assert caught.value.code == "ND-E011"
    assert next(iter(kwargs)) in str(caught.value)


# --------------------------------------------------------------------------------------------- plain text

WIRE = "KYIV, May 22 (Reuters) – Ukraine’s president said on Sunday that “only diplomacy” could end the war.\n"


def test_utf8_text_is_kept_exactly_as_decoded(tmp_path: Path) -> None:
    text = WIRE + "\r\nSecond paragraph,\twith a tab and a Windows line end.\r\n"
    path = tmp_path / "wire.txt"
    path.write_bytes(text.encode("utf-8"))
    page = read_one(path)
    assert page.text == text  # CRLF and tab untouched: later offsets point into exactly this
    assert (page.format, page.encoding, page.flags, page.hints) == ("text", "utf-8", (), ())
    assert page.source == str(path) and page.title is None
    assert (page.reference_date, page.reference_date_source) == (None, None)


def test_utf8_bom_is_dropped_and_not_a_defect(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + WIRE.encode("utf-8"))
    page = read_one(path)
    assert page.text == WIRE
    assert page.encoding == "utf-8-sig" and page.flags == ()


LEGACY = [
    ("cp1252", "Le président a déclaré mercredi à l’Élysée : « Nous irons jusqu’au bout. » "
               "Le coût est estimé à 12 milliards d’euros (€)."),
    ("cp1252", "„Wir schaffen das“, sagte die Kanzlerin am Montag in München vor Journalisten."),
    ("latin-1", "Die Bundesregierung hat am Dienstag in Berlin neue Maßnahmen gegen die Inflation beschlossen. "
                "Der Minister äußerte sich zufrieden über die Einigung."),
    ("latin-1", "El Gobierno español aprobó el martes en Madrid una reforma laboral. «Es un día histórico», "
                "afirmó la ministra, según informó la agencia EFE."),
    ("cp1251", "Президент России заявил во вторник, что переговоры продолжатся. Об этом сообщает агентство ТАСС."),
]


@pytest.mark.parametrize(("codec", "text"), LEGACY)
def test_legacy_encodings_are_detected_and_flagged(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    page = read_one(path)
    assert page.text == text
    # Latin-1 news text decodes identically as windows-1252, which browsers use for it too
    assert page.encoding == {"latin-1": "cp1252"}.get(codec, codec)
    assert page.flags == (Span(0, len(text), "encoding", detail=page.encoding),)


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Le président a déclaré « non » mardi, selon l’AFP.\n"
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode("utf-16"))  # Python writes the BOM
    page = read_one(path)
    assert page.text == text and page.encoding == "utf-16"
    assert page.flags == (Span(0, len(text), "encoding", detail="utf-16"),)


def test_decode_beats_charset_normalizer_on_short_german() -> None:
    # charset-normalizer alone reads this as Shift-JIS
    text = LEGACY[2][1]
    assert decode("de.txt", text.encode("cp1252")) == (text, "cp1252")


def test_mojibake_runs_are_flagged_not_fixed(tmp_path: Path) -> None:
    text = ("The cafÃ© owner said â€œweâ€™re closingâ€\x9d on Monday â€” after 40 years.\n"
            "ÐŸÑ€Ð¸Ð²ÐµÑ‚ was the only word on the sign.\n")
    path = tmp_path / "mojibake.txt"
    path.write_bytes(text.encode("utf-8"))
    page = read_one(path)
    assert page.text == text
    flagged = [(text[f.start:f.end], f.detail) for f in page.flags]
    assert all(f.kind == "mojibake" for f in page.flags)
    assert flagged == [("Ã©", "é"), ("â€œ", "“"), ("â€™", "’"), ("â€\x9d", "”"), ("â€”", "—"),
                       ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет")]


@pytest.mark.parametrize("text", [
    "SÃO PAULO – NÃO, disse o ministro.",
    "Il a crié « CAFÉ» devant l’ÉTÉ—sans raison.",
    "„Das macht Spaß“, sagte er über Ørsted’s Pläne in Århus.",
    "Ångström, Øresund, Ñandú, Ümlaut: real letters, real words.",
])
def test_real_accented_text_is_not_mojibake(text: str) -> None:
    page = page_from_text("real.txt", text, CONFIG)
    assert page.flags == ()


# --------------------------------------------------------------------------------------------- HTML

FLOODS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Floods hit northern Italy | The Daily Example</title>
<meta property="article:published_time" content="2023-05-17T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">The Daily Example</div></header>
<main><article>
<h1>Floods hit northern Italy</h1>
<p>Heavy rain has caused severe flooding across the Emilia-Romagna region of northern Italy, forcing
thousands of people to leave their homes, officials said on Wednesday.</p>
<figure><img src="flood.jpg" alt="Flooded street"><figcaption>A flooded street in Faenza on Wednesday.
Photo: Reuters</figcaption></figure>
<p>Rivers burst their banks in several towns after the region received half its average annual rainfall
in 36 hours, according to the civil protection agency.</p>
<h2>Rescue efforts</h2>
<p>Emergency services said they had rescued hundreds of people stranded on rooftops. The authorities listed
the worst-hit places:</p>
<ul><li>Faenza, where the Lamone river overflowed</li><li>Cesena, where the Savio river flooded the centre</li>
<li>Forlì, where several districts were evacuated</li></ul>
<blockquote><p>“We have never seen anything like this,” said the mayor of Faenza, Massimo Isola.</p></blockquote>
<p>The Formula One Grand Prix at Imola, scheduled for Sunday, was cancelled because of the floods,
organisers said in a statement.</p>
</article></main>
<footer><p>© 2023 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""

FLOODS_BLOCKS = [
    ("paragraph", "Heavy rain has caused severe flooding across the Emilia-Romagna region of northern Italy, "
                  "forcing thousands of people to leave their homes, officials said on Wednesday."),
    ("caption", "A flooded street in Faenza on Wednesday. Photo: Reuters"),
    ("paragraph", "Rivers burst their banks in several towns after the region received half its average annual "
                  "rainfall in 36 hours, according to the civil protection agency."),
    ("heading", "Rescue efforts"),
    ("paragraph", "Emergency services said they had rescued hundreds of people stranded on rooftops. "
                  "The authorities listed the worst-hit places:"),
    ("list_item", "Faenza, where the Lamone river overflowed"),
    ("list_item", "Cesena, where the Savio river flooded the centre"),
    ("list_item", "Forlì, where several districts were evacuated"),
    ("quote", "“We have never seen anything like this,” said the mayor of Faenza, Massimo Isola."),
    ("paragraph", "The Formula One Grand Prix at Imola, scheduled for Sunday, was cancelled because of the "
                  "floods, organisers said in a statement."),
]

ECONOMY = """<html><head><title>Economy grows faster than expected</title></head><body><article>
<p>The national statistics office published the quarterly figures on Thursday, showing that the economy
grew faster than analysts had expected in the three months to June.</p>
<table><tr><th>Quarter</th><th>Growth</th></tr><tr><td>Q1</td><td>0.2%</td></tr><tr><td>Q2</td><td>0.6%</td></tr></table>
<p>Consumer spending rose for a third month,<br>while investment fell slightly, the office said in a
statement released in Wellington.</p>
<blockquote><p>“The figures are better than we hoped,” the finance minister said.</p>
<p>“But there is still a long way to go.”</p></blockquote>
<div class="wp-caption"><img src="port.jpg"><p class="wp-caption-text">The port of Auckland. Photo: AFP</p></div>
<p>Economists said the central bank was now less likely to cut interest rates at its next meeting,
scheduled for August, according to a Reuters poll.</p>
</article></body></html>"""

ECONOMY_BLOCKS = [
    ("paragraph", "The national statistics office published the quarterly figures on Thursday, showing that "
                  "the economy grew faster than analysts had expected in the three months to June."),
    ("table", "Quarter | Growth\nQ1 | 0.2%\nQ2 | 0.6%"),
    ("paragraph", "Consumer spending rose for a third month,\nwhile investment fell slightly, the office said "
                  "in a statement released in Wellington."),
    ("quote", "“The figures are better than we hoped,” the finance minister said."),
    ("quote", "“But there is still a long way to go.”"),
    ("caption", "The port of Auckland. Photo: AFP"),
    ("paragraph", "Economists said the central bank was now less likely to cut interest rates at its next "
                  "meeting, scheduled for August, according to a Reuters poll."),
]


def joined(blocks: list[tuple[str, str]]) -> str:
    """The text read should build: a blank line between blocks, one newline between list items."""
    out = blocks[0][1]
    for (before, _), (kind, text) in itertools.pairwise(blocks):
        out += ("\n" if kind == before == "list_item" else "\n\n") + text
    return out


@pytest.mark.parametrize(("html", "blocks"), [(FLOODS, FLOODS_BLOCKS), (ECONOMY, ECONOMY_BLOCKS)],
                         ids=["floods", "economy"])
def test_html_blocks_and_hints(tmp_path: Path, html: str, blocks: list[tuple[str, str]]) -> None:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    page = read_one(path)
    assert page.format == "html" and page.encoding == "utf-8"
    assert [(h.kind, page.text[h.start:h.end]) for h in page.hints] == blocks
    assert page.text == joined(blocks)
    assert_spans_sound(page)


def test_nested_lists_come_out_flat_in_order() -> None:
    para = FLOODS_BLOCKS[0][1]
    html = (f"<html><body><article><p>{para}</p><ul><li>Schools<ul><li>Primary schools</li>"
            f"<li>Secondary schools</li></ul></li><li>Roads and bridges</li></ul><p>{para}</p></article></body></html>")
    page = page_from_html("council.html", html, CONFIG)
    items = ["Schools", "Primary schools", "Secondary schools", "Roads and bridges"]
    assert [(h.kind, page.text[h.start:h.end]) for h in page.hints] == [
        ("paragraph", para), *(("list_item", item) for item in items), ("paragraph", para)]
    assert page.text == f"{para}\n\n" + "\n".join(items) + f"\n\n{para}"


def test_html_keeps_nav_footer_and_title_out_of_the_text() -> None:
    page = page_from_html("floods.html", FLOODS, CONFIG)
    assert page.title == "Floods hit northern Italy"
    for furniture in ("Home", "Sport", "Daily Example", "All rights reserved", "Privacy policy"):
        assert furniture not in page.text
    assert "Floods hit northern Italy" not in page.text  # the headline is the title, not a block
    heading = next(h for h in page.hints if h.kind == "heading")
    assert heading.detail == "h2"


def test_html_publication_date_from_the_page() -> None:
    page = page_from_html("floods.html", FLOODS, CONFIG)
    assert (page.reference_date, page.reference_date_source) == (dt.date(2023, 5, 17), "page")


@pytest.mark.parametrize(("config", "record", "expected"), [
    (ReadConfig(), None, (dt.date(2023, 5, 17), "page")),
    (ReadConfig(), dt.date(2023, 5, 18), (dt.date(2023, 5, 18), "record")),
    (ReadConfig(reference_date=dt.date(2020, 1, 2)), dt.date(2023, 5, 18), (dt.date(2020, 1, 2), "option")),
    (ReadConfig(reference_date=dt.date(2020, 1, 2)), None, (dt.date(2020, 1, 2), "option")),
])
def test_reference_date_precedence(config: ReadConfig, record: dt.date | None,
                                   expected: tuple[dt.date, str]) -> None:
    page = page_from_bytes("floods.html", FLOODS.encode(), config, record_date=record)
    assert (page.reference_date, page.reference_date_source) == expected


def test_captions_can_be_left_to_extraction() -> None:
    page = page_from_html("floods.html", FLOODS, ReadConfig(captions=False))
    assert "Faenza on Wednesday. Photo" not in page.text
    assert [h.kind for h in page.hints] == [k for k, _ in FLOODS_BLOCKS if k != "caption"]
    assert_spans_sound(page)


@pytest.mark.parametrize(("name", "head"), [
    ("page.txt", "<!DOCTYPE html><html><body>"),
    ("page.txt", "<html><body>"),
    ("page", "\n  <body>"),
    ("page.dat", "<div><p>"),
])
def test_html_is_sniffed_from_content(tmp_path: Path, name: str, head: str) -> None:
    path = tmp_path / name
    path.write_text(f"{head}<p>{FLOODS_BLOCKS[0][1]}</p><p>{FLOODS_BLOCKS[2][1]}</p></body></html>",
                    encoding="utf-8")
    page = read_one(path)
    assert page.format == "html"
    assert [page.text[h.start:h.end] for h in page.hints] == [FLOODS_BLOCKS[0][1], FLOODS_BLOCKS[2][1]]


def test_text_that_mentions_tags_stays_text() -> None:
    text = "Browsers read the <html> and <body> tags first, the standards body said on Monday.\n"
    page = page_from_bytes("story.txt", text.encode(), CONFIG)
    assert page.format == "text" and page.text == text


@pytest.mark.parametrize("declared", ['<meta charset="windows-1252">',
                                      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'])
def test_html_declared_charset(tmp_path: Path, declared: str) -> None:
    # iso-8859-1 is read as windows-1252, as browsers do: the ’ (0x92) of such pages survives
    body = "L’équipe de France a battu l’Allemagne 2-0 mercredi soir au Stade de France, devant 80 000 spectateurs."
    html = f"<html><head>{declared}<title>Football</title></head><body><article><p>{body}</p></article></body></html>"
    path = tmp_path / "match.html"
    path.write_bytes(html.encode("cp1252"))
    page = read_one(path)
    assert page.text == body and page.encoding == "cp1252"
    assert page.flags == (Span(0, len(body), "encoding", detail="cp1252"),)


@pytest.mark.parametrize("html", [
    "<html><head><title>Only a title</title></head><body></body></html>",
    "<html><head><script>var x = 1;</script></head><body><script>document.write('x')</script></body></html>",
    "<!DOCTYPE html><html><body><div>   </div><img src='a.jpg'></body></html>",
])
def test_html_without_body_text(tmp_path: Path, html: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(html, encoding="utf-8")
    error = fail_one(path)
    assert error.code == "ND-E007" and error.source == str(path)


# --------------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("data", "code"), [
    (b"", "ND-E003"),
    (b"  \n\t\r\n ", "ND-E003"),
    ("   \n".encode("utf-16"), "ND-E003"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "ND-E004"),
    (b"ab\x01\x02\x03\x04\x05\x06\x07\x08cd" * 20, "ND-E004"),
    (b"\xff\xfeK\x00Y\x00I", "ND-E005"),  # a UTF-16 mark, then half a character
])
def test_bad_bytes(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    error = fail_one(path)
    assert error.code == code
    message = str(error)
    assert message.startswith(f"[{code}] {path}: ") and "\n" not in message


def test_over_limit_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)

    def never(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("an over-limit file was opened")

    monkeypatch.setattr(Path, "open", never)
    error = fail_one(path, config=ReadConfig(max_bytes=100))
    assert error.code == "ND-E006" and "101" in error.problem


def test_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"x" * 100)
    assert read_one(path, ReadConfig(max_bytes=100)).text == "x" * 100


SMALL = ReadConfig(max_bytes=10)


@pytest.mark.parametrize("call", [
    lambda: page_from_bytes("b", b"y" * 11, SMALL),
    lambda: page_from_text("t", "é" * 6, SMALL),  # 6 characters, 12 bytes
    lambda: page_from_html("h", "<p>" + "z" * 20 + "</p>", SMALL),
], ids=["bytes", "text", "html"])
def test_over_limit_bytes_and_strings(call: Callable[[], Page]) -> None:
    with pytest.raises(ReadError) as caught:
        call()
    assert caught.value.code == "ND-E006"


def test_missing_path() -> None:
    error = fail_one("/no/such/page.txt")
    assert (error.code, error.source) == ("ND-E001", "/no/such/page.txt")
    assert str(error) == "[ND-E001] /no/such/page.txt: does not exist"


def test_empty_path_is_not_the_current_directory() -> None:
    assert fail_one("").code == "ND-E001"


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    error = fail_one(link)
    assert error.code == "ND-E001" and "symbolic link" in error.problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it would block this test forever
    error = fail_one(fifo)
    assert error.code == "ND-E002" and "named pipe" in error.problem


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tests run as root, where chmod 000 does not stop reading: make open itself refuse
    path = tmp_path / "secret.txt"
    path.write_text(WIRE, encoding="utf-8")

    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    error = fail_one(path)
    assert error.code == "ND-E002" and "Permission denied" in error.problem


# --------------------------------------------------------------------------------------------- batches


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b.txt", "a/c.txt", "a.txt", ".hidden.txt", ".git/config", "a/.DS_Store"):
        (tmp_path / rel).write_text(f"{rel}: {WIRE}", encoding="utf-8")
    items = read_all(tmp_path)
    assert all(isinstance(i, Page) for i in items)
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in items] == ["a/c.txt", "a.txt", "b.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_directory_reports_bad_files_one_by_one(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    sub = tmp_path / "sub"
    sub.mkdir()
    (tmp_path / "loop").symlink_to(sub, target_is_directory=True)
    items = read_all(tmp_path)
    got = [(Path(i.source).name, i.error.code if isinstance(i, ReadFailure) else "page") for i in items]
    assert got == [("dangling.txt", "ND-E001"), ("empty.txt", "ND-E003"), ("good.txt", "page"),
                   ("loop", "ND-E002"), ("pipe", "ND-E002")]


@pytest.mark.parametrize("files", [{}, {"empty.txt": b"", "binary.bin": b"\x00\x01\x02"}], ids=["no files", "all bad"])
def test_directory_without_pages(tmp_path: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    items = read_all(tmp_path)
    assert all(isinstance(i, ReadFailure) for i in items)
    codes = [i.error.code for i in items if isinstance(i, ReadFailure)]
    assert len(codes) == len(files) + 1 and codes[-1] == "ND-E009"
    assert items[-1].source == str(tmp_path)


HTML_RECORD = "<html><head><meta property='article:published_time' content='2021-06-01'></head><body><article>" \
              f"<p>{FLOODS_BLOCKS[0][1]}</p><p>{FLOODS_BLOCKS[2][1]}</p></article></body></html>"


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", "text": WIRE, "date": "2022-05-22"}),
        "{not json",
        "",
        json.dumps({"id": 7, "html": HTML_RECORD}),
        json.dumps([1, 2]),
        json.dumps({"id": "x"}),
        json.dumps({"id": "y", "text": WIRE, "date": "22 May 2022"}),
        json.dumps({"id": "z", "text": "   "}),
        json.dumps({"text": WIRE}),
        json.dumps({"id": "both", "text": WIRE, "html": HTML_RECORD}),
        json.dumps({"id": "last", "text": WIRE}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    got = [(i.source.removeprefix(str(path)), i.error.code if isinstance(i, ReadFailure) else "page")
           for i in items]
    assert got == [("#r1", "page"), (":2", "ND-E008"), ("#7", "page"), (":5", "ND-E008"), (":6", "ND-E008"),
                   (":7", "ND-E008"), ("#z", "ND-E003"), (":9", "ND-E008"), (":10", "ND-E008"), ("#last", "page")]
    first, html, last = (i for i in items if isinstance(i, Page))
    assert first.text == WIRE
    assert (first.reference_date, first.reference_date_source) == (dt.date(2022, 5, 22), "record")
    assert html.format == "html" and html.text == f"{FLOODS_BLOCKS[0][1]}\n\n{FLOODS_BLOCKS[2][1]}"
    assert (html.reference_date, html.reference_date_source) == (dt.date(2021, 6, 1), "page")
    assert (last.reference_date, last.reference_date_source) == (None, None)
    empty = next(i for i in items if isinstance(i, ReadFailure) and i.source.endswith("#z"))
    assert "line 8" in str(empty.error)
    assert all("\n" not in str(i.error) for i in items if isinstance(i, ReadFailure))


def test_jsonl_option_date_wins_over_record(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"id": 1, "text": WIRE, "date": "2022-05-22"}) + "\n", encoding="utf-8")
    page = read_one(path, ReadConfig(reference_date=dt.date(2019, 1, 1)))
    assert (page.reference_date, page.reference_date_source) == (dt.date(2019, 1, 1), "option")


def test_jsonl_limit_is_per_line(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "text": "w " * 300}) + "\n"
                    + json.dumps({"id": "short", "text": "Short wire copy."}) + "\n", encoding="utf-8")
    items = read_all(path, config=ReadConfig(max_bytes=200))
    assert [(i.source.removeprefix(str(path)), i.error.code if isinstance(i, ReadFailure) else "page")
            for i in items] == [(":1", "ND-E006"), ("#short", "page")]


def test_jsonl_without_records(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert fail_one(path).code == "ND-E003"


class CountingStream(io.BytesIO):
    """stdin that remembers how much was asked of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int | None] = []

    def read(self, size: int | None = -1) -> bytes:
        self.asked.append(size)
        return super().read(size)


def test_stdin_is_read_as_bytes() -> None:
    stream = CountingStream(WIRE.encode("cp1252", "replace"))
    [page] = read_all("-", stdin=stream)
    assert isinstance(page, Page) and page.source == STDIN_SOURCE
    assert page.text == WIRE.encode("cp1252", "replace").decode("cp1252")


def test_stdin_over_limit_reads_one_byte_past_it() -> None:
    stream = CountingStream(b"x" * 10_000)
    error = fail_one("-", config=ReadConfig(max_bytes=100), stdin=stream)
    assert error.code == "ND-E006" and error.source == STDIN_SOURCE
    assert stream.asked == [101] and stream.tell() == 101


def test_batch_keeps_input_order_and_goes_on(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.html"
    one.write_text(WIRE, encoding="utf-8")
    two.write_text(FLOODS, encoding="utf-8")
    items = read_all(one, "/missing.txt", "-", two, stdin=io.BytesIO(b""))
    assert [i.source for i in items] == [str(one), "/missing.txt", STDIN_SOURCE, str(two)]
    assert [type(i).__name__ for i in items] == ["Page", "ReadFailure", "ReadFailure", "Page"]


def test_bad_format_argument_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="fmt"):
        page_from_bytes("x", b"text", CONFIG, fmt="pdf")  # type: ignore[arg-type]


# -- hardening (issue 24): records with unencodable text, nearly-UTF-8 bytes, BOM-less UTF-16, deep HTML


def test_a_record_with_a_lone_surrogate_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        '{"id": "a", "text": "The ferry crews struck on Tuesday over pay."}',
        '{"id": "b", "text": "Bad \\ud800 text about the grain deal."}',  # JSON escape of a lone surrogate
        '{"id": "c\\udc00", "text": "Trains stopped at noon."}',
        '{"id": "d", "text": "The harbour reopened.", "url": "https://example.org/\\ud83d"}',
        '{"id": "e", "text": "The last report of the batch."}',
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_sources([str(batch)], ReadConfig()))
    assert [type(r).__name__ for r in results] == ["Page", "ReadFailure", "ReadFailure", "ReadFailure", "Page"]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [f.error.code for f in failures] == ["ND-E016"] * 3
    assert str(failures[0].error).startswith(f"[ND-E016] {batch}:2: record 2: its 'text' holds a lone surrogate")
    assert "'id'" in str(failures[1].error) and "'url'" in str(failures[2].error)
    for f in failures:  # the message itself must be writable anywhere (log, store, terminal)
        str(f.error).encode("utf-8")


def test_text_given_directly_with_a_lone_surrogate_is_refused_by_code() -> None:
    with pytest.raises(ReadError) as err:
        page_from_text("api", "Fine text \udfff and more", ReadConfig())
    assert err.value.code == "ND-E016" and "character 10" in str(err.value)


def test_nearly_utf8_bytes_are_read_as_utf8_with_replacement_and_flagged() -> None:
    text = "The minister’s plan – “a reset” – was dropped, café owners said. " * 4
    data = text.encode("utf-8") + b"Price: \x80 99.\n"  # one stray byte, as a bad copy-paste leaves
    page = page_from_bytes("mixed.txt", data, ReadConfig())
    assert page.text.startswith(text) and page.text.endswith("Price: \ufffd 99.\n")
    assert page.encoding == "utf-8-replaced"
    assert page.flags[0].kind == "encoding" and "1 undecodable bytes replaced" in (page.flags[0].detail or "")


def test_cp1252_text_is_still_read_as_cp1252() -> None:
    text = "Le président a déclaré à l’Élysée : « Nous irons jusqu’au bout. »"
    assert decode("fr.txt", text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_decoded(codec: str) -> None:
    text = "Ferry crews – the union said – will strike on Monday.\n" * 3
    assert decode("wide.txt", text.encode(codec)) == (text, codec)


def test_html_nested_ten_thousand_deep_keeps_its_text() -> None:
    body = ("<p>The ferry crews walked out on Tuesday after talks on pay broke down, the union said.</p>"
            "<p>Grain exports from the port resumed on Wednesday.</p>")
    for tag in ("div", "span"):
        html = f"<html><body>{f'<{tag}>' * 10_000}{body}{f'</{tag}>' * 10_000}</body></html>"
        page = page_from_html("deep.html", html, ReadConfig())
        assert "ferry crews walked out" in page.text and "Grain exports" in page.text


def test_html_whose_date_search_fails_still_gives_its_text() -> None:
    # htmldate's search trips over an SVG before the body: the text is read without metadata.
    body = "The council voted on Tuesday to close the north pier for four months of repairs to its supports."
    page = page_from_html("svg.html", f"<svg><span></span><p>{body}</p>", ReadConfig())
    assert body in page.text


def test_a_caption_with_control_characters_is_read() -> None:
    body = "The council voted on Tuesday to close the north pier for four months of repairs to its supports."
    html = (f"<html><body><article><p>{body}</p><figure><figcaption class=\"caption\">The pier&#1; at dusk"
            "</figcaption></figure><p>Ferries will use the south pier in the meantime, the council said.</p>"
            "</article></body></html>")
    page = page_from_html("caption.html", html, ReadConfig())
    assert body in page.text


def test_text_after_a_caption_with_control_characters_is_read() -> None:
    # Found by bench/fuzz.py (seed 3, input 4118): "&#4" after a hoisted caption is a control character lxml refuses.
    body = "The council voted on Tuesday to close the north pier for four months of repairs to its supports."
    html = (f"<html><body><p>{body}</p><figure><figcaption>The pier at dusk</figcaption>up &#4.5%, its ninth "
            "rise</figure><p>Ferries will use the south pier in the meantime, the council said.</p></body></html>")
    page = page_from_html("tail.html", html, ReadConfig())
    assert body in page.text
