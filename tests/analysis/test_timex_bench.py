"""The TempEval-3 bench's error classes (`bench.timex.error_class`, `score_doc`'s counts), on invented values
and an invented sentence: what the bench reports when it groups the development files' errors.

* a wrong value is told by what went wrong: a duration for a point, a TimeML reference, another count,
  a part left unknown on one side only, another granularity, the other side of the document's date
  (`direction`), or on the same side another year or another day (`anchor`);
* an expression the finder missed, one it added and one whose extent differs are counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from bench.timex import Gold, Tally, error_class, score_doc

#: The document's date in these tests: Wednesday 30 September 2026.
DCT = dt.date(2026, 9, 30)


@pytest.mark.parametrize("gold, system, kind", [
    ("2026-09-23", None, "no value"),
    ("P1W", "2026-W39", "duration or point"),
    ("PAST_REF", "PXM", "reference"),
    ("P3Y", "P1Y", "count"),
    ("P2Q", "P6M", "granularity"),
    ("2026-WXX", "2026-W39", "unknown part"),
    ("2026-09-25", "2026-W39", "granularity"),
    ("2026-09-25", "2026-09-25TNI", "granularity"),
    # a Friday read as the coming one when the last one was meant
    ("2026-09-25", "2026-10-02", "direction"),
    ("2026-01", "2027-01", "direction"),
    # both in the past, counted from another day or in another year
    ("2026-09-21", "2026-09-14", "anchor"),
    ("2025-Q3", "2024-Q3", "year"),
])
def test_a_wrong_value_is_classed_by_what_went_wrong(gold: str, system: str | None, kind: str) -> None:
    assert error_class(gold, system, DCT) == kind


def test_without_a_document_date_a_point_off_is_a_year_or_an_anchor() -> None:
    assert error_class("2026-09-25", "2026-10-02", None) == "anchor"
    assert error_class("2025-09", "2026-09", None) == "year"


def test_misses_extras_and_extents_are_counted_apart() -> None:
    text = "The ferry left on Friday night and returned two days later, officials said last week."
    friday = text.index("Friday")
    golds = [Gold(friday, friday + len("Friday"), "DATE", "2026-09-25"),
             Gold(text.index("last week"), text.index("last week") + 9, "DATE", "2026-W39")]
    two_days = text.index("two days")
    found: list[tuple[int, int, str, str | None]] = [
        (friday, friday + len("Friday night"), "TIME", "2026-09-25TNI"),
        (two_days, two_days + len("two days"), "DURATION", "P2D"),
    ]
    classes: Counter[str] = Counter()
    errors: list[str] = []
    tally = Tally()
    score_doc(text, golds, found, tally, errors, DCT, classes)
    assert classes == Counter({"extent": 1, "value: granularity": 1, "missed": 1, "extra": 1})
    assert (tally.gold, tally.system, tally.relaxed, tally.strict) == (2, 2, 1, 0)
    assert len(errors) == 3
