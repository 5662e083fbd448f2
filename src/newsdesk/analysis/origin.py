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
  after a place the gazetteer knows; "(Quillwick) —", "(XKW) Officials said", taken where the name is
  no word, place or person: `open_outlet`) it counts 0.9: it cuts the page, never forces a cut between
  outlets, and names the origin only where nothing else in the story names another outlet (`_hinted`);
* 2.0 — an outlet speaking of itself: "CNN is not naming", "a Reuters witness", "AFP could not
  independently verify", "Reuters has seen". Several add up, to at most 3.0 an outlet: a report
  that relays another outlet's reporting repeats its phrases. The shapes only a newsroom says of
  itself ("… could not independently verify", "… request for comment from X", "contacted by X") are
  read with the slot open too, for outlets no list knows (`_OPEN_SELF_REFERENCE`);
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

A copyright line standing below a story's own cues and naming an outlet only copyright lines in the
story name counts 0.5 (`below_own_cues`): a page ends with the site's copyright, which falls into its
last story, and some sites repeat it under every story.

`decide_origin` weighs them in two tiers: what the page's furniture and datelines say (credit lines,
bylines, datelines: where a story sits and who signed it) decides when there is any; the text's
own cues decide only without it. Either way, an outlet is named only when its evidence is clear and
no other outlet's comes near; otherwise the origin is None and every cue weighed is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

from newsdesk.model import Dateline, Evidence, PageMeta
from newsdesk.text.credit import name_shaped, outlet_shaped
from newsdesk.text.credit_words import NOT_SOURCES, OUTLET_HEADS
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
    rf"|\((?P<named>[A-Z][\w&.'’-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&.'’-]*){{0,4}}|[a-z][a-z0-9]{{2,15}})\)"
    rf"(?=\s*[-–—])"
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

# The same shapes with the outlet's slot open: an outlet no list knows speaks of itself as a listed one
# does ("Quillwick could not independently verify", "a request for comment from The Harbour Wire").
# Only the shapes a person or an institution rarely fills: "independently", "for comment", "seeking
# comment" and a reporter's role say a newsroom is speaking. OPEN is the slot (`_OPEN_NAME`); the name
# in it is taken only where `open_outlet` finds it shaped like an outlet's and unlike a word, place
# or person.
_OPEN_WORD = r"[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*"
_OPEN_NAME = rf"(?:[Tt]he\s+)?(?:{_OPEN_WORD}(?:\s+{_OPEN_WORD}){{0,3}}|[a-z][a-z0-9]{{2,15}})"
_OPEN_SELF_REFERENCE = [re.compile(p.replace("OPEN", rf"(?P<agency>{_OPEN_NAME})")) for p in (
    r"\bOPEN\s+(?:could|can|was|were|has\s+been|is)\s+(?:not|unable\s+to)\s+independently\s+(?:verify|confirm)",
    r"\bOPEN\s+could\s+not\s+independently\s+(?:verify|confirm)",
    r"\bOPEN\s+(?:is|was|has|had)\s+(?:not|chosen\s+not\s+to)\s+(?:naming|identifying|publishing)\b",
    r"\bOPEN\s+(?:has|had)\s+(?:reached\s+out\s+to|contacted|asked)\b[^.!?]{0,80}?\bfor\s+comment\b",
    # the clause ends with the name: "… from Smith's office" and "… from Smith about the vote" ask a person
    r"\b(?:request|requests)\s+for\s+comment\s+from\s+OPEN(?=\s*[.,;:]|\s*$)",
    r"\b(?:[Aa]n?\s+)OPEN\s+request\s+for\s+comment\b",
    r"\b(?:messages|calls|emails?)\s+from\s+OPEN\s+seeking\s+comment\b",
    r"\b(?:contacted|reached)\s+by\s+OPEN(?=\s+(?:declined|did|had|has|was|were|said|could|would)\b|[.,;])",
    r"\b(?:[Aa]n?\s+)OPEN\s+(?:witness|journalist|correspondent|reporter|photographer|camera\s+crew)\b",
    r"\b[Tt]he\s+OPEN\s+understands\b",
)]
# An interview given to an outlet no list knows: said of people too ("told Smith"), so only a name
# written as a brand is (`open_outlet` with `brand_only`).
_OPEN_INTERVIEW = [re.compile(p.replace("OPEN", rf"(?P<agency>{_OPEN_NAME})")) for p in (
    r"\b[Tt]old\s+OPEN(?=[\s,.;])",
    r"\b(?:an?\s+)?(?:exclusive\s+)?interview\s+with\s+OPEN(?=[\s,.;])",
)]
_SIGN_OFF = re.compile(
    r"\b(?:Additional\s+)?[Rr]eporting\s+by\s+[A-Z][^\n]{0,120}?;\s*(?:[Ww]riting|[Ee]diting)\s+by\b")
_LINK_RESIDUE = re.compile(r"(?<=[.!?\"”’)\]])\s+(read more)(?=\s|$)")
_HOUSE = re.compile(r"\b(" + "|".join(map(re.escape, HOUSE_SPELLINGS)) + r")\b")


#: Words no outlet is named by alone: pronouns, determiners and the small words of a sentence (WordNet's
#: nouns, `_english_nouns`, hold the content words).
_FUNCTION_WORDS = frozenset("""
    i you he she it we they me him her us them my your his its our their this that these those who whom whose
    which what there here one some any all each every both no none such other another someone somebody anyone
    everyone nobody and or but nor so yet if then than as at by for from in into of on to with without after
    before since while when where why how however meanwhile also not also although though because both either
    neither later earlier today yesterday tomorrow now still
""".split())
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                      "july august september october november december".split())
# A title before a surname: the name is a person's ("Mr Quillwick", "Dr. Quillwick").
_HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|Gen|Col|Capt|Sgt|Rep|Sen|Gov|President|Minister)\.?"


@cache
def _english_nouns() -> frozenset[str]:
    """WordNet's single-word nouns (the packaged table `models/noun_senses`), with their irregular plurals:
    a word of the language is no outlet's invented name ("Police could not independently verify")."""
    path = Path(str(resources.files("newsdesk").joinpath("models", "noun_senses", "senses.json")))
    if not path.is_file():
        return frozenset()
    table = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(table["words"]) | frozenset(table["plurals"])


def english_word(word: str) -> bool:
    """Whether a word is one of the language's (a noun WordNet lists, in any number, or a small word)."""
    w = word.casefold().strip(".,'’")
    if w in _FUNCTION_WORDS:
        return True
    nouns = _english_nouns()
    # a noun's plural, or a verb or adjective made on a noun's stem ("pictured", "updating", "locally")
    return w in nouns or any(w.endswith(end) and len(w) > len(end) + 2 and w[:-len(end)] + add in nouns
                             for end, add in _DERIVED_ENDINGS)


_DERIVED_ENDINGS = (("s", ""), ("es", ""), ("ies", "y"), ("d", ""), ("ed", ""), ("ied", "y"), ("ing", ""),
                    ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""), ("al", ""), ("ful", ""))


def _person_named(name: str, block: str) -> bool:
    """Whether the block writes the name as a person's: after a title or a first name ("Mr Quillwick",
    "Jane Quillwick"; not "On Monday Quillwick")."""
    n = re.escape(name)
    if re.search(rf"\b{_HONORIFICS}\s+{n}\b", block):
        return True
    return any(m.group(1).casefold() not in _FUNCTION_WORDS and m.group(1).casefold() not in _CALENDAR
               for m in re.finditer(rf"\b([A-Z][a-z]+)\s+{n}\b", block))


def open_outlet(surface: str, block: str, brand_only: bool = False) -> str | None:
    """The outlet an open slot names (`_OPEN_SELF_REFERENCE`), or None where the name is not one an outlet
    could have: a word of the language ("Police", "The Pentagon"), a place, a person written as one in
    the block, a picture agency or platform. An outlet a list knows is named as the list names it.

    One word must be no English word; a longer name must be shaped like an outlet's (`outlet_shaped`:
    "Harbour Press"). With `brand_only` (an interview: "told Quillwick" is said of people too) one word
    must be written in capitals."""
    name = re.sub(r"^[Tt]he\s+", "", surface.strip())
    if re.search(r"['’]s?$", name):
        return None  # a possessive: "Tarrow's office" is whose, not who
    known = known_name(name) or known_name(surface.strip())
    if known:
        return known
    words = name.split()
    if not 1 <= len(words) <= 4 or is_place_name(name) or any(w.casefold() in NOT_SOURCES for w in words):
        return None
    if len(words) > 1:
        return name if outlet_shaped(name) and not english_word(words[0]) else None
    if english_word(name) or len(letters(name)) < 2:
        return None
    if brand_only and not (name.isupper() and 2 <= len(name) <= 6):
        return None
    if name[:1].isupper() and not name.isupper() and _person_named(name, block):
        return None
    return name


#: Why an interview with an outlet no list knows is weighed: one counts, more add nothing (`origin_scores`), as
#: initials in that slot may be a police force's or an agency's ("an interview with NYPD") as well.
_OPEN_INTERVIEW_WHY = "someone spoke to an outlet no list knows"


def _open_evidence(text: str, offset: int) -> list[Evidence]:
    """The open-slot shapes' evidence in one block: each match whose name `open_outlet` takes, tried on
    shorter names from the left too ("On Monday Quillwick could not …" holds "Quillwick")."""
    found: list[Evidence] = []
    for patterns, kind, weight, why, brand_only in (
            (_OPEN_SELF_REFERENCE, "self_reference", 2.0, "an outlet no list knows speaks of itself", False),
            (_OPEN_INTERVIEW, "interview", INTERVIEW_WEIGHT, _OPEN_INTERVIEW_WHY, True)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                raw = m.group("agency")
                # the leftmost match may start on a word before the name ("Monday Quillwick")
                cuts = [0, *(w.end() for w in re.finditer(r"\s+", raw))]
                for cut in cuts:
                    name = open_outlet(raw[cut:], text, brand_only)
                    # a listed outlet is the listed shapes' to read (`_SELF_REFERENCE`)
                    if name is not None and known_name(name) is None:
                        start = m.start("agency") + cut
                        found.append(Evidence(offset + min(m.start(), start), offset + m.end(), kind, name,
                                              weight, why))
                        break
    return found


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
        # A bracketed name before a dash, at a paragraph's start, that no word, place or person is
        # ("(Quillwick) —", "Athens (quillwick) -"): the tag an outlet's dateline puts there, with or
        # without a place.
        opened = (m.group("named") is not None and open_outlet(unlisted, text) is not None
                  and (not places or any(is_place_name(p) for p in places)))
        if not ((places and any(is_place_name(p) for p in places) and shaped) or opened):
            m = None
    if m:
        tag: str = m.group("agency") or m.group("slashed") or unlisted or ""
        agency = agency_name(tag)
        if agency is None and not m.group("place"):
            # "(ABC) -" with no place and an unknown name is a dateline only where the name is written as
            # an outlet's initials are and no word or wire flag is ("(UPDATE)", "(RPT)"), before a dash or
            # a sentence ("(XKW) Officials said …"); it is then a hint (`UNLISTED_DATELINE_WEIGHT`).
            if unlisted is None and not _open_initials(tag, text[m.end():]):
                return None
            unlisted = unlisted or tag
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


#: The flags wires set in brackets before an item ("(RPT)", "(CORRECTED)"): status, not an outlet.
_WIRE_FLAGS = frozenset("new rpt repeat corrected correction updated update fixed refile refiled urgent adds "
                        "recasts lead live video photos watch".split())


def _open_initials(tag: str, after: str) -> bool:
    """Whether a bracketed tag no list knows opening a paragraph is an outlet's initials: two to five
    capitals that spell no word or wire flag, before a dash or a sentence's capital."""
    return (tag.isupper() and 2 <= len(tag) <= 5 and tag.casefold() not in _WIRE_FLAGS
            and not english_word(tag) and re.match(r"\s*(?:[-–—]|[A-Z\"“])", after) is not None)


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
            (_INTERVIEW, "interview", INTERVIEW_WEIGHT,
             "someone spoke to the outlet: its own reports say so, and citations"),
            (_CITATION, "citation", 0.25, "the outlet is cited: citing an outlet is not being it")):
        for pattern in patterns:
            for m in pattern.finditer(text):
                agency = agency_name(m.group("agency"))
                if agency:
                    found.append(Evidence(offset + m.start(), offset + m.end(), kind, agency, weight, why))
    found.extend(_open_evidence(text, offset))
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
#: What one interview given to an outlet counts (`find_evidence`).
INTERVIEW_WEIGHT = 0.75
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
        cap = (INTERVIEW_WEIGHT if e.kind == "interview" and e.why == _OPEN_INTERVIEW_WHY
               else INTERVIEW_CAP if e.kind == "interview" else WEAK_CAP if e.weight < 1.0
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
    # One brand no list knows, with and without words outlets are named with ("Quillwick", "Quillwick
    # News"): the longer name, where the shorter is the longer's words less such words and one name is longest.
    # Listed outlets have one name already ("New York Times" and "New York Post" are two).
    unlisted = sorted(n for n in names if not known_name(n))
    for short in unlisted:
        words = _name_words(short)
        longer = [n for n in unlisted if n != short and words < _name_words(n)
                  and all(w in OUTLET_HEADS for w in _name_words(n) - words)]
        if words and len(longer) == 1:
            renamed[short] = longer[0]
    names -= set(renamed)
    for e in evidence:
        if e.agency not in renamed and is_domain(e.agency):
            label = domain_label(domain_host(e.agency))
            spelled = sorted(n for n in names if spells(label, n))
            if len(spelled) == 1:
                renamed[e.agency] = spelled[0]
    return [replace(e, agency=renamed[e.agency]) if e.agency in renamed else e for e in evidence]


def _name_words(name: str) -> frozenset[str]:
    """A name's words, folded, without "the"."""
    return frozenset(w.casefold() for w in name.split()) - {"the"}


#: What a copyright line set below a story's own cues still counts (`below_own_cues`): a hint.
TRAILING_COPYRIGHT_WEIGHT = 0.5
_COPYRIGHT_WHY = "a credit line (copyright)"  # how `newsdesk.text.credit.Credit.why` begins for a copyright line


def below_own_cues(evidence: list[Evidence]) -> list[Evidence]:
    """The evidence with a copyright line standing below the story's own cues weighed as a hint.

    A page ends with the site's copyright ("© 2022 Site. All rights reserved."), and that line falls
    into its last story. Where the story already has a cue of where it sits naming another outlet
    above it (a dateline, a byline, its own credit line), a copyright line further down, naming an
    outlet nothing but copyright lines in the story names, is as likely the site's footer as the story's
    credit: it is kept and listed, with the weight of a hint. Taken from the bottom up, so a site's two
    footer lines ("© Site", "© Site's owner", or one repeated) all are."""
    out = list(evidence)
    while True:
        positional = sorted((k for k, e in enumerate(out) if e.kind in POSITIONAL_KINDS and e.weight >= 1.0),
                            key=lambda k: out[k].start)
        if len(positional) < 2:
            return out
        last = out[positional[-1]]
        # nothing but copyright lines names it: a site repeats its footer under every story
        alone = all(_copyright_line(e) for e in out if e.agency == last.agency)
        others_above = any(out[k].agency != last.agency and out[k].start < last.start for k in positional[:-1])
        if not (last.kind == "credit" and last.why.startswith(_COPYRIGHT_WHY) and alone and others_above):
            return out
        out[positional[-1]] = replace(last, weight=TRAILING_COPYRIGHT_WEIGHT, why=_BELOW_WHY)


_BELOW_WHY = "a copyright line below the story's own cues: the site's footer as likely as the story's credit"


def _copyright_line(e: Evidence) -> bool:
    """Whether the evidence is a copyright line's, weighed in full or as a hint below the story's own cues."""
    return e.kind == "credit" and (e.why.startswith(_COPYRIGHT_WHY) or e.why == _BELOW_WHY)


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
        best = _hinted(evidence)
    if best is None:
        return None, evidence
    return best, [e for e in evidence if e.agency == best]


def _hinted(evidence: list[Evidence]) -> str | None:
    """The outlet a dateline no list knows names (`UNLISTED_DATELINE_WEIGHT`), where it is the story's one
    cue of where it sits: no other dateline, and nothing else naming another outlet above a house
    spelling or a citation (an interview, a self-reference, a credit). Its slot is the outlet's, so
    alone it names it; beside another outlet's cue it may be one the story passes on, and the origin is
    left open."""
    hints = {e.agency for e in evidence if e.kind == "dateline" and e.weight < 1.0}
    if len(hints) != 1:
        return None
    (name,) = hints
    if any(e.agency != name and e.weight >= INTERVIEW_WEIGHT for e in evidence):
        return None
    return name
