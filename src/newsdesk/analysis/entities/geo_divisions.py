"""geo_divisions: when a place name means its first-level division rather than the city, country or town the
name means on its own ("New York Gov. Kathy Hochul", "Bronx, New York", "Ohio, Texas and New York").

A name shared by a first-level division and a larger or better-known namesake (New York the city and the state,
Washington the capital and the state, Georgia the country and the US state) is read on its own as the namesake.
The text often says otherwise, by one of three classes of evidence, each grammatical rather than a list of names:

* a **role word** next to the name that only a division has: a governor, a state or statehouse
  ("New York Gov. X", "the Georgia governor", "Washington state", "the governor of Texas"). Against a city
  reading (never a country's) the offices a state has and a city has not count too: a legislature, a state
  senate, an attorney general, a court, the National Guard ("a New York court");
* a **qualifier**: the second of two names joined by a comma, the first of which lies inside it or is unknown
  ("Bronx, New York", "Camp Murray, Washington"): a writer names the division a place lies in, not a city;
* a **list** of names joined by commas and "and"/"or", most of whose other members read as first-level
  divisions ("California or Washington", "Ohio, Texas and New York"): a writer lists like with like.
  The division is then taken in the country of the listed ones.

`division_readings` says which mentions are divisions and why; `newsdesk.analysis.entities.linker` then gives
them the division's point (per mention: "New York Gov." and "in New York" on one page are two places).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdesk.analysis.entities.places import SUPPLEMENT_PREFIX, PlaceLike

#: Offices and words only a first-level division has, after its name ("New York Gov.", "Washington state",
#: "the Texas governor's office"): they turn any other reading, a country's included, into the division.
_DIVISION_ONLY_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:Lt\.\s+)?(?:Gov\.|(?:Governor|governor|gubernatorial|statehouse|Statehouse|"
    r"[Ss]tate(?![- ](?:Department|Dept|of the Union|media|[Tt]elevision|TV|[Nn]ews|[Uu]niversity|[Cc]ollege)))\b)")
#: ... and before it ("the governor of New York").
_DIVISION_ONLY_BEFORE = re.compile(r"\b(?:[Gg]overnor|[Gg]ov\.) of (?:the )?$")
#: Words before a name that make it a division rather than a city, never rather than a country ("the state of
#: Washington", but "the state of Israel", "the territory of Georgia" are countries).
_STATE_BEFORE = re.compile(r"\b(?:[Ss]tate|[Pp]rovince) of (?:the )?$")
#: Offices a state has and a city has not: they turn a city's reading into the division's, never a country's
#: (a country has a senate and courts too).
_STATE_OFFICE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:Sen\.|(?:[Ll]egislature|[Ll]egislators|[Ll]awmakers|[Ss]enate|[Ss]enators?|"
    r"[Aa]ssembly(?:man|woman)?|[Aa]ttorney [Gg]eneral|AG|[Ss]upreme [Cc]ourt|[Cc]ourts?|[Jj]udge|[Nn]ational [Gg]uard|"
    r"[Cc]ongressional|[Cc]ongress(?:man|woman))\b)")
#: What joins the members of a list of places: a comma, "and"/"or", or both ("Ohio, Texas, and New York").
_LIST_JOIN = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+")
#: What joins a place and its qualifier: a comma.
_QUALIFIER_JOIN = re.compile(r"\s*,\s*")
#: A list whose other members read as first-level divisions in more than this share is a list of divisions.
LIST_DIVISION_SHARE = 0.5
#: Kinds of reading that a state's offices (`_STATE_OFFICE_AFTER`) turn into the division.
_TOWN_KINDS = frozenset({"city", "district", "place"})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place mention as `division_readings` reads it: where it is, the name, its story, and its reading on the
    page (None: left unresolved or unknown)."""

    start: int
    end: int
    name: str
    story: int
    reading: PlaceLike | None


@dataclass(frozen=True, slots=True)
class DivisionReading:
    """A mention read as a first-level division: the mention's index, the division, and why."""

    index: int
    place: PlaceLike
    why: str


def is_division(place: PlaceLike | None) -> bool:
    """A first-level division of a country: a region with a country that the supplement does not define by its
    members (Donbas, the Middle East are groupings, not divisions)."""
    return (place is not None and place.kind == "region" and place.country is not None
            and not place.id.startswith(SUPPLEMENT_PREFIX))


DivisionOf = Callable[[str, str | None], PlaceLike | None]
"""The first-level division a name may mean, in a country when one is given (`Gazetteer.division`)."""
Within = Callable[[str, PlaceLike], PlaceLike | None]
"""The place a name means inside a division (`Gazetteer.resolve_within`)."""


def role_cue(text: str, start: int, end: int, reading: PlaceLike | None) -> str | None:
    """Why the words next to the mention at `start:end` make it a first-level division, or None."""
    after = text[end:end + 40]
    if _DIVISION_ONLY_AFTER.match(after) or _DIVISION_ONLY_BEFORE.search(text[max(0, start - 30):start]):
        return "first-level division: a governor or a state is named with it"
    if (reading is not None and reading.kind in _TOWN_KINDS) and (
            _STATE_OFFICE_AFTER.match(after) or _STATE_BEFORE.search(text[max(0, start - 30):start])):
        return "first-level division: named as a state or with an office only a state has"
    return None


def _runs(text: str, mentions: Sequence[PlaceMention]) -> list[list[int]]:
    """Runs of mentions in one story joined by list words (commas, "and", "or"), in text order."""
    runs: list[list[int]] = []
    for i, m in enumerate(mentions):
        if runs and (prev := mentions[runs[-1][-1]]).story == m.story and prev.end <= m.start \
                and _LIST_JOIN.fullmatch(text[prev.end:m.start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if len(run) >= 2]


def division_readings(text: str, mentions: Sequence[PlaceMention], division_of: DivisionOf,
                      within: Within) -> list[DivisionReading]:
    """The mentions (in text order) the text says are first-level divisions, each with its division and why.
    A mention already read as a division is left alone; a name with no division of its name is never one."""
    out: dict[int, DivisionReading] = {}
    for i, m in enumerate(mentions):
        if is_division(m.reading):
            continue
        why = role_cue(text, m.start, m.end, m.reading)
        if why is not None and (place := division_of(m.name, None)) is not None:
            out[i] = DivisionReading(i, place, why)
    for run in _runs(text, mentions):
        if len(run) == 2 and _QUALIFIER_JOIN.fullmatch(text[mentions[run[0]].end:mentions[run[1]].start]):
            inner, outer = mentions[run[0]], mentions[run[1]]
            if run[1] in out or outer.reading is None or outer.reading.kind in ("region", "country", "continent"):
                continue  # a country or a division qualifies as it is ("Paris, France"); an unknown name is no division
            place = division_of(outer.name, None)
            # "Bronx, New York": the first lies inside the second's division (or is a place no gazetteer knows).
            if place is not None and (inner.reading is None or within(inner.name, place) is not None):
                out[run[1]] = DivisionReading(run[1], place, "first-level division: it qualifies the place before it")
            continue
        for i in run:
            if i in out or is_division(mentions[i].reading):
                continue
            others = [mentions[j].reading for j in run if j != i]
            divisions = [p for p in others if p is not None and is_division(p)]
            if len(divisions) <= LIST_DIVISION_SHARE * len(others):
                continue
            # the listed divisions' most common country (the first named of equals, for a stable answer)
            country = max(dict.fromkeys(p.country for p in divisions),
                          key=lambda c: sum(p.country == c for p in divisions))
            place = division_of(mentions[i].name, country)
            if place is not None:
                out[i] = DivisionReading(i, place, "first-level division: listed with divisions")
    return [out[i] for i in sorted(out)]


__all__ = ["LIST_DIVISION_SHARE", "DivisionReading", "PlaceMention", "division_readings", "is_division", "role_cue"]
