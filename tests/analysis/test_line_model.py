"""The cleaner's learned line model (newsdesk.analysis.line_model) and the open byline slot, on invented pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.analysis.clean import CleanConfig, Cleaner
from newsdesk.analysis.line_model import CLASSES, LineView, folded_counts, line_features, load_line_model
from newsdesk.analysis.line_shapes import line_views, page_blocks
from newsdesk.errors import ConfigError
from newsdesk.model import Page
from newsdesk.text.credit import find_credit

PARAGRAPHS = [
    "The harbour authority said on Monday that the north pier would close for repairs after inspectors found "
    "cracks in two of its supports.",
    "Engineers expect the work to take about four months, and ferries will use the south pier in the meantime, "
    "the authority said.",
    "Local fishing crews, who land most of their catch at the north pier, said the closure would add an hour to "
    "every trip.",
    "The authority has set aside 3.2 million for the repairs, which it plans to fund from the port's reserve account.",
]


def _page(furniture: str) -> str:
    return ("Pier to close for repairs\n\n" + "\n\n".join(PARAGRAPHS[:2]) + f"\n\n{furniture}\n\n"
            + "\n\n".join(PARAGRAPHS[2:]) + "\n\nMore from the Courier\n")


def test_the_model_finds_furniture_no_rule_names_and_keeps_every_paragraph() -> None:
    # ("Get your daily briefing", an imperative calling the reader, is now the rules' own: a call to action;
    # so is "Your daily briefing", a label about nothing the story says: this one shares "pier" with it)
    text = _page("Your daily pier briefing")
    with_model = Cleaner()(Page("pier.txt", text))
    rules_only = Cleaner(CleanConfig(line_model=None))(Page("pier.txt", text))
    line = text.index("Your daily pier briefing")
    assert any(r.start == line and r.kind == "boilerplate" for r in with_model.removed)
    assert not any(r.start == line for r in rules_only.removed)
    for para in PARAGRAPHS:
        at = text.index(para)
        assert not any(r.start < at + len(para) and at < r.end for r in with_model.removed), para


def test_a_short_page_is_left_to_the_rules() -> None:
    # One line gives the model no page around it: furniture is told by its place among other lines.
    text = "Get our free app\nThe council met on Tuesday.\n"
    assert Cleaner()(Page("short.txt", text)).removed == Cleaner(CleanConfig(line_model=None))(
        Page("short.txt", text)).removed


def test_a_story_title_is_not_taken_for_a_teaser() -> None:
    text = _page("Repairs at the north pier")
    title = text.index("Pier to close for repairs")
    assert not any(r.start == title for r in Cleaner()(Page("pier.txt", text)).removed)


def test_probabilities_are_a_distribution_over_the_classes() -> None:
    model = load_line_model()
    views = line_views(page_blocks(Page("pier.txt", _page("Share via email"))))
    probs = model.probabilities(line_features(views, 3, folded_counts(views)))
    assert set(probs) == set(CLASSES) and abs(sum(probs.values()) - 1) < 1e-9
    assert max(probs, key=lambda c: probs[c]) == "boilerplate"


def test_features_see_place_and_repetition() -> None:
    views = [LineView("Share this"), LineView(PARAGRAPHS[0]), LineView("Share this")]
    feats = line_features(views, 0, folded_counts(views))
    assert "repeats=1" in feats and "from_top=0" in feats and "prev=edge" in feats


def test_an_unreadable_model_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "lines.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="ND-E011"):
        load_line_model(str(tmp_path))


@pytest.mark.parametrize(("line", "outlet"), [
    ("By Jane Doe, The Harbour Light", "The Harbour Light"),
    ("By Jane Doe, Quayside", "Quayside"),
    ("BY JANE DOE / HARBOUR LIGHT", "Harbour Light"),
    ("By Jane Doe / Harbour Light", "Harbour Light"),
    ("By Jane Doe, Kyiv", None),           # a place: where she writes from
    ("By Jane Doe, Ukraine", None),
    ("By Jane Doe, John Smith", None),     # a second writer
    ("By Jane Doe, Staff Writer", None),   # a role
    ("By Jane Doe, Jr.", None),
])
def test_a_byline_names_any_outlet_after_the_writer(line: str, outlet: str | None) -> None:
    credit = find_credit(line)
    assert (credit.outlets[0].name if credit else None) == outlet


@pytest.mark.parametrize(("line", "outlet"), [
    ("VIA HARBOUR LIGHT", "Harbour Light"),
    ("From Quayside:", "Quayside"),
    ("via WXYZ7 Harbourtown", "WXYZ7 Harbourtown"),
    ("via Harbour-Telegram", "Harbour-Telegram"),
    ("— WITH FILES FROM THE QUAYSIDE RECORD", "The Quayside Record"),
    ("From Kyiv:", None),          # a place
    ("via Jane Doe", None),        # may be a person: a hat tip
    ("From Monday:", None),
    ("From our correspondent:", None),
])
def test_a_whole_line_credit_names_an_outlet_in_no_list(line: str, outlet: str | None) -> None:
    credit = find_credit(line)
    assert (credit.outlets[0].name.casefold() if credit else None) == (outlet.casefold() if outlet else None)
