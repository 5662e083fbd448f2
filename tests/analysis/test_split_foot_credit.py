"""A credit line at the page's foot signs the last story: a cut inside it needs more than a topic shift."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.split import Splitter
from newsdesk.model import Page

HARBOUR = [
    "The harbour authority closed the north pier on Monday after inspectors found cracks in its pilings. "
    "The authority said the closure would stay in force until a full survey of the structure was complete.",
    "Engineers said repairs to the pier would take at least six weeks and cost the port several million. "
    "They expect divers to start work on the damaged pilings as soon as the spring tides have passed.",
    "Fishing crews that tie up at the pier were told to use the south quay until the work is finished.",
]
SCHOOL = [
    "Parents at Millbrook primary school voted on Tuesday to keep the longer lunch break for another year.",
    "The head teacher said the vote showed that families valued time outdoors for the younger pupils. "
    "Teachers had argued that a shorter break would leave more time for reading in the afternoons.",
    "A second ballot on uniforms will be held after the summer holidays, the school board announced. "
    "Families can send their views on the proposed blazers to the board before the end of the month.",
]


class OneShift:
    """A topic model that sees a shift of `strength` before the fourth block only."""

    def __init__(self, strength: float) -> None:
        self.strength = strength

    def scores(self, blocks: Sequence[str], known: Collection[int] = ()) -> list[float]:
        return [self.strength if k == 3 else 0.0 for k in range(1, len(blocks))]


def _stories(paragraphs: list[str], strength: float) -> list[str]:
    text = "\n\n".join(paragraphs) + "\n"
    page = Page("p", text)
    return [text[s.start:s.end] for s in Splitter(OneShift(strength))(page, Cleaner()(page))]


def test_a_middling_topic_shift_cuts_an_unsigned_page() -> None:
    assert len(_stories([*HARBOUR, *SCHOOL], 0.8)) == 2


def test_a_credit_at_the_foot_holds_a_middling_shift_above_it() -> None:
    stories = _stories([*HARBOUR, *SCHOOL, "This article first appeared on The Harbour Times."], 0.8)
    assert len(stories) == 1
    assert stories[0].startswith("The harbour authority")


def test_a_strong_shift_still_cuts_above_a_foot_credit() -> None:
    assert len(_stories([*HARBOUR, *SCHOOL, "This article first appeared on The Harbour Times."], 1.0)) == 2
