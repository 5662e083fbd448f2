"""Shared by the time tests: the time expressions found in invented text read as one story, by their words."""

from __future__ import annotations

import datetime as dt

from newsdesk.analysis.times.finder import TimeFinder
from newsdesk.model import Story, TimeExpression

#: The page's date in most time tests: Friday 25 October 2030.
FRIDAY = dt.date(2030, 10, 25)


def times_by_words(finder: TimeFinder, text: str, reference: dt.date = FRIDAY) -> dict[str, TimeExpression]:
    """Each time expression found in `text` (one story, no noise), keyed by the words it covers."""
    found = finder(text, [Story(0, len(text))], [], reference)
    return {text[t.start:t.end]: t for t in found}
