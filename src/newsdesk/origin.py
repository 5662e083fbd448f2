"""origin: the cues that name the news organisation a passage came from, and wire datelines.

Used by `split`. Each cue is an `Evidence` with a weight that says how much it counts:

* 3.0 — a wire dateline or tag: "KYIV, May 22 (Reuters) –", "WASHINGTON (AP) —", "(CNN) —";
* 2.0 — an outlet speaking of itself: "told CNN", "CNN is not naming", "a Reuters witness",
  "AFP could not independently verify", "in an interview with the BBC";
* 1.5 — a wire's sign-off: "Reporting by …; Editing by …" (Reuters' house form);
* 0.5 — house style, weak on its own: Reuters' "Zelenskiy", AP's "Zelenskyy", Reuters' inline
  "read more" link residue. Style is shared and copied, so it only ever tips a balance.

Citations of another outlet ("according to Reuters", "AFP reported") are not evidence of origin:
outlets cite each other all the time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsdesk.model import Dateline, Evidence

#: Canonical name → the ways pages write it. Short canonical names are what `origin` carries.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "CNN": ("CNN",),
    "BBC": ("BBC", "BBC News"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "UPI": ("UPI", "United Press International"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "Xinhua": ("Xinhua",),
    "TASS": ("TASS", "Tass"),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Ukrinform": ("Ukrinform",),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "PTI": ("PTI",),
    "ANI": ("ANI",),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "Al Jazeera": ("Al Jazeera",),
    "The Guardian": ("The Guardian", "the Guardian"),
    "The New York Times": ("The New York Times", "the New York Times", "NYT"),
    "The Washington Post": ("The Washington Post", "the Washington Post"),
    "NPR": ("NPR",),
    "Fox News": ("Fox News",),
    "NBC News": ("NBC News", "NBC"),
    "CBS News": ("CBS News", "CBS"),
    "ABC News": ("ABC News",),
    "Sky News": ("Sky News",),
    "CNBC": ("CNBC",),
    "Politico": ("Politico", "POLITICO"),
    "Axios": ("Axios",),
    "Deutsche Welle": ("Deutsche Welle", "DW"),
    "Euronews": ("Euronews",),
    "France 24": ("France 24",),
    "RFE/RL": ("RFE/RL", "Radio Free Europe/Radio Liberty", "Radio Free Europe"),
    "VOA": ("VOA", "Voice of America"),
}
# House spellings (weak evidence, see module doc): a word form → the outlet whose style it is.
HOUSE_SPELLINGS: dict[str, str] = {"Zelenskiy": "Reuters", "Zelenskyy": "AP"}

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def _alias_pattern() -> str:
    names = sorted({a for aliases in AGENCIES.values() for a in aliases}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


_ALIAS = _alias_pattern()
_BY_ALIAS = {a.casefold(): name for name, aliases in AGENCIES.items() for a in aliases}
_DASH = r"[-–—:]+"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
# "KYIV, May 22 (Reuters) –", "WASHINGTON (AP) —", "Kyiv, Ukraine (CNN)", "(Reuters) -".
_WIRE_DATELINE = re.compile(
    rf"^(?:(?P<place>[A-Z][\w.'’-]*(?:[ /-][A-Z][\w.'’-]*)*)"
    rf"(?:,\s*(?P<region>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*))?"
    rf"(?:,\s*(?P<date>{_DATE}))?\s*)?"
    rf"\((?P<agency>{_ALIAS}|[A-Z]{{2,6}})\)\s*(?:{_DASH}\s*)?"
)
# "KYIV, Ukraine — " with no agency (newspaper style): the place must be in capitals.
_PLAIN_DATELINE = re.compile(
    rf"^(?P<place>[A-Z]{{3,}}(?:[ /-][A-Z]{{2,}})*)(?:,\s*(?P<region>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)*))?"
    rf"(?:,\s*(?P<date>{_DATE}))?\s+[—–]\s+"
)
_THE = r"(?:the\s+)?"
_SELF_REFERENCE = [re.compile(p.replace("AGENCY", rf"(?P<agency>{_ALIAS})")) for p in (
    rf"\b[Tt]old\s+{_THE}AGENCY\b",
    rf"\b(?:spoke|speaking|talked|talking)\s+(?:exclusively\s+)?(?:to|with)\s+{_THE}AGENCY\b",
    rf"\b(?:an?\s+)?(?:exclusive\s+)?interview\s+with\s+{_THE}AGENCY\b",
    r"\bAGENCY\s+(?:is|was|has|had)\s+(?:not|chosen\s+not\s+to)\s+(?:naming|name|identifying|identify|publishing)",
    r"\bAGENCY\s+(?:has|had)\s+(?:reached\s+out|contacted|asked|requested|obtained|reviewed|verified|"
    r"geolocated|learned|seen|found)\b",
    r"\bAGENCY\s+(?:could|can|was|has\s+been)\s+(?:not|unable\s+to)\s+(?:independently\s+)?(?:verify|confirm|reach)",
    r"\bAGENCY\s+could\s+not\s+(?:independently\s+)?(?:verify|confirm|reach|immediately)",
    r"\bAGENCY\s+understands\b",
    r"\bAGENCY\s+(?:witness|witnesses|journalist|journalists|correspondent|correspondents|reporter|reporters"
    r"|photographer|crew|team|analysis|investigation|tally|calculations?)\b",
    r"\bAGENCY['’]s\s+(?:own\s+)?(?:analysis|investigation|reporting|correspondent|reporter|team|tally)\b",
    rf"\b(?:asked|contacted)\s+by\s+{_THE}AGENCY\b",
)]
_SIGN_OFF = re.compile(
    r"\b(?:Additional\s+)?[Rr]eporting\s+by\s+[A-Z][^\n]{0,120}?;\s*(?:[Ww]riting|[Ee]diting)\s+by\b")
_LINK_RESIDUE = re.compile(r"(?<=[.!?\"”’)\]])\s+(read more)(?=\s|$)")
_HOUSE = re.compile(r"\b(" + "|".join(map(re.escape, HOUSE_SPELLINGS)) + r")\b")


def agency_name(alias: str) -> str | None:
    """The canonical name of an outlet as a page writes it, or None when it is not one we know."""
    return _BY_ALIAS.get(alias.casefold())


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    dateline: Dateline
    evidence: Evidence | None


def match_dateline(text: str, offset: int, reference_date: dt.date | None) -> DatelineMatch | None:
    """A dateline at the very start of `text` (a block starting at `offset` in the page)."""
    m = _WIRE_DATELINE.match(text)
    agency: str | None = None
    if m:
        agency = agency_name(m.group("agency"))
        if agency is None and not m.group("place"):
            return None  # "(ABC) -" with no place and an unknown name: not confident it is a dateline
        agency = agency or m.group("agency")
    else:
        m = _PLAIN_DATELINE.match(text)
        if not m:
            return None
    place = _place_name(m.group("place")) if m.group("place") else None
    date = resolve_month_day(m.group("date"), reference_date) if m.group("date") else None
    end = offset + len(m.group(0).rstrip())
    line = Dateline(offset, end, place, date, agency)
    evidence = Evidence(offset, end, "dateline", agency, 3.0) if agency else None
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
    for pattern in _SELF_REFERENCE:
        for m in pattern.finditer(text):
            agency = agency_name(m.group("agency"))
            if agency:
                found.append(Evidence(offset + m.start(), offset + m.end(), "self_reference", agency, 2.0))
    for m in _SIGN_OFF.finditer(text):
        found.append(Evidence(offset + m.start(), offset + m.end(), "sign_off", "Reuters", 1.5))
    for m in _LINK_RESIDUE.finditer(text):
        found.append(Evidence(offset + m.start(1), offset + m.end(1), "link_residue", "Reuters", 0.5))
    for m in _HOUSE.finditer(text):
        found.append(Evidence(offset + m.start(), offset + m.end(), "house_spelling",
                              HOUSE_SPELLINGS[m.group()], 0.5))
    # The same characters can match two self-reference forms; keep each place once.
    unique: dict[tuple[int, str], Evidence] = {}
    for e in found:
        key = (e.start, e.agency)
        if key not in unique or unique[key].end < e.end:
            unique[key] = e
    return sorted(unique.values(), key=lambda e: e.start)


#: How much one kind of weak evidence may add up to: repeating a house spelling ten times is still
#: one hint, not ten.
WEAK_CAP = 0.75
#: The total an outlet needs to be named as a story's origin: one strong cue, or two kinds of weak ones.
ORIGIN_THRESHOLD = 1.5


def decide_origin(evidence: list[Evidence]) -> tuple[str | None, list[Evidence]]:
    """The outlet the evidence names, with the evidence for it; None when it does not clearly name one."""
    totals: dict[str, float] = {}
    per_kind: dict[tuple[str, str], float] = {}
    for e in evidence:
        key = (e.agency, e.kind)
        cap = WEAK_CAP if e.weight < 1.0 else float("inf")
        add = min(e.weight, cap - per_kind.get(key, 0.0))
        if add > 0:
            per_kind[key] = per_kind.get(key, 0.0) + add
            totals[e.agency] = totals.get(e.agency, 0.0) + add
    if not totals:
        return None, []
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    # Two outlets with comparable evidence is a stitched story we could not cut: say we do not know.
    if score < ORIGIN_THRESHOLD or runner_up * 2 > score:
        return None, evidence
    return best, [e for e in evidence if e.agency == best]
