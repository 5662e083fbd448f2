"""origin: the cues that name the news organisation a passage came from, and wire datelines.

Used by `split`. Each cue is an `Evidence` with a weight that says how much it counts and why:

* 4.0–6.0 — a credit line or byline (`newsdesk.text.credit`): "The post … appeared first on X",
  "© 2022 X", "By Jane Doe, X". The publisher saying where the text came from.
* 2.0–2.75 — a short line read as a credit by its shape alone (`newsdesk.text.credit_shape`), no phrase
  of the grammar, more the more classes of its evidence agree: weighed with the text's cues
  (`read_by_shape`), it names the origin only where no credit, byline or dateline does, and where
  another outlet's cue comes near, the origin is None;
* 3.0 — a wire dateline or tag: "KYIV, May 22 (Reuters) –", "WASHINGTON (AP) —", "(CNN) —"; and the
  whole wire form with an outlet no list knows, a place, a day and a bracketed name before a dash
  ("BEIJING, Oct. 4 (Quillwick) --", "DENVER, May 2, 2022 /HarbourWire/ --"): the slot is the outlet's,
  whatever its name. Without the day ("DENVER--(HARBOUR WIRE)--", "Mannheim (Sports Network) -", taken
  after a place the gazetteer knows) it counts 0.9: it cuts the page, but names no origin on its own;
* 2.0 — an outlet speaking of itself: "CNN is not naming", "a Reuters witness", "AFP could not
  independently verify", "Reuters has seen". Several add up, to at most 3.0 an outlet: a report
  that relays another outlet's reporting repeats its phrases;
* 1.5 — a wire's sign-off: "Reporting by …; Editing by …" (Reuters' house form);
* 0.75 — an interview given to an outlet: "told NBC News", "in an interview with the BBC". The
  outlet's own reports say this, and so do the reports that cite them: one names nothing, two
  interviews in one story can (at most 1.5 an outlet);
* 0.5 — house style: Reuters' "Zelenskiy", AP's "Zelenskyy", Reuters' inline "read more" link
  residue. Style is shared and copied, so it only ever tips a balance;
* 0.25 — a citation: "according to Reuters", "Reuters reported", "AFP said". Outlets cite each
  other all the time: it is listed so the reader sees it was weighed, and it never decides.

* 3.0 — the page's markup (`page_evidence`, from `PageMeta`): a canonical link or og:url on another
  outlet's domain, Google News' syndication-source or original-source tag, a JSON-LD isBasedOn,
  sourceOrganization or author naming another outlet. It speaks for the whole page, so it is given only to a
  page's one story, and never outweighs what the page's own credit lines say: where they name
  another outlet, the origin is None (a page can carry a stale or templated tag).

A copyright line standing below a story's own cues and naming an outlet nothing else in the story
names counts 0.5 (`below_own_cues`): a page ends with the site's copyright, which falls into its last
story.

`decide_origin` weighs them in two tiers: what the page's furniture and datelines say (credit lines,
bylines, datelines: where a story sits and who signed it) decides when there is any; the text's
own cues decide only without it. Either way, an outlet is named only when its evidence is clear and
no other outlet's comes near; otherwise the origin is None and every cue weighed is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from newsdesk.model import Dateline, Evidence, PageMeta
from newsdesk.text.credit import name_shaped, outlet_shaped
from newsdesk.text.outlets import (
    OUTLETS,
    domain_host,
    domain_label,
    is_domain,
    known_name,
    letters,
    outlet_name,
    spells,
)
from newsdesk.text.places import is_place_name
from newsdesk.text.sites import own_site_names, page_addresses, same_site

#: Canonical name → the ways pages write it (from `newsdesk.text.outlets`, where domains are kept too).
AGENCIES: dict[str, tuple[str, ...]] = {name: aliases for name, (aliases, _) in OUTLETS.items()}
# House spellings (weak evidence, see module doc): a word form → the outlet whose style it is.
HOUSE_SPELLINGS: dict[str, str] = {"Zelenskiy": "Reuters", "Zelenskyy": "AP"}

#: A dateline naming an outlet in no list ("Mannheim (Sports Network) -"): below every strong cue, so it
#: neither forces a cut between outlets nor names an origin alone.
UNLISTED_DATELINE_WEIGHT = 0.9

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def _alias_pattern() -> str:
    names = sorted({a for aliases in AGENCIES.values() for a in aliases}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_ALIAS = _alias_pattern()
_DASH = r"[-–—:]+"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
# "KYIV, May 22 (Reuters) –", "WASHINGTON (AP) —", "Kyiv, Ukraine (CNN)", "(Reuters) -".
# "Kyiv [Ukraine], March 3 (ANI):" and "MOSCOW, March 3. /TASS/." as some agencies print them.
# A word of a place's name: a hyphen inside it ("Baden-Baden"), never a dash after it ("DENVER--").
_PLACE_WORD = r"[A-Z][\w.'’]*(?:-[\w.'’]+)*"
_WIRE_DATELINE = re.compile(
    rf"^(?:(?P<place>{_PLACE_WORD}(?:[ /-]{_PLACE_WORD})*)(?:\s*\[[A-Z][\w .'’-]*\])?"
    rf"(?:,\s*(?P<region>{_PLACE_WORD}(?:\s{_PLACE_WORD})*))?"
    rf"(?:,\s*(?P<date>{_DATE}))?(?:\.|\s*--)?\s*)?"
    rf"(?:\((?P<agency>{_ALIAS}|[A-Z]{{2,6}})\)|/(?P<slashed>{_ALIAS}|[A-Z]{{2,6}})/\.?"
    # an outlet in no list: a capitalised name, taken only after a known place and before a dash
    # ("SPRINGFIELD--(HARBOUR WIRE)--"), or one word between slashes after a place and a full date, as
    # press-release wires print them ("DENVER, May 2, 2022 /HarbourWire/ --")
    rf"|\((?P<named>[A-Z][\w&.'’-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&.'’-]*){{0,4}})\)(?=\s*[-–—])"
    rf"|/(?P<named_slashed>[A-Z][A-Za-z0-9&.-]{{2,30}})/(?=\s*[-–—]))"
    rf"\s*(?:{_DASH}\s*)?"
)
# "KYIV, Ukraine — " with no agency (newspaper style): the place must be in capitals.
# "NEW DELHI: The government…": after a colon the place must be one the gazetteer knows ("UPDATE:" is none).
_PLAIN_DATELINE = re.compile(
    rf"^(?P<place>[A-Z]{{3,}}(?:[ /-][A-Z]{{2,}})*)(?:,\s*(?P<region>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*))?"
    rf"(?:,\s*(?P<date>{_DATE}))?(?:\s+[—–]\s+|(?P<colon>:)\s+(?=[A-Z]))"
)
_THE = r"(?:the\s+)?"


def _outlet_patterns(*forms: str) -> list[re.Pattern[str]]:
    return [re.compile(p.replace("AGENCY", rf"(?P<agency>{_ALIAS})")) for p in forms]


# An outlet speaking of itself: what only its own reporters write.
_SELF_REFERENCE = _outlet_patterns(
    r"\bAGENCY\s+(?:is|was|has|had)\s+(?:not|chosen\s+not\s+to)\s+(?:naming|name|identifying|identify|publishing)",
    r"\bAGENCY\s+(?:has|had)\s+(?:reached\s+out|contacted|asked|requested|obtained|reviewed|verified|"
    r"geolocated|learned|seen|found)\b",
    r"\bAGENCY\s+(?:could|can|was|has\s+been)\s+(?:not|unable\s+to)\s+(?:independently\s+)?(?:verify|confirm|reach)",
    r"\bAGENCY\s+could\s+not\s+(?:independently\s+)?(?:verify|confirm|reach|immediately)",
    r"\bAGENCY\s+understands\b",
    r"\bAGENCY\s+(?:witness|witnesses|journalist|journalists|correspondent|correspondents|reporter|reporters"
    r"|photographer|crew|team|analysis|investigation|tally|calculations?)\b",
    r"\bAGENCY['’]s\s+(?:own\s+)?(?:analysis|investigation|reporting|correspondent|reporter|team|tally)\b",
    r"\b(?:request|requests)\s+for\s+comment\s+from\s+{_THE}AGENCY\b".replace("{_THE}", _THE),
    r"\b(?:an?\s+)?AGENCY\s+request\s+for\s+comment\b",
    r"\b(?:messages|calls|emails?)\s+from\s+{_THE}AGENCY\s+seeking\s+comment\b".replace("{_THE}", _THE),
    rf"\b(?:asked|contacted|reached)\s+by\s+{_THE}AGENCY\b",
)
# An interview given to an outlet: its own reports say it, and so do reports that cite them.
_INTERVIEW = _outlet_patterns(
    rf"\b[Tt]old\s+{_THE}AGENCY\b",
    rf"\b(?:spoke|speaking|talked|talking)\s+(?:exclusively\s+)?(?:to|with)\s+{_THE}AGENCY\b",
    rf"\b(?:an?\s+)?(?:exclusive\s+)?interview\s+with\s+{_THE}AGENCY\b",
)
# A citation of another outlet's reporting.
_CITATION = _outlet_patterns(
    rf"\b(?i:according\s+to|reported\s+by|cited\s+by|quoted\s+by|quoting|citing|cited)\s+{_THE}AGENCY\b",
    r"\bAGENCY\s+(?:reported|reports|said|says|quoted|cited|wrote|writes|has\s+reported|first\s+reported)\b",
    rf"\b(?:told|reports?\s+(?:by|in|from))\s+{_THE}AGENCY\s+news\s+agency\b",
)
_SIGN_OFF = re.compile(
    r"\b(?:Additional\s+)?[Rr]eporting\s+by\s+[A-Z][^\n]{0,120}?;\s*(?:[Ww]riting|[Ee]diting)\s+by\b")
_LINK_RESIDUE = re.compile(r"(?<=[.!?\"”’)\]])\s+(read more)(?=\s|$)")
_HOUSE = re.compile(r"\b(" + "|".join(map(re.escape, HOUSE_SPELLINGS)) + r")\b")


def agency_name(alias: str) -> str | None:
    """The canonical name of an outlet as a page writes it, or None when it is not one we know."""
    return known_name(alias)


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    dateline: Dateline
    evidence: Evidence | None


def match_dateline(text: str, offset: int, reference_date: dt.date | None) -> DatelineMatch | None:
    """A dateline at the very start of `text` (a block starting at `offset` in the page)."""
    m = _WIRE_DATELINE.match(text)
    agency: str | None = None
    unlisted = m.group("named") or m.group("named_slashed") if m else None
    if m and unlisted and not known_name(unlisted):
        # "Mannheim, Germany (Sports Network) -": the place must be one the gazetteer knows, and the name
        # must be named like an outlet ("Jane Doe (Labour Party) -" is neither), or stand between
        # slashes after a full date.
        places = [p for p in (m.group("place"), m.group("region")) if p]
        full_date = bool(m.group("date") and re.search(r"\d{4}", m.group("date")))
        # A place, a day and a bracketed name before a dash is the whole wire form: the slot is the
        # outlet's whatever its name is ("BEIJING, Oct. 4 (Gaskand) --"), as long as it is a name.
        shaped = (outlet_shaped(unlisted) or (bool(m.group("date")) and name_shaped(unlisted))
                  if m.group("named") else full_date)
        if not (places and any(is_place_name(p) for p in places) and shaped):
            m = None
    if m:
        tag: str = m.group("agency") or m.group("slashed") or unlisted or ""
        agency = agency_name(tag)
        if agency is None and not m.group("place"):
            return None  # "(ABC) -" with no place and an unknown name: not confident it is a dateline
        agency = agency or tag
    else:
        m = _PLAIN_DATELINE.match(text)
        if not m or (m.group("colon") and not is_place_name(m.group("place"))):
            return None
    place = _place_name(m.group("place")) if m.group("place") else None
    date = resolve_month_day(m.group("date"), reference_date) if m.group("date") else None
    end = offset + len(m.group(0).rstrip())
    line = Dateline(offset, end, place, date, agency)
    evidence = Evidence(offset, end, "dateline", agency, 3.0, "a wire dateline opens the story") if agency else None
    if evidence is not None and unlisted and not known_name(unlisted) and not m.group("date"):
        # An outlet no list knows: the shape says where the story starts, but whether the name is the
        # story's source or one it passes on is left to the page's other evidence.
        evidence = replace(evidence, weight=UNLISTED_DATELINE_WEIGHT,
                           why="a dateline names an outlet no list knows: a hint, not a source")
    return DatelineMatch(line, evidence)


def _place_name(raw: str) -> str:
    """KYIV → Kyiv, NEW YORK → New York, KYIV/LVIV → Kyiv/Lviv; mixed case is kept as written."""
    if raw.upper() != raw:
        return raw
    return re.sub(r"[A-Z][A-Z'’.]*", lambda w: w.group().capitalize(), raw)


def resolve_month_day(raw: str, reference_date: dt.date | None) -> str | None:
    """"May 22" → 2022-05-22 against a reference date in 2022; XXXX-05-22 when no date tells the year.

    A dateline names a day at or shortly before publication, so the year is the reference date's,
    unless that would put the day more than a month after it (a January page citing "Dec 30").
    """
    m = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?", raw)
    if not m:
        return None
    month = _MONTHS.get(m.group(1)[:3].casefold())
    day = int(m.group(2))
    if month is None or not 1 <= day <= 31:
        return None
    if m.group(3):
        year = int(m.group(3))
    elif reference_date is None:
        return f"XXXX-{month:02d}-{day:02d}"
    else:
        year = reference_date.year
        try:
            if dt.date(year, month, day) - reference_date > dt.timedelta(days=31):
                year -= 1
        except ValueError:
            return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_evidence(text: str, offset: int) -> list[Evidence]:
    """Every origin cue inside one block of body text (not its dateline: see `match_dateline`)."""
    found: list[Evidence] = []
    for patterns, kind, weight, why in (
            (_SELF_REFERENCE, "self_reference", 2.0, "the outlet speaks of itself"),
            (_INTERVIEW, "interview", 0.75, "someone spoke to the outlet: its own reports say so, and citations"),
            (_CITATION, "citation", 0.25, "the outlet is cited: citing an outlet is not being it")):
        for pattern in patterns:
            for m in pattern.finditer(text):
                agency = agency_name(m.group("agency"))
                if agency:
                    found.append(Evidence(offset + m.start(), offset + m.end(), kind, agency, weight, why))
    for m in _SIGN_OFF.finditer(text):
        found.append(Evidence(offset + m.start(), offset + m.end(), "sign_off", "Reuters", 1.5,
                              "Reuters' sign-off form: Reporting by …; Editing by …"))
    for m in _LINK_RESIDUE.finditer(text):
        found.append(Evidence(offset + m.start(1), offset + m.end(1), "link_residue", "Reuters", 0.5,
                              "Reuters' inline link residue, a house style"))
    for m in _HOUSE.finditer(text):
        found.append(Evidence(offset + m.start(), offset + m.end(), "house_spelling",
                              HOUSE_SPELLINGS[m.group()], 0.5, "a house spelling, shared and copied"))
    # The same characters can match two forms; keep each place once, the stronger reading.
    unique: dict[tuple[int, str], Evidence] = {}
    for e in found:
        key = (e.start, e.agency)
        if key not in unique or (e.weight, e.end) > (unique[key].weight, unique[key].end):
            unique[key] = e
    return sorted(unique.values(), key=lambda e: e.start)


#: How much one kind of weak evidence may add up to: repeating a house spelling ten times is still
#: one hint, not ten.
WEAK_CAP = 0.75
#: Interviews given to one outlet add up to this: one is a citation, two in one story (its reporters
#: talking to two people) reach the threshold, more add nothing.
INTERVIEW_CAP = 1.5
#: How much an outlet's self-references may add up to: a report relaying another outlet's
#: reporting repeats its phrases, which must not outweigh the page's own credit line.
SELF_REFERENCE_CAP = 3.0
#: The total an outlet needs to be named as a story's origin: one strong cue, or two kinds of weak ones.
ORIGIN_THRESHOLD = 1.5
#: What the page's markup says of its source (`page_evidence`): one statement however many tags repeat it.
PAGE_META_WEIGHT = 3.0
#: The cues of where a story sits and who signed it, and the page's markup, weighed before the text's own cues.
POSITIONAL_KINDS = frozenset({"credit", "byline", "dateline", "page_meta"})


def page_evidence(meta: PageMeta | None, url: str | None = None, at: int = 0) -> list[Evidence]:
    """What the page's markup says of where its text came from, as evidence (an empty span at `at`).

    A canonical link or og:url names an outlet only when it is known to point off the page's own
    site (`newsdesk.text.sites.page_addresses`: most such links are the page's own address, and a
    site's name often does not spell its domain). The tags that exist to name a source
    (syndication-source, original-source, JSON-LD isBasedOn and sourceOrganization, and a JSON-LD
    author that is a known news organisation) name one unless they name the site itself."""
    if meta is None:
        return []
    own = own_site_names(meta, url)
    _, elsewhere = page_addresses(meta, url)
    cues: list[tuple[str, str]] = [
        *((v, "the page's canonical link points to" if v == meta.canonical_url else "the page's og:url points to")
          for v in elsewhere),
        *((v, why) for v, why in ((meta.syndication_source, "the page's syndication-source tag names"),
                                  (meta.original_source, "the page's original-source tag names")) if v),
        *((ref, "the page's JSON-LD says it is based on") for ref in meta.based_on),
        *((name, "the page's JSON-LD names its source organization") for name in meta.source_organizations),
        # an author that is a news organisation we know (a person's name never is one)
        *((name, "the page's JSON-LD gives its author as") for name in meta.authors if known_name(name))]
    found: list[Evidence] = []
    for value, why in cues:
        surface = domain_host(value) if _is_url(value) else value
        if any(same_site(surface, mine) for mine in own):
            continue
        name = outlet_name(surface, own)
        if name is None or len(letters(name)) < 2:
            continue
        found.append(Evidence(at, at, "page_meta", name, PAGE_META_WEIGHT, f"{why} {surface}"))
    return found


def _is_url(value: str) -> bool:
    return bool(re.match(r"(?i)https?://", value)) or (" " not in value and is_domain(value))


def origin_scores(evidence: list[Evidence]) -> list[tuple[str, float]]:
    """Each outlet's weighed total, highest first, with the caps applied."""
    totals: dict[str, float] = {}
    per_kind: dict[tuple[str, str], float] = {}
    for e in evidence:
        key = (e.agency, e.kind)
        cap = (INTERVIEW_CAP if e.kind == "interview" else WEAK_CAP if e.weight < 1.0
               else SELF_REFERENCE_CAP if e.kind == "self_reference"
               else PAGE_META_WEIGHT if e.kind == "page_meta" else float("inf"))
        add = min(e.weight, cap - per_kind.get(key, 0.0))
        if add > 0:
            per_kind[key] = per_kind.get(key, 0.0) + add
            totals[e.agency] = totals.get(e.agency, 0.0) + add
    return sorted(((a, round(t, 3)) for a, t in totals.items()), key=lambda kv: (-kv[1], kv[0]))


def _clear_winner(ranked: list[tuple[str, float]]) -> str | None:
    if not ranked:
        return None
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    # Two outlets with comparable evidence: a stitched story we could not cut, or a page that
    # contradicts itself. Say we do not know.
    if score < ORIGIN_THRESHOLD or runner_up * 2 > score:
        return None
    return best


def same_outlet_names(evidence: list[Evidence]) -> list[Evidence]:
    """The evidence with one name for one outlet: an unknown domain named as the outlet it spells, where
    the story's evidence names that outlet too ("via sunjournal.com" under "by Rob Delaney (Sun
    Journal)"), and a name in capitals as the same name in ordinary case: one outlet, not two in conflict."""
    names = {e.agency for e in evidence if not is_domain(e.agency)}
    renamed = {}
    # One outlet written in capitals on one line and not on another ("STUFF", "Stuff"): the name as
    # written in ordinary case.
    by_letters: dict[str, list[str]] = {}
    for name in sorted(names):
        by_letters.setdefault(letters(name), []).append(name)
    for spellings in by_letters.values():
        if len(spellings) > 1:
            usual = min(spellings, key=lambda n: (n.isupper(), n))
            renamed.update({n: usual for n in spellings if n != usual})
    names -= set(renamed)
    for e in evidence:
        if e.agency not in renamed and is_domain(e.agency):
            label = domain_label(domain_host(e.agency))
            spelled = sorted(n for n in names if spells(label, n))
            if len(spelled) == 1:
                renamed[e.agency] = spelled[0]
    return [replace(e, agency=renamed[e.agency]) if e.agency in renamed else e for e in evidence]


#: What a copyright line set below a story's own cues still counts (`below_own_cues`): a hint.
TRAILING_COPYRIGHT_WEIGHT = 0.5
_COPYRIGHT_WHY = "a credit line (copyright)"  # how `newsdesk.text.credit.Credit.why` begins for a copyright line


def below_own_cues(evidence: list[Evidence]) -> list[Evidence]:
    """The evidence with a copyright line standing below the story's own cues weighed as a hint.

    A page ends with the site's copyright ("© 2022 Site. All rights reserved."), and that line falls
    into its last story. Where the story already has a cue of where it sits naming another outlet
    above it (a dateline, a byline, its own credit line), a copyright line further down, naming an
    outlet nothing else in the story names, is as likely the site's footer as the story's credit: it
    is kept and listed, with the weight of a hint. Taken from the bottom up, so a site's two
    footer lines ("© Site", "© Site's owner") both are."""
    out = list(evidence)
    while True:
        positional = sorted((k for k, e in enumerate(out) if e.kind in POSITIONAL_KINDS and e.weight >= 1.0),
                            key=lambda k: out[k].start)
        if len(positional) < 2:
            return out
        last = out[positional[-1]]
        alone = sum(e.agency == last.agency for e in out) == 1
        others_above = any(out[k].agency != last.agency and out[k].start < last.start for k in positional[:-1])
        if not (last.kind == "credit" and last.why.startswith(_COPYRIGHT_WHY) and alone and others_above):
            return out
        out[positional[-1]] = replace(last, weight=TRAILING_COPYRIGHT_WEIGHT,
                                      why="a copyright line below the story's own cues: the site's footer as "
                                          "likely as the story's credit")


_SHAPE_WHY = "a credit line (shape read)"  # how `Credit.why` begins for a line read by its shape


def read_by_shape(evidence: Evidence) -> bool:
    """Whether a credit was read by its shape alone (`newsdesk.text.credit_shape`), not by the grammar:
    it is weighed with the text's own cues, so it decides only where no credit, byline or dateline
    does, and a cue of the text naming another outlet leaves the origin open."""
    return evidence.why.startswith(_SHAPE_WHY)


def decide_origin(evidence: list[Evidence]) -> tuple[str | None, list[Evidence]]:
    """The outlet the evidence names, with the evidence for it; None, with every cue weighed, when it
    does not clearly name one (see the module doc for the two tiers)."""
    if not evidence:
        return None, []
    evidence = below_own_cues(same_outlet_names(evidence))
    # A positional hint too weak to name anyone (a dateline naming an unlisted outlet) is weighed with
    # the text's cues, so that it does not silence them.
    positional = [e for e in evidence if e.kind in POSITIONAL_KINDS and e.weight >= 1.0 and not read_by_shape(e)]
    tier = positional if positional else evidence
    best = _clear_winner(origin_scores(tier))
    # The markup speaks for the page, the credit lines and datelines for the story: where they do not
    # agree on one outlet (or the markup names two), the page contradicts itself.
    marked = {e.agency for e in evidence if e.kind == "page_meta"}
    signed = {e.agency for e in positional if e.kind != "page_meta"}
    if marked and (len(marked) > 1 or (signed and signed != marked)):
        return None, evidence
    if best is None:
        return None, evidence
    return best, [e for e in evidence if e.agency == best]
