"""Paragraph units of one invented report, for the tests of credit sides and readings (`split_credits`)."""

from __future__ import annotations

from newsdesk.analysis.split_credits import SplitUnit

BODY = "The harbour authority said the north pier would close for repairs after inspectors found cracks. " * 3

#: One report of three paragraphs on a ferry service cut: the text the placement tests set other reports beside.
FERRY = ["The harbour authority said on Monday that the north pier ferry service would be cut to two crossings a "
         "day from June, blaming a shortage of crew and the rising price of fuel.",
         "Commuters who cross to the islands each morning said the change would add an hour to their journeys, and "
         "a petition against it had gathered four thousand names by the evening.",
         "The authority said it would review the timetable in the autumn once new crew had been trained, and that "
         "season tickets already sold would be honoured at the old price."]


def body_units(n: int) -> list[SplitUnit]:
    """`n` body paragraphs, a thousand characters apart."""
    return [SplitUnit(k * 1000, k * 1000 + len(BODY), BODY, "body") for k in range(n)]


def chars_before(units: list[SplitUnit]) -> list[int]:
    """The running count of characters before each unit, as the splitter keeps it."""
    out = [0]
    for unit in units:
        out.append(out[-1] + len(unit.text))
    return out
