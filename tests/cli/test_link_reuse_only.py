"""`newsdesk link --reuse-only`: the copied passages are stored and shown, no event cluster is made and
the pages wait for the next `newsdesk link`, which clusters their events (issue 26). Invented pages:
one story copied whole by a second site, and an unrelated page."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newsdesk.cli.main import main
from newsdesk.store import open_store
from tests.jobs.test_link_entityless import OTHER, STORY, analysis


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_reuse_only_links_passages_and_leaves_events_to_the_next_link(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    with open_store(db) as store:
        ids = store.add([analysis(1, STORY, named=True), analysis(2, f"{OTHER}\n\n{STORY}"), analysis(3, OTHER)])

    code, out, _ = run(["link", "--reuse-only", "--db", db, "--json"])
    summary = json.loads(out)
    assert code == 0 and summary["pages"] == 3 and summary["passages"] >= 1
    assert (summary["entities"], summary["clusters"]) == (0, 0)
    code, out, _ = run(["reuse", ids[0], "--db", db, "--json"])
    assert code == 0 and {p["other"]["page_id"] for p in json.loads(out)["passages"]} == {ids[1]}
    code, out, _ = run(["events", "--db", db, "--json"])
    assert code == 0 and out == ""

    code, out, _ = run(["link", "--db", db, "--json"])
    summary = json.loads(out)
    assert code == 0 and summary["pages"] == 3 and summary["passages"] == 0, "events only: nothing aligned again"
    assert summary["clusters"] >= 1 and summary["entities"] == 1
    code, out, _ = run(["events", "--db", db, "--json"])
    clustered = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {page["page_id"] for c in clustered for page in c["pages"]} == set(ids)
    code, out, _ = run(["link", "--db", db, "--json"])
    assert json.loads(out)["pages"] == 0


def test_the_terminal_line_says_the_events_are_left_for_later(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    with open_store(db) as store:
        store.add([analysis(1, STORY), analysis(2, f"{OTHER}\n\n{STORY}")])
    code, out, _ = run(["link", "--reuse-only", "--db", db, "--no-progress", "--color", "never"])
    said = " ".join(out.split())  # the line is wrapped to the terminal's width
    assert code == 0 and "linked 2 pages" in said and "for reuse only" in said and "1 shared passages" in said
    assert "left for the next newsdesk link" in said
    code, out, _ = run(["link", "--db", db, "--no-progress", "--color", "never"])
    said = " ".join(out.split())
    assert code == 0 and "linked 2 pages" in said and "event clusters touched" in said
