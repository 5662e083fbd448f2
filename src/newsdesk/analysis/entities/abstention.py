"""abstention: when the gazetteer leaves a name unresolved rather than guess (`decide_among`).

## Abstention (`decide`)
A wrong point looks exactly like a right one, so `decide` leaves a name unresolved (returning its best
`TOP_CANDIDATES` and the reason) when: nothing is known by it; its two best candidates more than 161 km
apart score within `TIE`; its best candidate is a town or district below `BIG_CITY` people with little local
context while a namesake more than 161 km away trails it by less than `NEAR_TIE` (or all of them together
outweigh it: it holds less than `COMMON_SHARE` of their 10^score) and the name is common (`COMMON_NAME` places:
"Franklin", "Middletown"); it is a stop-listed word without context support (for a small
place, without *local* support: a country's share says nothing of whether the word is its village); it is an
acronym-shaped word ("UN", "NATO": 2–5 capitals, not a known abbreviation) whose best candidate is no country,
continent, or division or city of ≥ `MAJOR_CITY` people; it is a bare postal code ("WA", "CT": a known
abbreviation shaped like an acronym) of a division whose country has no other place on the page (Western Australia
and Washington share "WA", Central Time and Connecticut "CT"); it is organisation-like (its head word is in
`INSTITUTION_WORDS`: "White House", "Commonwealth") and its best candidate is a small place or lacks
context support; it is a town abroad (`_foreign_town`: most of the page's places lie in one country, and its best
candidate is a town or division below `BIG_CITY` people in another country that the page has no other place in
(or a stray one: `FOREIGN_SHARE`),
nor any place within a few hundred km: a suburb or street the gazetteer does not know, or a name that is no place,
far more often than that town); it is a place chosen for its size that the page gives no support while a
namesake lies in a country the page names `HOME_VOTES` times and is itself a city of `MAJOR_CITY` people or lies
near the page's places (`_namesake_at_home`: "London" on a page that thanks Canada twice and names nothing in
England); or its best candidate is a small place (kind `place`, or a division of unknown population) with less
than `WEAK_SUPPORT` of *local* context (division share, nearness to the page's places or dateline — a
country's share alone does not say which of its villages is meant), unless the
page's country tells it from its namesakes: `SOLE_COUNTRY_SHARE` of the page's places in its country, its
namesakes more than 161 km away (if any) that much behind in context, and at least `SOLE_LOCAL_SUPPORT`
of local context ("Samos" on a page about Greece and Turkey; "the Atlantic" on a page about the US stays
unresolved).
`evidence=True` (the text calls it a place: a dateline, "the town of X", "X province") lifts the
acronym, organisation, town-abroad, namesake-at-home and small-place doubts, never a tie. A page's context is
gathered with `alone=True`, which skips the doubts only context can lift.

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

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.analysis.entities.places import Place, name_key
from newsdesk.analysis.entities.ranking import W_COUNTRY, PlaceContext, Scored

#: Two best scores closer than this are a tie (undecided). 0.01 is a 2% difference in population: a near
#: tie (Hollywood, California, 168k people, and Hollywood, Florida, 150k) goes to the larger place; only
#: true equals (villages of unknown population with no context) stay undecided.
TIE = 0.01
#: A stop-listed word resolves only when its best candidate gets at least this much context score.
STOPWORD_SUPPORT = 1.0
#: Accuracy radius (km) used to tell two candidates apart: 100 miles, as in geocoding benchmarks.
SAME_PLACE_KM = 161.0
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
#: ... or when the best holds less than this share of the weight (10^score) of all its namesakes far away.
COMMON_SHARE = 0.5
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


#: A country holding at most this share of the page's country votes gives a town in it no support: one stray
#: reading among ten or more ("Cheshire", the Connecticut town, on a page naming a dozen English places and one
#: name read in the US) says nothing about which country the page is in.
FOREIGN_SHARE = 0.1


def _foreign_town(best: Scored) -> bool:
    """The evidence conflicts: most of the page's places lie in one country (`Scored.main_country`) and the best
    candidate is a town or division below `BIG_CITY` people in another, with no more than a stray place of the
    page in its country (`FOREIGN_SHARE`) and none within a few hundred km (`SOLE_LOCAL_SUPPORT`). A city that
    large is what its bare name means; a smaller town abroad that the story says nothing else about is more
    often a local place the gazetteer does not know (a suburb, a street named after the town), a namesake, or no
    place at all. (The line was `MAJOR_CITY`, 100,000: cities of 100,000–500,000 abroad with no support, "Windsor"
    in Ontario on a page about an English royal wedding, "Salt" in Jordan inside a St. Louis restaurant's name,
    were then placed; at `BIG_CITY` GWN end to end loses one right point for three wrong ones, TR-News one wrong.)"""
    place, main = best.place, best.main_country
    return (main is not None and place.country != main and best.country_share <= FOREIGN_SHARE
            and best.local < SOLE_LOCAL_SUPPORT and place.kind in ("city", "place", "district", "region")
            and place.population < BIG_CITY)


#: A namesake with at least this many of the page's votes for its country (its places, the dateline's two) ...
HOME_VOTES = 2.0


def _namesake_at_home(best: Scored, ranked: Sequence[Scored]) -> Scored | None:
    """The evidence conflicts the other way round from `_foreign_town`: the best candidate, chosen for its size,
    has no support on the page (no place of the page in its country or near it), while a namesake more than
    161 km away lies in a country the page names `HOME_VOTES` times or more and is itself a city of `MAJOR_CITY`
    people ("London" on a page that thanks Canada twice and names nothing in England) or lies near the page's
    places (`WEAK_SUPPORT` of local context: "Virginia" on a page about towns in an Irish county). Size alone
    then does not say which is meant; that namesake is returned, else None."""
    if best.country_votes > 0 or best.local >= SOLE_LOCAL_SUPPORT:
        return None
    return next((r for r in ranked[1:]
                 if r.country_votes >= HOME_VOTES and best.place.km_to(r.place) > SAME_PLACE_KM
                 and (r.local >= WEAK_SUPPORT
                      or (r.place.kind in ("city", "region") and r.place.population >= MAJOR_CITY))), None)


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


def decide_among(name: str, ranked: Sequence[Scored], context: PlaceContext, *, stop_word: bool,
                 abbreviation: bool, evidence: bool = False, alone: bool = False) -> Decision:
    """The place `name` means on the page, or an abstention, from its candidates ranked on the page (best
    first) with the top candidates and why. `stop_word`: the name is a stop-listed word; `abbreviation`: it
    is a known abbreviation. `evidence` and `alone`: see `Gazetteer.decide`."""
    if not ranked:
        return Decision(None, (), "unknown name")
    top = tuple(ranked[:TOP_CANDIDATES])
    best = ranked[0]
    second = next((r for r in ranked[1:] if best.place.km_to(r.place) > SAME_PLACE_KM), None)
    if second is not None and best.score - second.score < TIE:
        return Decision(None, top, "tied candidates: left unresolved", best.place)
    if stop_word and (best.context < STOPWORD_SUPPORT or (_tiny(best.place) and best.local < WEAK_SUPPORT)):
        return Decision(None, top, "a common word with no support on the page: left unresolved", best.place)
    if not evidence and _is_acronym(name) and not abbreviation and not _major(best.place):
        return Decision(None, top, "an acronym, with no sign it names a place: left unresolved", best.place)
    if not evidence and abbreviation and _is_acronym(name) and best.place.kind not in ("continent", "country") \
            and best.country_votes == 0:
        # A bare postal code is shared across countries ("WA": Washington and Western Australia; "SA", "NT");
        # only the page's places in its country say which is meant. Dotted forms ("Wash.", "N.J.") are AP's own.
        return Decision(None, top, "a postal abbreviation with no place of its country on the page: left unresolved",
                        best.place)
    if not evidence and _organisation_like(name) and best.place.kind not in ("continent", "country") \
            and (_tiny(best.place) or best.context < STOPWORD_SUPPORT):
        return Decision(None, top, "an organisation-like name with no support on the page: left unresolved",
                        best.place)
    if alone:
        return Decision(best.place, top, _why(best, second, context), best.place)
    if not evidence and _foreign_town(best):
        # A story set in one country that names a town of another it says nothing else about: more often a
        # local place the gazetteer does not know (a suburb, a street named after the town) than the town.
        return Decision(None, top, "a town abroad on a page about another country: left unresolved", best.place)
    home = None if evidence or best.place.kind in ("continent", "country") else _namesake_at_home(best, ranked)
    if home is not None:
        # The namesake that raised the doubt is listed among the candidates even when it ranks below the third.
        shown = top if home in top else (*top[:TOP_CANDIDATES - 1], home)
        return Decision(None, shown, "a namesake lies in the page's country: left unresolved", best.place)
    far = [r.score - best.score for r in ranked[1:] if best.place.km_to(r.place) > SAME_PLACE_KM]
    # Scores are log10 sizes plus context: the best's share of 10^score among its far namesakes is how likely it is
    # the one meant. Thirty Franklins, the largest a third of their weight, is no reading.
    rivals = any(-gap < NEAR_TIE for gap in far) or 1.0 / (1.0 + sum(10.0 ** gap for gap in far)) < COMMON_SHARE
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
