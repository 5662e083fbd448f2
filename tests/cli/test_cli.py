"""The `newsdesk` command end to end: JSON contract, batches, bad input, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli.main import main
from newsdesk.cli.terminal import PIPE_WIDTH, Screen

PAGE = (
    "PRAGUE, March 3 (Reuters) - Czech farmers drove hundreds of tractors into the centre of the capital on\n"
    "Friday to protest against cheap imports and new environmental rules, blocking traffic for hours.\n"
    "Police said about 2,000 tractors took part and that the protest passed off peacefully.\n"
    "“We cannot compete with grain that is produced without any of the rules we must follow,” one farmer "
    "told Reuters.\n"
    "The agriculture ministry said it would meet farmers' unions next week.\n"
    "Leave a comment\n"
)


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        code = main(args, stdout=out, stderr=err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def test_json_follows_the_contract(tmp_path: Path) -> None:
    page = tmp_path / "farmers.txt"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = run(["analyze", str(page), "--json", "--reference-date", "2023-03-04"])
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["schema"] == "newsdesk.analysis/1"
    assert data["text"] == PAGE and data["source"] == str(page)
    assert data["reference_date"] == "2023-03-04"
    for key in ("removed", "structure", "flags", "stories", "entities", "quotes", "claims", "times", "events"):
        assert isinstance(data[key], list)
    [story] = data["stories"]
    assert story["origin"] == "Reuters"
    assert story["dateline"] == {"start": 0, "end": 27, "place": "Prague", "date": "2023-03-03", "agency": "Reuters"}
    assert [PAGE[r["start"]:r["end"]] for r in data["removed"]] == ["Leave a comment"]
    for item in data["removed"] + data["structure"] + data["flags"] + data["stories"]:
        assert 0 <= item["start"] <= item["end"] <= len(PAGE)


def test_batch_keeps_order_and_reports_failures(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    code, out, err = run(["analyze", str(good), str(empty), str(missing), str(good), "--json"])
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in records] == [str(good), str(empty), str(missing), str(good)]
    assert "error" in records[1] and "error" in records[2]
    assert records[0]["schema"] == records[3]["schema"] == "newsdesk.analysis/1"
    assert "2 of 4 inputs failed" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00\x00", "binary"),
])
def test_a_single_bad_page_is_one_line_and_non_zero(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(["analyze", str(path)])
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(path) in err and problem in err.lower()


def test_missing_path_names_it(tmp_path: Path) -> None:
    code, _, err = run(["analyze", str(tmp_path / "nope.txt")])
    assert code == 1 and "nope.txt" in err and "ND-E001" in err


def test_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(["analyze", "-", "--reference-date", "22/05/2022"], stdin=PAGE.encode())
    assert code == 2 and "YYYY-MM-DD" in err


def test_no_input_is_a_usage_error() -> None:
    code, _, err = run(["analyze"])
    assert code == 2 and "PAGE" in err


def test_stdin(tmp_path: Path) -> None:
    code, out, err = run(["analyze", "-", "--json"], stdin=PAGE.encode())
    assert code == 0, err
    assert json.loads(out)["stories"][0]["origin"] == "Reuters"


def test_terminal_view_marks_stories_and_noise(tmp_path: Path) -> None:
    page = tmp_path / "farmers.txt"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = run(["analyze", str(page), "--no-color"])
    assert code == 0
    assert "story 1 [Reuters]" in out and "dateline Prague" in out and "Leave a comment" in out
    # Piped, the marks colour would show are written in brackets, and no escape code is left.
    assert "[noise, " in out and "\x1b" not in out


def test_every_command_piped_is_plain_and_fits_the_width(tmp_path: Path) -> None:
    page = tmp_path / "farmers.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = str(tmp_path / "desk.db")
    assert run(["ingest", str(page), "--db", db])[0] == 0
    code, out, _ = run(["search", "tractors", "--db", db, "--json"])
    page_id = json.loads(out.splitlines()[0])["page_id"]
    for argv in (["analyze", str(page)], ["status"], ["search", "tractors"], ["show", page_id],
                 ["entity", "Prague"], ["events"], ["reuse", page_id], ["report", "tractors"]):
        if argv[0] != "analyze":
            argv = [*argv, "--db", db]
        code, out, _ = run(argv)
        assert code == 0, argv
        assert "\x1b" not in out, argv
        widest = max((len(line) for line in out.splitlines()), default=0)
        assert widest <= PIPE_WIDTH, (argv, widest)
    code, out, _ = run(["analyze", str(page), "--color", "always"])
    assert "\x1b[" in out  # asked for: colour even into a pipe


def test_no_color_wins_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert Screen.of(Tty(), "auto").color
    monkeypatch.setenv("NO_COLOR", "1")
    assert not Screen.of(Tty(), "auto").color and Screen.of(Tty(), "always").color
    assert Screen.of(io.StringIO(), "auto").width == PIPE_WIDTH


def test_sample_runs_through_the_installed_command() -> None:
    exe = Path(sys.executable).with_name("newsdesk")
    if not exe.exists():
        pytest.skip("the newsdesk console script is not installed next to this Python")
    result = subprocess.run([str(exe), "analyze", "--sample", "--json"], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"].endswith("sample_page.txt") and len(data["stories"]) >= 2


def test_entities_only(tmp_path: Path) -> None:
    page = tmp_path / "farmers.txt"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = run(["analyze", str(page), "--entities-only", "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"source", "entities"}
    prague = [e for e in data["entities"] if e["label"] == "Prague"]
    assert prague and prague[0]["type"] == "PLACE" and prague[0]["country"] == "CZ"
    code, out, err = run(["analyze", str(page), "--entities-only", "--no-color"])
    assert code == 0 and "Prague" in out and "PLACE" in out
