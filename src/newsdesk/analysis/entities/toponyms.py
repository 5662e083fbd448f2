"""toponyms: place names and demonyms found in text by gazetteer look-up alone (`find_toponyms`), until the
tagger does it.

    find_toponyms(text, gazetteer)                        # place-name spans
"""

from __future__ import annotations

import re

from newsdesk.analysis.entities.abstention import MAJOR_CITY
from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.places import Place
from newsdesk.model import Span

#: Lower-case words that may stand inside a place name ("Isle of Man", "Trinidad and Tobago").
_CONNECTORS = frozenset({"of", "and", "de", "del", "la", "le", "du", "da", "do", "dos", "das", "upon", "on", "al",
                         "el", "am", "an", "der", "y"})
#: Capitalised words that may come before a place name without making it part of a longer name.
_OPENERS = frozenset("""the in at on of from to for by near and or but as after before since with into across
a an this that these those while when where if what north south east west northern southern eastern western
central upper lower greater downtown
""".split())
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
MAX_NAME_TOKENS = 6


def find_toponyms(text: str, gazetteer: Gazetteer) -> list[Span]:
    """Place names and demonyms in `text` by gazetteer look-up alone: `Span(kind="place"|"demonym")`.

    The longest run of capitalised words (lower-case connectors such as "of" allowed inside, parts
    of hyphenated words taken apart: "Syrian-Turkish") that the gazetteer knows, left to right.
    Dropped: a stop-listed single word ("Will", "May"); a single word whose lower-case form is also
    in the text ("Police … police") unless it names a country or continent; an all-capital word of
    ≤ 4 letters that is no known abbreviation ("NATO") unless it opens a line (a dateline: "KYIV,");
    plural demonyms ("Americans": people).
    A *minor* match — its best candidate is not a continent, country, first-level division, city of
    ≥ 100,000 people, demonym or abbreviation — is kept only when (a) as a single word it is not
    next to another capitalised word that is not a place ("David Smith", "President Noma") and
    (b) the page supports it: one of its candidates lies within 100 km of, or in the same
    first-level division as, a non-minor place of the page.
    Abbreviations are matched with their exact case ("U.S."; "Ky." and "TX" only after a comma).
    A stand-in for the named-entity tagger: swap it for `newsdesk.analysis.entities.mentions` when that lands.
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    lower_words = set(re.findall(r"\b[a-z][a-z'’]+\b", text))
    found: list[tuple[int, int, int, str]] = []  # first token, last token, end offset, kind
    i = 0
    while i < len(tokens):
        start, end = tokens[i]
        word = text[start:end]
        hit = _longest(text, tokens, i, gazetteer) if word[0].isupper() and word != "The" else None
        dateline = start == 0 or text[start - 1] == "\n"  # "KYIV, May 22 (Reuters) –"
        if hit is None or (hit[0] == i and not _plausible_word(text[start:hit[1]], hit[2], gazetteer, lower_words,
                                                               dateline)):
            i += 1
            continue
        found.append((i, *hit))
        i = hit[0] + 1
    strong_places: list[Place] = []
    minor: set[int] = set()
    for n, (i, _j, end, kind) in enumerate(found):
        name = text[tokens[i][0]:end]
        place = gazetteer.resolve_mention(name) if kind == "place" else gazetteer.demonym_place(name)
        if kind == "demonym" or gazetteer.abbreviation(name) is not None or (
                place is not None and (place.kind in ("continent", "country", "region")
                                       or (place.kind == "city" and place.population >= MAJOR_CITY))):
            if place is not None:
                strong_places.append(place)
        else:
            minor.add(n)
    starts = {tokens[i][0] for i, _, _, _ in found}
    ends = {end for _, _, end, _ in found}
    # The support of minor matches, gathered once (not per match) and each strong place once, not per
    # mention: a long story names its cities many times and has many minor matches.
    divisions = {(p.country, p.admin1) for p in strong_places if p.admin1 and p.kind != "country"}
    points = list(dict.fromkeys(p for p in strong_places if p.kind not in ("country", "continent")))
    out = []
    for n, (i, j, end, kind) in enumerate(found):
        start = tokens[i][0]
        name = text[start:end]
        if n in minor and ((i == j and _in_longer_name(text, tokens, i, starts, ends))
                           or not _supported(gazetteer.candidates(name), divisions, points)):
            continue
        out.append(Span(start, end, kind, name))
    return out


SUPPORT_KM = 100.0


def _plausible_word(word: str, kind: str, gazetteer: Gazetteer, lower_words: set[str], dateline: bool) -> bool:
    """A one-word match that is not a common word, an acronym or a lone letter."""
    if gazetteer.abbreviation(word) is not None or kind == "demonym":
        return True
    if len(word) < 2 or (word.isupper() and len(word) <= 4 and not dateline) or gazetteer.is_stop_word(word):
        return False
    top = gazetteer.candidates(word)
    return not (word.lower() in lower_words and top and top[0].kind not in ("country", "continent"))


def _in_longer_name(text: str, tokens: list[tuple[int, int]], i: int, starts: set[int], ends: set[int]) -> bool:
    """Next to a capitalised word that no match holds: part of a person's or an organisation's name."""
    start, end = tokens[i]
    if i > 0:
        prev_start, prev_end = tokens[i - 1]
        prev = text[prev_start:prev_end]
        if (text[prev_end:start] == " " and prev[0].isupper() and prev.lower() not in _OPENERS
                and prev_end not in ends and not _SENTENCE_END.search(text[:prev_start])):
            return True
    if i + 1 < len(tokens):
        next_start = tokens[i + 1][0]
        if text[end:next_start] == " " and text[next_start].isupper() and next_start not in starts:
            return True
    return False


def _supported(candidates: list[Place], divisions: set[tuple[str | None, str]], points: list[Place]) -> bool:
    """Some candidate lies near, or in the same first-level division as, a non-minor place: `divisions`
    are those places' (country, admin1), `points` those that are not countries or continents."""
    for c in candidates:
        if (c.country, c.admin1) in divisions:
            return True
        if any(c.km_to(p) <= SUPPORT_KM for p in points):
            return True
    return False


def _longest(text: str, tokens: list[tuple[int, int]], i: int,
             gazetteer: Gazetteer) -> tuple[int, int, str] | None:
    """The last token, end offset and kind of the longest known name starting at token i."""
    start = tokens[i][0]
    last = i
    for j in range(i + 1, min(i + MAX_NAME_TOKENS, len(tokens))):
        gap = text[tokens[j - 1][1]:tokens[j][0]]
        if gap not in (" ", "-"):
            break
        last = j
    for j in range(last, i - 1, -1):
        word = text[tokens[j][0]:tokens[j][1]]
        if not word[0].isupper():
            continue
        if any(text[a:b] not in _CONNECTORS and not text[a].isupper() for a, b in tokens[i + 1:j]):
            continue
        end = tokens[j][1]
        name = text[start:end]
        after_comma = text[max(0, start - 2):start] == ", "
        if text[end:end + 1] == "." and after_comma and gazetteer.abbreviation(name + ".") is not None:
            return j, end + 1, "place"  # "Louisville, Ky."
        if gazetteer.abbreviation(name) is not None and (len(name) > 2 or after_comma or "." in name):
            return j, end, "place"  # "U.S.", "UAE"; two capitals ("TX") only after a comma
        if gazetteer.is_demonym(name):
            return j, end, "demonym"
        if gazetteer.is_place(name):
            return j, end, "place"
    return None
