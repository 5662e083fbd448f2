"""claims.finder: every numeric statement a reader might check, who makes it and what it is about.

    finder = ClaimFinder(ClaimConfig())
    claims = finder(text, stories, noise, quotes, entities)     # list[model.Claim], in page order

A claim is a figure together with what it counts: "50 to 100 Ukrainians are dying every day",
"more than 2,000 troops", "a 100,000-person city", "$3 billion", "40 per cent". For each one the
finder gives the bounds (`low`/`high`, None where the text leaves a side open), the period of a
rate (`per`), what is counted (`unit`), the kind, who claims it (`speaker`: the speaker of the
quote it sits in, X in "according to X" or "X said", a pronoun resolved to the story's latest
person), what it is about (`about`: the place or group it is counted in or for) and, when an
earlier claim of the page states the same figure about the same thing, that claim's id (`same_as`).

How it works, in one linear pass over the text:

1. **atoms** (`atoms`) — numerals ("100,000", "1.5", "3bn"), runs of number words ("two", "fifteen",
   "three hundred and forty", converted with `text2num`, a maintained library made for exactly
   this) and vague amounts ("dozens", "tens of thousands"). Each atom is checked against what is
   *not* a claim (dates, times, years, ages, ordinals, phone and street numbers, numbers inside
   names, page furniture, lists of numbers): every rule there says why it exists.
2. **figures** (`figures`) — atoms are joined into ranges ("50 to 100", "between 5 and 10", "50-100") and
   given their bounds from the words around them ("as many as", "more than", "or more"), their
   currency, percent sign, scale word and hyphenated compound ("100,000-person").
3. **what it counts and when** (`nouns`, `figures`) — the noun after the figure is the unit; a period after it ("a
   day", "every week", "daily") makes a rate; the span then runs from the first word of the figure
   to the end of the rate phrase (or the unit), so the span holds everything that makes the figure.
4. **who and what about** (`attribution`) — from the quotes, speech verbs and entity mentions around the figure.

Text rules, not a tagger: spaCy's CARDINAL/MONEY/PERCENT entities would need a second model (the
pipeline already runs its own NER) and still leave bounds, ranges, rates, units and the exclusions
to rules; `en_core_web_sm` also tags dates, ordinals and ages as CARDINAL, which these rules must
undo anyway.

Vague amounts follow one convention: a plural of N means at least two N, with no upper bound the
text commits to ("dozens" → 24..None, "hundreds" → 200..None, "tens of thousands" → 20,000..None,
"several hundred" → 300..None). That is the least the words can mean, so a reader checking the claim
can refute it with a smaller figure; a ceiling would be our guess, not the writer's statement.
Strict bounds ("fewer than 100") keep the stated figure as the bound: the schema has no strictness.

Beside those stages: `words` (the vocabulary they share), `page` (the page's sorted indexes), `config`
(the settings; `ClaimConfig` is re-exported from here) and this module (claims from figures, `same_as`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsdesk.analysis.claims.attribution import about_of, speaker_of
from newsdesk.analysis.claims.config import ClaimConfig
from newsdesk.analysis.claims.figures import find_figures
from newsdesk.analysis.claims.page import PageIndex
from newsdesk.analysis.claims.words import PERSON_UNITS
from newsdesk.model import Claim, Entity, Quote, Span, Story

__all__ = ["ClaimConfig", "ClaimFinder"]


class ClaimFinder:
    """Finds claims on one page; holds only its config, so one finder serves any number of pages."""

    def __init__(self, config: ClaimConfig | None = None) -> None:
        self.config = config or ClaimConfig()

    def __call__(self, text: str, stories: Sequence[Story], noise: Sequence[Span], quotes: Sequence[Quote],
                 entities: Sequence[Entity]) -> list[Claim]:
        page = PageIndex(text, stories, noise, quotes, entities)
        config = self.config
        figures = find_figures(text, page, config.max_digits, config.rate_window)
        claims: list[Claim] = []
        index: dict[tuple[object, ...], list[int]] = {}
        for fig in figures:
            speaker, speaker_text = speaker_of(text, page, fig, config.speaker_window)
            about = about_of(text, page, fig, config.about_window, config.about_sentences)
            claim = Claim(id=f"c{len(claims) + 1}", start=fig.start, end=fig.end, low=fig.low, high=fig.high,
                          story=page.story_of(fig.start), per=fig.per, unit=fig.unit, speaker=speaker,
                          speaker_text=speaker_text, about=about, kind=fig.kind)
            same = self._same_as(claim, claims, index)
            if same is not None:
                claim = dataclasses.replace(claim, same_as=same)
            for key in _value_keys(claim):
                index.setdefault(key, []).append(len(claims))
            claims.append(claim)
        return claims

    def _same_as(self, claim: Claim, earlier: list[Claim], index: dict[tuple[object, ...], list[int]]) -> str | None:
        """The first earlier claim stating the same figure about the same thing (see `_same_figure`)."""
        seen: set[int] = set()
        for key in _value_keys(claim):
            for j in index.get(key, [])[: self.config.same_as_scan]:
                if j in seen:
                    continue
                seen.add(j)
                other = earlier[j]
                if _same_figure(other, claim):
                    return other.same_as or other.id
        return None


def _family(claim: Claim) -> str:
    if claim.kind in {"money", "percent"}:
        return claim.kind + (claim.unit or "")
    return "count"


def _value_keys(claim: Claim) -> list[tuple[object, ...]]:
    """Keys under which a claim can meet an earlier one with the same figure: its stated bounds."""
    fam = _family(claim)
    return [(fam, claim.per, side, value) for side, value in (("low", claim.low), ("high", claim.high))
            if value is not None]


def _unit_class(unit: str | None) -> str | None:
    """People are counted under many names ("Ukrainians", "soldiers", "troops"): one class for all."""
    if unit is None:
        return None
    low = unit.lower()
    if low in PERSON_UNITS or (unit[0].isupper() and low.endswith(("ans", "ians", "ese", "ers", "is", "s"))):
        return "people"
    return low.rstrip("s")


def _same_figure(a: Claim, b: Claim) -> bool:
    """Same figure: every bound both state agrees, one bound at least is shared, the same period and
    the same kind of thing counted. Same subject: the same claimant, or the same place or group."""
    if a.per != b.per or _family(a) != _family(b):
        return False
    shared = 0
    for x, y in ((a.low, b.low), (a.high, b.high)):
        if x is not None and y is not None:
            if x != y:
                return False
            shared += 1
    if shared == 0:
        return False
    ua, ub = _unit_class(a.unit), _unit_class(b.unit)
    if ua != ub:
        return False
    return (a.speaker is not None and a.speaker == b.speaker) or (a.about is not None and a.about == b.about)
