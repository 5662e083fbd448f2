"""ranking: how the gazetteer scores a name's candidates on a page — a context-free prior (`place_prior`) plus
the page's context (`rank_candidates`).

## Ranking (`resolve`)
score = prior + context, with
    prior   = log10(max(population, 1000)) + KIND_BONUS[kind]   (continent, country +3; region +0.5;
              place −0.5; district, city 0)  + CAPITAL_BONUS (1.5) for a national capital
              − ALTERNATE_PENALTY (0.5) when the name matched only an alternate name of the place (kept
                only when it spells the place's own name, "Kiev" for Kyiv, or is its head, "Newcastle" for
                Newcastle upon Tyne, or names a country or continent, whose other names are curated, "Burma";
                unless no place has the name as its own)
              − REGION_YIELDS (2) for a region named like a city of its own holding ≥ 10% of its
                people ("Kharkiv", "New York": the city; "Luhansk Oblast" still finds the region)
    context = W_COUNTRY (3) × share of the page's places in the candidate's country
            + W_ADMIN1 (2) × share in its first-level division
            + W_NEAR (1.5) × exp(−d / 150 km) for the nearest other place on the page
            + W_NAMED_DIVISION (1) for a town or district in a first-level division the page names itself,
              when the name's namesakes in that country lie in more than one division ("Dallas County" on a
              page that names Iowa: the state tells a country's namesakes apart; other countries' namesakes
              are told apart by the country shares)
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
`Gazetteer.resolve` takes the best unless `newsdesk.analysis.entities.abstention` abstains.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsdesk.analysis.entities.places import KINDS, Place, PlaceTable, name_key

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
#: Added for a town or district in a first-level division the page names ("Dallas County" on a page that names
#: Iowa) when the name's namesakes in its country lie in several divisions: a story names the state it is set
#: in, and its homonyms are read there.
W_NAMED_DIVISION = 1.0
#: The dateline's place counts as this many of the page's places for the country and division shares.
DATELINE_VOTES = 2
NEAR_KM = 150.0
#: Taken off a region's prior when a city of its own holds its name ("Kharkiv" the city, not the oblast).
REGION_YIELDS = 2.0
#: rapidfuzz ratio at which an alternate name is a spelling of the place's own name ("Kiev", "Kyiv": 75).
SPELLING_SIMILARITY = 70.0


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
class Scored:
    """A candidate with its score, for explanations and benches."""

    place: Place
    prior: float
    context: float
    alternate: bool
    #: The part of `context` that is local: its first-level division's share, nearness to the page's
    #: places and to the dateline (a country's share alone says little about which of its villages).
    local: float = 0.0
    #: The page's votes for the candidate's country (its other places and dateline there, and `countries`).
    country_votes: float = 0.0
    #: The page's main country (see `W_MAIN`), or None when no country holds most of its places.
    main_country: str | None = None
    #: `country_votes` as a share of all the page's country votes (0 when the page has none).
    country_share: float = 0.0

    @property
    def score(self) -> float:
        return self.prior + self.context


def place_prior(table: PlaceTable, index: int, alternate: bool, capitals: frozenset[int] | set[int],
                yielding: frozenset[int] | set[int]) -> float:
    """The context-free score of the place at `index` (see "Ranking" in the module docstring): `capitals` are
    national capitals, `yielding` regions named like a city of their own."""
    score = math.log10(max(table.population[index], 1000)) + KIND_BONUS[KINDS[table.kind[index]]]
    if index in capitals:
        score += CAPITAL_BONUS
    if index in yielding:
        score -= REGION_YIELDS
    return score - (ALTERNATE_PENALTY if alternate else 0.0)


def rank_candidates(name: str, candidates: Sequence[tuple[Place, float, bool]],
                    page_places: Sequence[tuple[Place, int]], context: PlaceContext) -> list[Scored]:
    """The candidates of `name` scored on the page, best first. `candidates`: each place with its prior and
    whether only an alternate name matched; `page_places`: the context's places, each once with its number
    of mentions, in order of first mention."""
    places = list(candidates)
    if any(not alternate for _, _, alternate in places):
        # A name that is some place's own name does not mean a place that merely lists it among
        # its alternate names unless the two are spellings of one word ("Kiev" for Kyiv): geonames'
        # alternates include nicknames and translations ("White House" for Casablanca, "Garden
        # City" for Singapore) that would outrank the towns really called so.
        # A country's or continent's other names come from curated lists (ISO 3166, countryinfo), not from
        # GeoNames' free-for-all alternates: "Burma" is Myanmar even though a village is called so.
        # A short form that is the head of the place's own name ("Newcastle" for Newcastle upon Tyne,
        # "Frankfurt" for Frankfurt am Main) is kept too: writers drop the qualifier, not the head.
        asked = name_key(name)
        places = [(p, prior, alternate) for p, prior, alternate in places
                  if not alternate or p.kind in ("country", "continent")
                  or fuzz.ratio(asked, full := name_key(p.name)) >= SPELLING_SIMILARITY or full.startswith(asked + " ")]
    own = {p.id for p, _, _ in places}
    # The page's places counted once per distinct place, not walked once per mention: a page names
    # its places many times and every name is ranked, so walking them all made linking quadratic.
    # Same counts, same first-seen order, so the same weights as one vote per mention.
    others = [(p, n) for p, n in page_places if p.id not in own]
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
    # The first-level divisions the page names itself ("Iowa"): where its homonyms lie.
    named_divisions = {(p.country, p.admin1) for p, _ in others if p.kind == "region" and p.country and p.admin1}
    # A country whose namesakes of the name lie in more than one of its divisions: the division tells them apart.
    # (A country's namesakes all in one division map to that division; split over several, to None.)
    divisions: dict[str | None, tuple[str | None, str | None] | None] = {}
    for p, _, _ in places:
        if p.kind in ("district", "city", "place"):
            here = (p.country, p.admin1)
            divisions[p.country] = here if divisions.get(p.country, here) == here else None
    # Distinct places only: the nearest distance is the same, found once per place, not per mention.
    points = [p for p, _ in others if p.kind not in ("country", "continent")]
    out = []
    for place, prior, alternate in places:
        local = 0.0
        if place.country and place.admin1 and total_a:
            local += W_ADMIN1 * admin1[(place.country, place.admin1)] / total_a
        if points:
            local += W_NEAR * math.exp(-min(place.km_to(p) for p in points) / NEAR_KM)
        if (place.kind in ("district", "city", "place") and (place.country, place.admin1) in named_divisions
                and divisions[place.country] is None):
            local += W_NAMED_DIVISION
        if dateline is not None:
            local += W_DATELINE * math.exp(-place.km_to(dateline) / NEAR_KM)
        ctx = local
        if place.country and total_c:
            ctx += W_COUNTRY * weights.get(place.country, 0.0) / total_c
        if context.bias_country and place.country == context.bias_country:
            ctx += W_BIAS
        if main is not None and place.country == main:
            ctx += W_MAIN
        page_votes = weights.get(place.country, 0.0) if place.country else 0.0
        share = page_votes / total_c if total_c else 0.0
        out.append(Scored(place, prior, ctx, alternate, local, page_votes, main, share))
    out.sort(key=lambda s: -s.score)
    return out
