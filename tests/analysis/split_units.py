"""Paragraph units of one invented report, for the tests of credit sides and readings (`split_credits`)."""

from __future__ import annotations

from newsdesk.analysis.split_credits import SplitUnit

BODY = "The harbour authority said the north pier would close for repairs after inspectors found cracks. " * 3


def body_units(n: int) -> list[SplitUnit]:
    """`n` body paragraphs, a thousand characters apart."""
    return [SplitUnit(k * 1000, k * 1000 + len(BODY), BODY, "body") for k in range(n)]


def chars_before(units: list[SplitUnit]) -> list[int]:
    """The running count of characters before each unit, as the splitter keeps it."""
    out = [0]
    for unit in units:
        out.append(out[-1] + len(unit.text))
    return out
