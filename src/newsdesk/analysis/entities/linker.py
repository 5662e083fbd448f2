"""link: one entity however it is spelled, and each place on the map.

Mentions (from `extract`) are grouped into entities:

* **people** — a full name ("Volodymyr Zelenskiy") opens an entity; a later full name whose
  surname matches under transliteration ("Volodymyr Zelensky") and whose first name agrees (same
  initial) joins it; a bare surname ("Zelensky", "Biden") joins the full name it matches, the most
  recent one in its story first, because two people may share a surname ("Joe Biden", "Hunter
  Biden") and a writer names the one meant just before. A first name alone ("(President Vladimir)
  Putin") joins the one person the page names in full with it, spelled the same; shared by two, it stays
  apart. A surname with no full name stays its own entity;
* **places** — the gazetteer resolves each name with the page as context (the places, demonyms
  and dateline of the page, each first resolved on its own, then read in turn: each name's decision on
  the page replaces its lone reading in the context of the names read after it); mentions resolved to one
  gazetteer place are one entity
  (Kiev = Kyiv = KYIV), labelled with the gazetteer's name; an unresolved place is grouped by
  its transliteration key and gets no coordinates (never a guess). A mention the text says is a first-level
  division ("New York Gov.", "Bronx, New York", "Ohio, Texas and New York": `geo_divisions`) is that division,
  mention by mention, so one page may hold New York the state and New York the city;
* **organisations** — grouped by their transliteration key; an acronym joins the long form whose
  initials it spells ("IPEF" = "Indo-Pacific Economic Framework").

Transliteration keys fold case, diacritics and script (`anyascii`: "Київ" → "Kyiv") and then the
vowels a transliteration varies in (see `newsdesk.text.keys.skeleton`); surnames are also compared
with `rapidfuzz` so "Zelenskiy" and "Zelensky" (similarity 94) meet while "Biden" and "Bidenko" do not.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from anyascii import anyascii
from rapidfuzz import fuzz

from newsdesk.analysis.entities.geo_divisions import PlaceMention, division_readings
from newsdesk.analysis.entities.geometry import haversine_km
from newsdesk.analysis.entities.mentions import Demonym, Mentions
from newsdesk.analysis.entities.places import PlaceLike
from newsdesk.errors import ConfigError
from newsdesk.model import Entity, EntityType, Mention, PlaceCandidate, Story
from newsdesk.text.keys import NAME_WORD, translit_key

#: Kinds of gazetteer place that streets and buildings lie in.
_TOWN_KINDS = frozenset({"city", "place", "district"})
#: Last words that make a name a street, a square or a building (a place no gazetteer lists).
_FACILITY = re.compile(r"\b(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Square|Plaza|Park|"
                       r"Hospital|Stadium|Arena|Airport|Station|Embassy|Consulate|Hall|Estate|Tower|Mall|Centre|"
                       r"Center|Museum|Armory|Plant|Parade|Gardens|Bridge|Courthouse|Prison|Jail|School|High|"
                       r"University|College|Church|Cathedral|Mosque|Temple|Market|Port|Harbou?r|Base)\.?$")
#: Kinds of place a longer name may be named after: a village called like a word inside a
#: name ("West" in "West Wing", "Thames" in "Thames Valley") is more likely a coincidence than its home.
#: Not a continent: a part of one ("Northern Europe", "SM Mall of Asia") lies thousands of km from its single
#: point, so that point would misplace it (3 of the 4 such readings on the dev corpora were > 161 km off).
_NAMESAKE_KINDS = frozenset({"country", "region", "district", "city"})
#: What lies between a place and the division or country that says which one it is: "London, Ont."
_QUALIFIES = re.compile(r", ?")
#: A place-type word before or after a name says the name is a place ("the town of X", "X province"):
#: evidence that lets an acronym- or organisation-shaped name be resolved.
_PLACE_TYPE = r"(?:town|city|village|hamlet|province|state|district|county|region|governorate|oblast|municipality|" \
              r"suburb|island|port|capital|prefecture|township|parish)"
_TYPE_BEFORE = re.compile(rf"\b{_PLACE_TYPE} of (?:the )?$")
_TYPE_AFTER = re.compile(rf"^ {_PLACE_TYPE}\b")


class PlaceResolver(Protocol):
    """What linking needs of a gazetteer (`newsdesk.analysis.entities.gazetteer.Gazetteer` has it): a page's context
    from its place names and demonyms, and the place a name most likely means in that context."""

    def context(self, names: Iterable[str], dateline: str | None = None) -> Any: ...

    def resolve(self, name: str, context: Any = None) -> PlaceLike | None: ...

    def resolve_within(self, name: str, container: Any, context: Any = None) -> PlaceLike | None: ...


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """The linker's knobs."""

    #: rapidfuzz ratio (0–100) at which two surnames are one name spelled two ways.
    surname_similarity: float = 88.0

    def __post_init__(self) -> None:
        if not 0 <= self.surname_similarity <= 100:
            raise ConfigError("ND-E011", f"link.surname_similarity must be within 0..100, "
                                         f"not {self.surname_similarity!r}")


_WORD = NAME_WORD
#: Words that precede a name but are not part of it ("President Joe Biden" is tagged with them at times).
_TITLES = frozenset("""president prime minister mr mrs ms dr sir lord lady king queen emperor pope general gen
    col colonel captain capt sgt lt governor gov senator sen rep mayor chancellor secretary judge justice
    prince princess sheikh rev""".split())


def _name_words(text: str) -> list[str]:
    """The words of a name in its own script ("Володимир Зеленський" stays Cyrillic: the label shows
    what the page wrote; keys fold scripts), titles dropped."""
    words = _WORD.findall(text)
    while words and words[0].casefold().rstrip(".") in _TITLES:
        words = words[1:]
    return words


@dataclass(slots=True)
class _Group:
    type: EntityType
    mentions: list[Mention]
    full: list[str]  # the full forms seen (people: first + last name)
    forms: dict[str, str] = field(default_factory=dict)  # people: each distinct full form → its surname's key
    place: PlaceLike | None = None
    within: PlaceLike | None = None  # a street or building the gazetteer does not know: the place it is in
    candidates: tuple[PlaceCandidate, ...] = ()  # an unresolved place's best candidates
    why: str = ""


class Linker:
    """Groups mentions into entities and geocodes places; built once, holds no page state."""

    def __init__(self, places: PlaceResolver | None = None, config: LinkConfig | None = None) -> None:
        self.places = places
        self.config = config or LinkConfig()

    def __call__(self, found: Mentions, stories: Sequence[Story], text: str) -> list[Entity]:
        """`text` is the page's text, which the mentions' offsets point into."""
        mentions = sorted(found.mentions, key=lambda m: m.start)
        groups: list[_Group] = []
        groups += self._people([m for m in mentions if m.type == "PERSON"])
        groups += self._places([m for m in mentions if m.type == "PLACE"], found.demonyms, stories, text)
        groups += self._organisations([m for m in mentions if m.type == "ORG"])
        groups.sort(key=lambda g: min(m.start for m in g.mentions))
        return [self._entity(f"e{i}", g) for i, g in enumerate(groups, start=1)]

    # -- people
    def _people(self, mentions: list[Mention]) -> list[_Group]:
        # Groups are bucketed by the first letter of their surname's key: two surnames can match only
        # when their keys share it (see `_surname_matches`), so a page naming thousands of people stays linear.
        groups: list[_Group] = []
        by_initial: dict[str, list[_Group]] = defaultdict(list)
        singles: list[tuple[Mention, str, str]] = []
        for m in mentions:
            words = _name_words(m.text)
            if not words:
                continue
            key = translit_key(words[-1])
            if len(words) >= 2:
                full = " ".join(words)
                group = next((g for g in by_initial[key[:1]] if self._same_person(g, words, key)), None)
                if group is None:
                    group = _Group("PERSON", [], [])
                    groups.append(group)
                    by_initial[key[:1]].append(group)
                group.mentions.append(m)
                group.full.append(full)
                group.forms.setdefault(full, key)
            else:
                singles.append((m, words[0], key))
        loose: dict[str, _Group] = {}
        # A first name as spelled (not its transliteration key: "Vladimir" and "Volodymyr" are two men) -> the
        # people the page names in full with it.
        by_first: dict[str, list[_Group]] = defaultdict(list)
        for group in groups:
            for first in {anyascii(full.split()[0]).casefold() for full in group.forms}:
                by_first[first].append(group)
        for m, surname, key in singles:
            matches = [g for g in by_initial[key[:1]]
                       if self._surname_matches(g.full[0].split()[-1], surname, g.forms[g.full[0]], key)]
            if matches:
                # The person named in full most recently before, in the same story first.
                def recency(g: _Group, m: Mention = m) -> tuple[bool, int]:
                    before = [x.start for x in g.mentions if x.start < m.start and len(_name_words(x.text)) >= 2]
                    same_story = any(x.story == m.story for x in g.mentions if x.start < m.start)
                    return (same_story, max(before, default=-1))

                max(matches, key=recency).mentions.append(m)
                continue
            # "(President Vladimir) Putin": a first name alone is the one person the page names in full with it;
            # when two share it ("Joe Biden", "Joe Manchin") it stays apart rather than join the wrong one.
            called = by_first.get(anyascii(surname).casefold(), [])
            if len(called) == 1:
                called[0].mentions.append(m)
                continue
            if key in loose:
                loose[key].mentions.append(m)
            else:
                loose[key] = _Group("PERSON", [m], [surname])
        return groups + list(loose.values())

    def _same_person(self, group: _Group, words: list[str], last_key: str) -> bool:
        first, last = words[0], words[-1]
        for full, key in group.forms.items():
            other = full.split()
            if (self._surname_matches(other[-1], last, key, last_key)
                    and anyascii(other[0][:1]).casefold() == anyascii(first[:1]).casefold()
                    and fuzz.ratio(anyascii(other[0]).casefold(), anyascii(first).casefold()) >= 70):
                return True
        return False

    def _surname_matches(self, a: str, b: str, a_key: str, b_key: str) -> bool:
        """`a_key`, `b_key`: the surnames' `translit_key`s, computed once by the caller."""
        if a_key != b_key and a_key[:1] != b_key[:1]:
            return False
        a_ascii, b_ascii = anyascii(a).casefold(), anyascii(b).casefold()
        score = fuzz.ratio(a_ascii, b_ascii)
        # One consonant skeleton is one name transliterated two ways ("Zelenskiy", "Зеленський") only for
        # names long enough to tell: "Hall" and "Hill" are different families. (A known limit: "Davis" and
        # "Davies", 91 apart, still merge when the first names agree.)
        return score >= self.config.surname_similarity or (
            a_key == b_key and score >= 75 and min(len(a_ascii), len(b_ascii)) >= 6)

    # -- places
    def _places(self, mentions: list[Mention], demonyms: Sequence[Demonym], stories: Sequence[Story],
                text: str) -> list[_Group]:
        names = [" ".join(_name_words(m.text)) or m.text for m in mentions]
        resolved: dict[str, PlaceLike | None] = {}
        decided: dict[str, Any] = {}
        why: dict[str, str] = {}
        context: Any = None
        if self.places is not None and names:
            # Two passes: every name alone tells what the page is about (with its demonyms and
            # dateline), then each name is read in that light ("Paris" among Texan towns).
            dateline = next((s.dateline.place for s in stories if s.dateline and s.dateline.place), None)
            qualified = next((_qualified_dateline(text, s.dateline.start, s.dateline.end, s.dateline.place)
                              for s in stories if s.dateline and s.dateline.place), None) or opening_dateline(text)
            context = self.places.context([*names, *(d.text for d in demonyms)], dateline=qualified)
            # "London, Ont." says which London: the qualified reading then holds for the whole page.
            for (m, name), (q, qualifier) in itertools.pairwise(zip(mentions, names, strict=True)):
                if name not in resolved and q.story == m.story and _QUALIFIES.fullmatch(text[m.end:q.start]):
                    container = self.places.resolve(qualifier, context)
                    if container is not None:
                        place = self.places.resolve_within(name, container, context)
                        if place is not None:
                            resolved[name] = place
                            why[name] = "qualifier"
            evidence = {name for m, name in zip(mentions, names, strict=True) if _says_place(text, m, dateline)}
            decide = getattr(self.places, "decide", None)
            read_alone = getattr(self.places, "read_alone", None)
            reread = getattr(self.places, "reread", None)
            everything = [*names, *(d.text for d in demonyms)]
            # The page is read name by name, in order of first mention: each decision replaces the name's
            # lone reading in the context the next names are read in ("Edmonton" read as the London district
            # then makes "London" the English one, not the Ontario city its lone reading voted for).
            readings = ({name: resolved.get(name) or read_alone(name) for name in dict.fromkeys(everything)}
                        if read_alone is not None and reread is not None else None)
            for name in dict.fromkeys(names):
                if name in resolved:
                    continue
                if decide is None:
                    resolved[name] = self.places.resolve(name, context)
                    continue
                if readings is not None and reread is not None:
                    context = reread(everything, context, readings)
                decision = decided[name] = decide(name, context, evidence=name in evidence)
                resolved[name] = decision.place
                why[name] = decision.why
                if readings is not None:
                    readings[name] = decision.place
            if readings is not None and reread is not None:
                context = reread(everything, context, readings)
        # "New York Gov.", "Bronx, New York", "Ohio, Texas and New York": mentions the text says are divisions.
        divisions = self._division_mentions(mentions, names, resolved, text)
        by_key: dict[str, _Group] = {}
        for i, (m, name) in enumerate(zip(mentions, names, strict=True)):
            place, reason = divisions.get(i, (resolved.get(name), why.get(name, "")))
            key = f"place:{place.id}" if place is not None else "name:" + translit_key(name)
            if key not in by_key:
                by_key[key] = _Group("PLACE", [], [], place=place, why=reason,
                                     candidates=() if place is not None else _candidates(decided.get(name)))
            by_key[key].mentions.append(m)
            by_key[key].full.append(name)
        groups = list(by_key.values())
        self._locate_facilities(groups, text)
        if self.places is not None and names:
            self._locate_by_inner_name(groups, context)
        return groups

    def _division_mentions(self, mentions: list[Mention], names: list[str], resolved: dict[str, PlaceLike | None],
                           text: str) -> dict[int, tuple[PlaceLike, str]]:
        """Mention index → (first-level division, why) for the mentions the text says are divisions
        (`newsdesk.analysis.entities.geo_divisions`); empty for a resolver that knows no divisions."""
        division = getattr(self.places, "division", None)
        within = getattr(self.places, "resolve_within", None)
        if division is None or within is None:
            return {}
        readings = [PlaceMention(m.start, m.end, name, m.story, resolved.get(name))
                    for m, name in zip(mentions, names, strict=True)]
        return {r.index: (r.place, r.why) for r in division_readings(text, readings, division, within)}

    def _locate_by_inner_name(self, groups: list[_Group], context: Any) -> None:
        """"Manchester City", "Abu Dhabi-based", "Embassy of Ukraine", "Southern California": a name the
        gazetteer does not know that holds one it does is where that place is (a team, an embassy, a
        part of a region all lie in or near it). Such a group gets the point of the longest inner name
        that resolves in the page's context (the first of equals: "Amsterdam-London" is about the first)
        and is a major place the name may be named after (`_named_after`: "Delta" in "Nile Delta", a Nigerian
        state, is not, on a page that names nothing in Nigeria) or one the page is about (`_page_names`:
        "Republic" in "Islamic Republic" is not),
        and says so with `within`, as a street does. Streets and buildings are left to
        `_locate_facilities` (the town of their story is nearer than a place they are named after)."""
        assert self.places is not None
        named = [g.place for g in groups if g.place is not None]
        # The countries the page names places in: its resolved places', and those of the leading candidates of
        # the names it left unresolved (a village too small to place still says which country the page is in).
        countries = {p.country for p in named} | {g.candidates[0].country for g in groups if g.candidates}
        for group in groups:
            if group.place is not None or group.within is not None or _FACILITY.search(group.full[0]):
                continue
            group.within = next((place for inner in _inner_names(group.full[0])
                                 if (place := self.places.resolve(inner, context)) is not None
                                 and place.kind in _NAMESAKE_KINDS
                                 and (_named_after(place, countries) or _page_names(place, named))), None)

    @staticmethod
    def _locate_facilities(groups: list[_Group], text: str) -> None:
        """"Royal Street", "Colchester General Hospital": no gazetteer lists streets and buildings, but a
        report places them in the town it is about. Such a place gets the point of the town written after it
        with a comma ("St Mary's Hospital, Leeds"), else of the town most named in its story (else on
        the page), and says so (`within`) rather than posing as a gazetteer entry. (Leaving a building
        unresolved when no town holds most of its story's town mentions was tried: on GWN it gave up 12 right
        points for 5 wrong ones.) Only names whose last word says they are a street or a building: an unknown
        village could lie anywhere."""
        towns = [g for g in groups if g.place is not None and g.place.kind in _TOWN_KINDS]
        if not towns:
            return
        town_at = {m.start: t for t in towns for m in t.mentions}
        for group in groups:
            if group.place is not None or not _FACILITY.search(group.full[0]):
                continue
            qualified = next((town_at[q] for m in group.mentions
                              if (q := _comma_end(text, m.end)) is not None and q in town_at), None)
            if qualified is not None:
                group.within = qualified.place
                continue
            story = group.mentions[0].story
            local = [t for t in towns if any(m.story == story for m in t.mentions)] or towns
            group.within = max(local, key=lambda t: (sum(m.story == story for m in t.mentions), len(t.mentions),
                                                     -t.mentions[0].start)).place

    # -- organisations
    @staticmethod
    def _organisations(mentions: list[Mention]) -> list[_Group]:
        by_key: dict[str, _Group] = {}
        acronyms: list[Mention] = []
        for m in mentions:
            if re.fullmatch(r"[A-Z]{2,6}", m.text):
                acronyms.append(m)
                continue
            key = translit_key(m.text)
            by_key.setdefault(key, _Group("ORG", [], [])).mentions.append(m)
            by_key[key].full.append(m.text)
        for m in acronyms:
            target = next((g for g in by_key.values() if _initials(g.full[0]) == m.text), None)
            if target is None:
                target = by_key.setdefault("acronym:" + m.text, _Group("ORG", [], [m.text]))
            target.mentions.append(m)
        return [g for g in by_key.values() if g.mentions]

    # -- the entity
    @staticmethod
    def _entity(entity_id: str, group: _Group) -> Entity:
        spans = tuple(sorted({(m.start, m.end) for m in group.mentions}))
        if group.place is not None:
            p = group.place
            return Entity(entity_id, p.name, "PLACE", spans, round(p.lat, 4), round(p.lon, 4), p.country, p.id,
                          why=group.why)
        if group.within is not None:
            w = group.within
            return Entity(entity_id, Counter(group.full).most_common(1)[0][0], "PLACE", spans, round(w.lat, 4),
                          round(w.lon, 4), w.country, None, within=w.id, why="within a named place")
        forms = Counter(group.full) if group.full else Counter(m.text for m in group.mentions)
        longest = max(len(f.split()) for f in forms)
        # The most common of the fullest forms ("Volodymyr Zelenskiy" over "Zelenskiy"); on a tie, the first.
        order = {f: i for i, f in reversed(list(enumerate(group.full)))}
        label = max((f for f in forms if len(f.split()) == longest), key=lambda f: (forms[f], -order.get(f, 0)))
        return Entity(entity_id, label, group.type, spans, candidates=group.candidates, why=group.why)


#: A city or division of at least this many people may be what a longer name is named after on the name
#: alone ("Abu Dhabi-based"); a smaller namesake only when the page is about it (`_page_names`).
_MAJOR_POPULATION = 100_000


def _major(place: PlaceLike) -> bool:
    population = getattr(place, "population", None)  # a resolver that gives no sizes: its kind alone decides
    return place.kind in ("country", "continent") or (
        place.kind in ("region", "city") and (population is None or population >= _MAJOR_POPULATION))


#: A city this large is what a longer name holding its name is named after even on a page about another country
#: ("an Abu Dhabi-based fund"); a smaller major place needs a place of its country on the page.
_WORLD_CITY = 500_000


def _named_after(place: PlaceLike, countries: set[str | None]) -> bool:
    """A major place a longer name may be named after without the page being about it: a country, a continent,
    a city of `_WORLD_CITY` people, or another major place in one of the page's `countries`. A division named
    like a compass point or a common word ("Far North" in "Far North Queensland", "Delta" in "Nile Delta",
    "South East" in "South East Asian") lies in a country the page never mentions."""
    if not _major(place):
        return False
    if place.kind in ("country", "continent"):
        return True
    population = getattr(place, "population", None)
    if place.kind == "city" and (population is None or population >= _WORLD_CITY):
        return True
    return place.country in countries


#: A place the page names on its own lies this close to the inner place of a longer name, or shares its
#: first-level division, when the page is about that place.
_INNER_SUPPORT_KM = 100.0


def _page_names(place: PlaceLike, named: Sequence[PlaceLike]) -> bool:
    """The page names `place` on its own, or a place in its division or near it: a word inside a longer name
    ("Republic" in "Islamic Republic", "Cambridge" in "Cambridge Analytica", "Delta" in "Nile Delta") is a
    namesake's home only when the page is about that home."""
    admin1 = getattr(place, "admin1", None)
    for other in named:
        if other.id == place.id:
            return True
        if place.kind in ("country", "continent") or other.kind in ("country", "continent"):
            continue
        if admin1 is not None and other.country == place.country and getattr(other, "admin1", None) == admin1:
            return True
        if _km(place, other) <= _INNER_SUPPORT_KM:
            return True
    return False


def _km(a: PlaceLike, b: PlaceLike) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _comma_end(text: str, end: int) -> int | None:
    """Where the word after a comma right after `end` starts ("Ramor Theatre, Virginia": Virginia's start)."""
    m = _AFTER_COMMA.match(text, end)
    return m.end() if m else None


_AFTER_COMMA = re.compile(r", ?")


def _qualified_dateline(text: str, start: int, end: int, place: str) -> str:
    """The dateline's place with the word after its comma, which may say which one it is: "PEORIA, Ill.,
    May 3 (AP) —" → "Peoria, Ill." (the gazetteer ignores a qualifier that names no place)."""
    parts = text[start:end].split(",")
    qualifier = parts[1].strip() if len(parts) > 1 else ""
    return f"{place}, {qualifier}" if qualifier[:1].isupper() and "(" not in qualifier else place


#: A newspaper dateline the story splitter may not take (a plain hyphen after it): a place in capitals, a
#: qualifier, a dash, at the very start of the page: "CAMP MURRAY, Wash. - Lt. Col. …".
_OPENING_DATELINE = re.compile(r"\s*(?P<place>[A-Z][A-Z.'’ -]{1,40}?),\s*(?P<qualifier>[A-Z][A-Za-z]{1,14}\.?)"
                               r"(?:,[^\n]{0,20}?)?\s+[-–—]\s")


def opening_dateline(text: str) -> str | None:
    """The page's opening dateline with its qualifier ("Camp Murray, Wash."), or None: the qualifier says
    which state or country the story is filed from, even when the gazetteer does not know the place."""
    m = _OPENING_DATELINE.match(text)
    if m is None or not any(c.isalpha() for c in m.group("place")):
        return None
    return f"{m.group('place').strip().title()}, {m.group('qualifier')}"


def _says_place(text: str, m: Mention, dateline: str | None) -> bool:
    """The text itself says the mention is a place: the story's dateline, a place-type word next to it
    ("the town of X", "X province"), or a qualifying division after it ("X, Maine" is handled apart)."""
    if dateline is not None and m.text.casefold() == dateline.casefold():
        return True
    line_start = m.start == 0 or text[m.start - 1] == "\n"
    if line_start and text[m.end:m.end + 1] == ",":
        return True  # a wire dateline: "KYIV, May 22"
    return bool(_TYPE_BEFORE.search(text[max(0, m.start - 30):m.start])
                or _TYPE_AFTER.match(text[m.end:m.end + 20]))


def _candidates(decision: Any) -> tuple[PlaceCandidate, ...]:
    """An unresolved name's scored candidates, as the entity shows them."""
    if decision is None:
        return ()
    return tuple(PlaceCandidate(c.place.name, c.place.country, round(c.place.lat, 4), round(c.place.lon, 4),
                                round(c.score, 4), c.place.id) for c in decision.candidates)


_INNER_WORD = re.compile(r"[^\W_][\w'’.]*")
#: Inner names longer than this many words are not tried (a tagged span is rarely longer).
_MAX_INNER_WORDS = 8


def _inner_names(name: str) -> list[str]:
    """The runs of words inside `name` that start and end with a capitalised word, left to right and
    the longest first at each word; the whole name itself is not one. A name says first what it is
    about ("Calgary-North West MLA" is Calgary's member, not the North West's), and a longer run is a
    more specific place ("Abu Dhabi-based" → "Abu Dhabi" before "Abu"). Hyphens separate words."""
    spans = [(m.start(), m.end()) for m in _INNER_WORD.finditer(name)][:_MAX_INNER_WORDS]
    out = []
    for i in range(len(spans)):
        for j in range(len(spans) - 1, i - 1, -1):
            first, last = spans[i], spans[j]
            if (i, j) != (0, len(spans) - 1) and name[first[0]].isupper() and name[last[0]].isupper():
                out.append(name[first[0]:last[1]])
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w]*", name.replace("-", " ")))


def mentions_by_entity(entities: Sequence[Entity]) -> dict[tuple[int, int], str]:
    """Where each mention's characters belong: (start, end) → entity id."""
    out: dict[tuple[int, int], str] = {}
    for e in entities:
        for span in e.mentions:
            out[span] = e.id
    return out


__all__ = ["LinkConfig", "Linker", "PlaceResolver", "mentions_by_entity", "translit_key"]
