"""The CLI as the writer of a pipe (issue 27): every command piped is plain text within the width, a
reader that goes away (`| head`) ends the command quietly, and progress bars are drawn on a terminal
only, on stderr."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli.links import unlinked_count
from newsdesk.cli.main import main
from newsdesk.cli.terminal import CLOSED_PIPE_STATUS, PIPE_WIDTH, JobProgress, reader_gone
from newsdesk.errors import ReadError, ReadFailure
from newsdesk.jobs.link import link_pages
from newsdesk.model import Analysis
from newsdesk.store import open_store
from tests.corpus_pages import KYIV_REUTERS

#: Failures enough for `status --failures` to write far more than a pipe holds (64 KiB on Linux).
FAILURES = 2_000


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class ClosedAfter(io.StringIO):
    """A pipe whose reader reads `keep` characters, then goes away (as `head -c` would)."""

    def __init__(self, keep: int) -> None:
        super().__init__()
        self.keep = keep

    def write(self, text: str) -> int:
        if self.tell() + len(text) > self.keep:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def run(argv: list[str], out: io.StringIO | None = None, err: io.StringIO | None = None) -> tuple[int, str, str]:
    out = out if out is not None else io.StringIO()
    err = err if err is not None else io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _store(path: Path, analyses: dict[str, Analysis], *, linked: bool) -> Path:
    failures = [ReadFailure(f"feed.jsonl#{i}", ReadError(f"feed.jsonl#{i}", "ND-E003", f"is empty (line {i + 1})"))
                for i in range(FAILURES)]
    with open_store(path) as store:
        store.add(list(analyses.values()), failures)
        if linked:
            link_pages(store)
    return path


@pytest.fixture
def desk(tmp_path: Path, analyses: dict[str, Analysis]) -> Path:
    """The invented Kyiv, Kiev and Halden reports, linked, and many failed inputs."""
    return _store(tmp_path / "desk.db", analyses, linked=True)


def _commands(desk: Path, tmp_path: Path) -> list[list[str]]:
    page = tmp_path / "kyiv.txt"
    page.write_text(KYIV_REUTERS, encoding="utf-8")
    _, out, _ = run(["search", "Zelenskiy", "--db", str(desk), "--json"])
    page_id = json.loads(out.splitlines()[0])["page_id"]
    db = ["--db", str(desk)]
    return [["analyze", str(page)], ["analyze", str(page), "--entities-only"], ["show", page_id, *db],
            ["search", "Zelenskiy", *db], ["search", "--entity", "Zelenskiy", *db], ["entity", "Zelenskiy", *db],
            ["reuse", page_id, *db], ["status", "--failures", "20", *db], ["events", *db],
            ["report", "Zelenskiy", *db], ["link", *db]]


def test_every_command_piped_is_plain_and_fits_the_width(desk: Path, tmp_path: Path) -> None:
    for argv in _commands(desk, tmp_path):
        code, out, err = run(argv)
        assert code == 0, (argv, err)
        assert out.strip(), argv
        assert "\x1b" not in out and "\x1b" not in err, argv
        widest = max(len(line) for line in out.splitlines())
        assert widest <= PIPE_WIDTH, (argv, widest)


def test_on_a_narrow_terminal_every_line_fits_it(desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    for argv in _commands(desk, tmp_path):
        code, out, err = run([*argv, "--color", "never"], out=Tty())
        assert code == 0, (argv, err)
        assert "\x1b" not in out, argv
        widest = max(len(line) for line in out.splitlines())
        assert widest <= 60, (argv, widest)


def test_a_reader_gone_ends_every_command_quietly(desk: Path, tmp_path: Path) -> None:
    for argv in [*_commands(desk, tmp_path), ["export", "--format", "jsonl", "--db", str(desk)]]:
        if argv[0] == "link":
            continue  # writes one line, after its work
        code, _, err = run(argv, out=ClosedAfter(keep=20))
        assert code == CLOSED_PIPE_STATUS, (argv, err)
        assert err == "", argv  # no traceback, no message: the reader chose to stop


def test_piped_into_head_the_command_ends_with_the_status_of_a_closed_pipe(desk: Path) -> None:
    """The real thing: a process writing more than a pipe holds, its reader `head -1`. Without the
    handling, Python prints a BrokenPipeError traceback (and another one at exit, flushing stdout)."""
    writer = subprocess.Popen([sys.executable, "-m", "newsdesk.cli.main", "status", "--failures", str(FAILURES),
                               "--db", str(desk)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout is not None
    head = subprocess.run(["head", "-1"], stdin=writer.stdout, capture_output=True, text=True, timeout=120)
    writer.stdout.close()  # only head reads it: when head exits, the pipe has no reader left
    _, err = writer.communicate(timeout=120)
    assert head.stdout.startswith(str(desk)) and head.stdout.count("\n") == 1
    assert err.decode() == ""
    assert writer.returncode == CLOSED_PIPE_STATUS == 141


def test_only_a_pipe_with_no_reader_counts_as_the_reader_gone() -> None:
    """Another BrokenPipeError (a worker's pipe, a connection) is a failure, reported as one."""
    for close_reader in (True, False):
        read, write = os.pipe()
        if close_reader:
            os.close(read)
        with os.fdopen(write, "w") as stream:
            assert reader_gone(stream) is close_reader
        if not close_reader:
            os.close(read)


def test_progress_is_drawn_on_a_terminal_only(tmp_path: Path, analyses: dict[str, Analysis]) -> None:
    db = str(_store(tmp_path / "desk.db", analyses, linked=False))
    with open_store(db) as store:
        assert unlinked_count(store) == len(analyses)  # link's total, for its time left

    code, _, err = run(["link", "--db", db], err=Tty())
    assert code == 0
    assert f"/{len(analyses)} pages" in err and "pages/s" in err and "left" in err
    with open_store(db) as store:
        assert unlinked_count(store) is None  # all linked: no total to show

    exported = str(tmp_path / "pages.jsonl")
    code, _, err = run(["export", "--format", "jsonl", "-o", exported, "--db", db], err=Tty())
    assert code == 0 and "export pages" in err and f"{len(analyses)}/{len(analyses)} pages" in err
    code, _, err = run(["export", "--format", "geojson", "-o", exported, "--db", db], err=Tty())
    assert code == 0 and "export places" in err and "export pages" in err
    code, _, err = run(["report", "Zelenskiy", "--db", db], err=Tty())
    assert code == 0 and "report: reading up to 200 pages" in err

    # Off a terminal, or asked not to: the result alone.
    for argv in (["export", "--format", "jsonl", "-o", exported, "--db", db],
                 ["report", "Zelenskiy", "--db", db], ["link", "--db", db]):
        code, _, err = run(argv)
        assert code == 0 and "━" not in err and "/s" not in err, argv
        code, _, err = run([*argv, "--no-progress"], err=Tty())
        assert code == 0 and "━" not in err and "/s" not in err, argv
    # Exported to a terminal, the lines would mix with the bar's: no bar.
    code, _, err = run(["export", "--format", "jsonl", "--db", db], out=Tty(), err=Tty())
    assert code == 0 and err == ""


def test_off_a_terminal_a_long_job_writes_a_line_now_and_then() -> None:
    err = io.StringIO()
    with JobProgress(err, "link", "pages", 4, live=False, log_every=0.0) as bar:
        bar.update(1)
        bar.update(2, rate=2.0)
        bar.update(6)  # more than the estimate: the count goes on, without an end
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("link: 1/4 pages · 25%")
    assert lines[1] == "link: 2/4 pages · 50% · 2.0 pages/s · 0:00:01 left"
    assert re.match(r"link: 6 pages · [\d.]+ pages/s$", lines[2])
    quiet = io.StringIO()
    with JobProgress(quiet, "export", "pages", 4, live=False) as bar:
        bar.update(4)
    assert quiet.getvalue() == ""
