"""Named spans for the entity tests: a name's occurrence in an invented text, typed as the tagger would."""

from __future__ import annotations

from newsdesk.analysis.entities.page_types import Named


def named(text: str, name: str, kind: str, nth: int = 0) -> Named:
    """`name`'s `nth` occurrence in `text`, typed `kind`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Named(start, start + len(name), name, kind)
