"""report.claims: when two claims are about the same thing (`same_thing`), and when their figures
disagree (`disagreement`).

"The same thing": the same kind of figure (counts with counts, money in one currency, percentages),
the same period for a rate, the same unit ("people" and "person" agree; "people" and "soldiers" do
not), the same thing counted for (the `about` entity when both name one; otherwise a person, place or
organisation both sentences name), the same predicate (a content word shared by the two clauses
around the figures, `predicate_stems`: "killing nine people" and "14 people were killed" share "kill";
"were injured" does not), and dates at most `ReportConfig.claim_days` apart. They disagree when their
ranges, each widened by `ReportConfig.tolerance` (relative), do not overlap: "nine" and "at least 14"
disagree, "about 100" and "98" do not.
"""

from __future__ import annotations

import re

from newsdesk.model import Claim
from newsdesk.report.config import ReportConfig
from newsdesk.report.items import ClaimItem
from newsdesk.report.sentences import WORD, stem

# Where a clause ends inside a sentence: the predicate of a figure is looked for between these.
_CLAUSE_BREAK = re.compile(r"[,;:—–()\"“”]|\s-\s")
# Stems of the verbs and nouns that report speech ("said", "according to", "officials told"): shared by
# claims about anything, so never what makes two claims about the same thing.
_SPEECH = frozenset("said say told tell add according report claim stat announc confirm estimat official "
                    "spokesman spokeswoman spokesperson".split())
# Nouns that say where, as names do ("killed in the city", "a city of 1.5 million"): not what is counted.
_WHERE = frozenset("city town village country region area capital district province state nation border".split())


def same_thing(a: ClaimItem, b: ClaimItem, config: ReportConfig | None = None) -> bool:
    """Whether two claims count the same thing at the same time (the module docstring says how)."""
    config = config or ReportConfig()
    if set(a.sentence.sources) & set(b.sentence.sources) or _family(a) != _family(b) or a.per != b.per:
        return False  # two figures of one sentence ("20 of the 27 members") are two things
    if unit_key(a.unit) != unit_key(b.unit) or a.unit is None:
        return False
    if a.date is None or b.date is None or abs((a.date - b.date).days) > config.claim_days:
        return False
    if a.about is not None and b.about is not None:
        if a.about != b.about:
            return False
    elif not (a.entities & b.entities):
        return False
    return bool(a.predicate & b.predicate)


def disagreement(a: ClaimItem, b: ClaimItem, tolerance: float) -> float | None:
    """How far apart two figures are, relative to the larger, when their ranges (widened by `tolerance`)
    do not overlap; None when they agree."""
    a_low, a_high = a.low, a.high
    b_low, b_high = b.low, b.high
    if (a_low is None and a_high is None) or (b_low is None and b_high is None):
        return None
    a_lo, a_hi = _widen(a_low, a_high, tolerance)
    b_lo, b_hi = _widen(b_low, b_high, tolerance)
    if a_lo <= b_hi and b_lo <= a_hi:
        return None
    gap = b_lo - a_hi if b_lo > a_hi else a_lo - b_hi
    scale = max(abs(v) for v in (a_low, a_high, b_low, b_high) if v is not None)
    return gap / scale if scale else 0.0


def thing_counted(a: ClaimItem, b: ClaimItem) -> str:
    """What two claims about the same thing count, in words: the unit, and the predicate they share."""
    words = sorted(a.predicate & b.predicate)
    unit = a.unit or b.unit or "figure"
    return f"{unit} ({', '.join(words[:3])})" if words else unit


def predicate_stems(text: str, lo: int, hi: int, claim: Claim, *, claims_speaker: str | None) -> frozenset[str]:
    """The content stems of the clause around a figure: lower-case words only (names, places and days
    say where and when, which the entities and dates compare; the predicate is what happened), stop
    words, numbers, the unit, speech verbs and the words naming the claimant left out ("officials said"
    is in many clauses and says nothing of what is counted)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    left = max((p + 1 for p in breaks if p < claim.start), default=lo)
    right = min((p for p in breaks if p >= claim.end), default=hi)
    unit = unit_key(claim.unit)
    speaker = {stem(w) for w in WORD.findall(claims_speaker.casefold())} if claims_speaker else set()
    words = WORD.findall(text[left:claim.start] + " " + text[claim.end:right])
    stems = {stem(w) for w in words if w.islower() and w not in STOP_WORDS and len(w) > 2}
    return frozenset(stems - speaker - _SPEECH - _WHERE - {unit})


def unit_key(unit: str | None) -> str | None:
    """A unit with case and a plural ending folded: "People" and "people", "person" and "persons"."""
    if unit is None:
        return None
    low = unit.casefold().strip()
    return {"people": "person", "men": "man", "women": "woman", "children": "child"}.get(low, stem(low))


def _widen(low: float | None, high: float | None, tolerance: float) -> tuple[float, float]:
    lo = low * (1 - tolerance) if low is not None else float("-inf")
    hi = high * (1 + tolerance) if high is not None else float("inf")
    return lo, hi


def _family(c: ClaimItem) -> str:
    """Counts (exact, ranges, bounds, vague amounts) compare with each other; money, percentages and
    populations each only with their own kind."""
    return c.kind if c.kind in ("money", "percent", "population") else "count"


__all__ = ["disagreement", "predicate_stems", "same_thing", "thing_counted", "unit_key"]
