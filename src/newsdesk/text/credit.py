"""credit: the lines a page prints to say where a story came from, read by a small grammar.

A credit line is a *credit phrase*, an *outlet slot* and an optional *tail*:

    The post <title> appeared first on <outlet>.            © 2022 <outlet>. All rights reserved.
    This article was originally published on <outlet>.      Republished with permission of <outlet>
    Read the original article on <outlet>                   Content courtesy of <outlet>
    Source: <outlet>      via <outlet>      — <outlet>      With files from <outlet> and <outlet>
    By <person>, <outlet>      <person> | <outlet>      By <outlet> Staff
    Clipped from <outlet>, <date>, page 12      Published by <outlet> on <date>      <outlet> newsroom, <date>

The phrases are built from parts (a verb of publishing, a preposition, a qualifier such as "first"),
so wordings not listed match as long as they keep the shape. The outlet slot is open: any capitalised
name or domain there is an outlet, known or not (`newsdesk.text.outlets` only normalises it). Where
the phrase says little ("via X", "— X", "By Jane Doe, X"), the slot must look like an outlet: known,
a domain, or a name headed by a word newspapers are named with (Times, Herald, News, Gazette…). The
tail may hold a year, rights words, a company suffix, a date, the outlet's address or the page a clipping
ran on, a note of translation ("… and has been translated."), for whom the copy is made: nothing else, so a
sentence that mentions a publication ("the plan first appeared in Parliament last year") is not a credit.

A line that is an outlet's name alone ("Harbour Health News" over a story) credits the story below it,
unless it is the page's first line (the masthead). Agencies' desk codes ("XYZ/ABC DEF/1129 hrs") name
the agency by their form (`newsdesk.text.credit_marks`). A short line no phrase reads is read by its
shape (`newsdesk.text.credit_shape`), as weaker evidence (family `shape_read`). A credit names the
story above it (`closes`), except a byline or a name line, which names the story below it, and a credit
written as the header of the item below it: beside the time the item was posted ("From X | yesterday",
"X · 3h ago"), as a print citation with its page ("Source: X, March 15, 2022, page 15"), or as a post's
header with its day ("Published by X on 2022-03-03"). A desk may sign for the outlet named after it ("By
News Desk, X"); a translation names its original's outlet ("Translated from the Spanish original in X"), and
a reposted letter its own name in its sign-off ("If you liked this, subscribe to X at x.com").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.text.credit_marks import GENERIC_SOURCE, NOTE_LABEL, SIGN_OFF, desk_code_agency
from newsdesk.text.credit_names import NAME_JOINERS
from newsdesk.text.credit_names import OUTLET_NAME as OUTLET_NAME  # sites reads names with it too
from newsdesk.text.credit_shape import read_credit_shape
from newsdesk.text.credit_words import (
    CREDIT_CUES,
    CREDIT_GLUE,
    LEAD_WORDS,
    NOT_SOURCES,
    OUTLET_HEADS,
    ROLE_QUALIFIERS,
    ROLE_WORDS,
    SECTION_WORDS,
    SITE_PAGE_WORDS,
    WEEKDAYS,
)
from newsdesk.text.outlets import DOMAIN, is_domain, known_name, outlet_name
from newsdesk.text.places import place_names

#: How much each family counts as origin evidence. "This came from X" is the publisher's own statement,
#: above a wire dateline (3.0); a byline names its writer's outlet; "By X Staff" is also how a site
#: signs its own posts (a cue of the text); "with files from", "distributed by" name a contributor or
#: a syndicator, who may or may not be where the text was written.
FAMILY_WEIGHTS: dict[str, float] = {
    "published_on": 6.0, "appeared_first": 6.0, "republished": 6.0, "read_original": 5.0, "courtesy": 5.0,
    "copyright": 5.0, "source_label": 5.0, "via": 4.0, "dash_credit": 4.0, "byline": 4.0, "staff_byline": 2.0,
    "contributed": 2.0, "distributed": 2.0, "read_more_at": 4.0, "credit_shaped": 4.0, "courtesy_label": 4.0,
    "writer_note": 4.0, "name_line": 3.0, "published_by": 5.0, "translated": 5.0, "subscribe_sign_off": 4.0,
}

_MONTHS = ("january february march april may june july august september october november december jan feb mar "
           "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday").split()

_OUTLET_SLOT = re.compile(rf"(?:{DOMAIN}(?![\w-])|{OUTLET_NAME}|dpa\b)")
# A person's name, in capitals or not, case kept even inside a pattern that ignores case ("for" is no name).
_PERSON = r"(?-i:[A-Z][\w'’.-]*(?:\s+(?:(?:de|van|von|der|da|di|al|el|bin|la|le)\s+)?[A-Z][\w'’.-]*){1,3})"
_RIGHTS = re.compile(
    r"(?:all|some)\s+rights\s+reserved|used\s+(?:with|by)\s+permission|with\s+permission|may\s+not\s+be\b"
    r"|licen[cs]e|rights|permission|redistribut|rewritten|broadcast|original\s+article|creative\s+commons"
    r"|terms\s+of\s+(?:use|service)|reproduc", re.IGNORECASE)
_YEARS = re.compile(r"\b(?:1[89]|20)\d\d(?:\s*[-–/]\s*(?:1[89]|20)?\d\d)?\b")
_COMPANY = re.compile(r"^(?:inc|ltd|llc|plc|limited|corp|corporation|co|group|gmbh|sa|ag|media\s+group)\b\.?",
                      re.IGNORECASE)
_MONTH_WORD = "|".join(_MONTHS)
_DATE_WORDS = re.compile(rf"^(?:on\s+)?(?:(?:{_MONTH_WORD})\.?\s*\d{{0,2}}(?:st|nd|rd|th)?,?\s*(?:\d{{4}})?"
                         rf"|\d{{1,2}}\s+(?:{_MONTH_WORD})\w*\.?\s*(?:\d{{4}})?|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
                         r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?", re.IGNORECASE)

_PUBLISH_VERB = (r"(?:(?:first|originally|initially)\s+)?(?:appeared|published|posted|ran|printed|produced|"
                 r"written|reported|created|provided|syndicated|released|featured)")
_ARTICLE_NOUN = r"(?:article|story|post|piece|report|content|item|column|text|entry|feature|op-ed|news|video)"
#: "The original version of this story ran in X", "A version of this article appeared in print in X".
_VERSION_OF = r"(?:(?:a|an|the)\s+(?:\w+\s+)?(?:version|edition|form)\s+of\s+)"

# (family, pattern of the phrase before the outlet slot, whether the phrase closes the story above)
_PHRASES: list[tuple[str, re.Pattern[str], bool]] = [(family, re.compile(pattern, re.IGNORECASE), closes) for
                                                    family, pattern, closes in (
    # "The post <title> appeared first on", "<title> first appeared on": WordPress feeds and scrapers.
    ("appeared_first", r"^(?:the\s+)?(?:post|entry|article|story)\b.{0,400}?\b(?:appeared\s+first|first\s+appeared|"
                       r"was\s+first\s+published|published\s+first)\s+(?:on|in|at|by)\s+", True),
    ("appeared_first", r"^[^.!?\n]{3,250}?\sappeared\s+first\s+on\s+", True),
    # "This article was originally published on", "Originally published at", "This story first ran in".
    ("published_on", rf"^(?:{_VERSION_OF}?(?:this|the)\s+(?:\w+\s+)?{_ARTICLE_NOUN}\s+"
                     r"(?:is\s+|was\s+|has\s+been\s+|had\s+been\s+)?"
                     rf"(?:(?:first|originally|initially)\s+)?{_PUBLISH_VERB}|(?:first|originally|initially)\s+"
                     rf"(?:appeared|published|posted|ran|printed)|{_ARTICLE_NOUN}\s+(?:first\s+|originally\s+)?"
                     r"(?:published|appeared|posted)|(?:it|this)\s+(?:first|originally)\s+(?:appeared|ran))"
                     # "… in print", "… in Spanish on X": where or in which language, before the slot's preposition
                     r"(?:\s+(?:first|originally|here|online|in\s+print|in\s+full|in\s+(?-i:[A-Z][a-z]+)(?=\s+(?:on|in|at|by)\s)))*"
                     r"\s+(?:on|in|at|by|for|with)\s+"
                     r"(?:the\s+website\s+of\s+)?",
     True),
    # "Republished with permission of", "Reprinted by kind permission of", "republished from … under a
    # Creative Commons license", "Shared under an agreement with".
    ("republished", rf"^(?:(?:this|the)\s+(?:\w+\s+)?{_ARTICLE_NOUN}\s+(?:is|was|has\s+been|appears)\s+(?:here\s+)?"
                    rf"|(?:(?:full|complete)\s+)?{_ARTICLE_NOUN}(?:\s+text)?\s+)?"
                    # the verbs of publishing again, and of copying a text whole ("clipped", "copied", "mirrored")
                    r"(?:re-?published|reprinted|reproduced|re-?posted|cross-?posted|shared|syndicated|used|published|"
                    r"posted|appears|adapted|excerpted|clipped|copied|mirrored|archived)\s+(?:here\s+)?(?:with\s+(?:the\s+)?(?:kind\s+|express\s+|written\s+)?"
                    r"permission\s+(?:of|from)|by\s+(?:the\s+)?(?:kind\s+)?permission\s+of|under\s+(?:an?\s+)?"
                    r"(?:licen[cs]e|agreement|arrangement|partnership)\s+(?:from|with)|by\s+arrangement\s+with|"
                    r"in\s+partnership\s+with|courtesy\s+of|from|via|through)\s+", True),
    # "Read the original article on", "Read the full story at", "Continue reading at", "Click here to read …".
    ("read_original", r"^(?:click\s+here\s+to\s+|you\s+can\s+|please\s+)?(?:read|view|see|find|continue\s+reading|"
                      r"watch|visit)\s+(?:the\s+|this\s+)?(?:original|full|complete|whole|entire|rest\s+of\s+the|"
                      r"source)\s*(?:\w+\s+)?(?:article|story|post|report|piece|version|coverage|text|source)?"
                      r"\s*(?:here\s+)?(?:on|at|in|from|via)\s+", True),
    # "Read more at X", "Continue reading on X": without "original" or "full" the slot must look like an outlet.
    ("read_more_at", r"^(?:click\s+here\s+to\s+)?(?:read|continue\s+reading|keep\s+reading|see|view|find\s+out|"
                     rf"(?:the\s+)?{_ARTICLE_NOUN}\s+continues)\s+(?:more\s+|it\s+)?(?:at|on|via)\s+", True),
    # "Content courtesy of", "Courtesy:", "Story courtesy".
    ("courtesy", rf"^(?:(?:{_ARTICLE_NOUN}|text|report)(?:\s+and\s+(?:photos?|pictures?|images?|video|graphics?))?\s+)?"
                 r"(?:courtesy|compliments)\s*(?:of\s+|:\s*|[-–—]\s*)", True),
    # "Content from our partners at X": the site's partner is where the story came from.
    ("courtesy", r"^(?:(?:article|story|content|text|news)\s+)?(?:from|by|via)\s+(?:our\s+)?"
                 r"(?:content\s+|news\s+|media\s+)?(?:partners?|friends|colleagues)\s+(?:at|of)\s+", True),
    # "Published by X on 4 May 2022": the publisher named over or under its text; the slot must look like
    # an outlet (`_STRICT`), as "Posted by Jane Doe" names a writer.
    ("published_by", r"^(?:(?:first|originally)\s+)?(?:published|posted|released|issued)\s+by\s+", True),
    # "Courtesy Kestrel Radio", "Full story: X", "Full story at X", "More at X": short labels, so the slot
    # must look like an outlet (`_STRICT`).
    ("courtesy_label", r"^courtesy\s+", True),
    ("read_more_at", rf"^(?:(?:the\s+)?full\s+{_ARTICLE_NOUN}\s*(?::|\s+(?:at|on))|more\s+(?:at|on))\s*", True),
    # "Source: X", "Original source — X", "Credit: X", "Originally from X".
    ("source_label", r"^(?:(?:news|original|content|story|article|feed|image|text|video|photo|and|&)\s+){0,4}"
                     r"(?:source(?:\s+link)?|sources|credits?|publication|original\s+(?:story|article|post|report|text|version)|"
                     r"link\s+to\s+(?:the\s+)?original(?:\s+(?:story|article|post|report))?|"
                     r"origin|syndicated\s+from|originally\s+from|taken\s+from|adapted\s+from|publisher|provider)"
                     r"\s*(?::|\||[-–—]|\bby\b)\s*",
     True),
    # "View original content: https://x.com/…", "Read the source release to download media: x.com/…": the
    # slot is a link, and the outlet is its domain.
    ("read_original", r"^(?:view|read|see|download|access)\s+(?:the\s+)?(?:original|source|full)\s+(?:content|version|"
                      r"article|story|release|text|post)(?:\s+to\s+\w+(?:\s+\w+)?)?\s*:\s*(?:https?://)?(?:www\.)?(?=\S+\.\w)",
     True),
    # "Story from X" says where the story came from as "via X" does.
    ("via", r"^(?:via|h/t|hat\s+tip(?:\s+to)?|from|(?:(?:this|the)\s+)?(?:(?:full|complete)\s+)?"
            r"(?:story|article|report|piece|text)\s+from)"
            r"\s*[:\-–—]?\s*", True),
    # "Jane Doe is a reporter for X.": the writer's note at a story's foot names the writer's outlet.
    ("writer_note", rf"^{_PERSON}\s+is\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?:reporter|writer|correspondent|editor|"
                    r"journalist|contributor|columnist|producer)\s+(?:for|at|with)\s+(?:the\s+website\s+)?", True),
    # "Translated from the Portuguese original in X", "This story was translated from an article published by X".
    ("translated", rf"^(?:(?:this|the)\s+(?:\w+\s+)?{_ARTICLE_NOUN}\s+(?:was|is|has\s+been|had\s+been)\s+)?"
                   r"(?:machine[-\s])?translated\s+(?:(?:in)?to\s+\w+\s+)?from\s+(?:(?:the|an?)\s+)?"
                   r"(?:(?-i:[A-Z])[a-z]+\s+)?(?:original|version|article|story|text|report|edition)\s+"
                   r"(?:(?:first\s+)?published\s+)?(?:in|at|on|by|of|from)\s+", True),
    # "If you liked this, subscribe to X at x.com": a reposted letter's own sign-off names the letter; the
    # clause before it says the reader has just read its text (a site's "Subscribe to our newsletter" names none).
    ("subscribe_sign_off", r"^(?:if\s+you\s+)?(?:liked|enjoyed|appreciated|valued)\s+(?:this|reading\s+this|it)"
                           r"(?:\s+(?:post|piece|story|article|letter|newsletter|issue|edition))?\s*[,?!.:;–—-]*\s*"
                           r"(?:please\s+|then\s+)?(?:subscribe|sign\s+up)\s+(?:to|for)\s+", True),
    # "© 2022 X", "Copyright (c) 2021-2022 X", "(C) X 2022".
    # "Original text (Spanish) © 2022 X": the original's own copyright, under a translation.
    ("copyright", r"^(?:original\s+(?:text|version|article|story)\s*(?:\([^()]{1,30}\)\s*)?)?"
                  r"(?:(?:copyright|©|\(c\))\s*)+(?:(?:1[89]|20)\d\d(?:\s*[-–,/]\s*(?:1[89]|20)?\d\d)?\s*[,.]?\s*)?"
                  r"(?:by\s+)?", True),
    # "— With files from X", "Additional reporting from X and Y", "Wires contributed".
    ("contributed", r"^(?:[-–—]+\s*)?(?:with\s+)?(?:additional\s+)?(?:files|reporting|material|input|contributions?|"
                    r"wire\s+services?|wires)\s+(?:from|by|of)\s+", True),
    # "Information from X was used in this report", "Material from X was used in compiling this story".
    ("contributed", r"^(?:information|material|reporting|details)\s+from\s+(?=.{2,80}?\s+(?:was|were|has\s+been)\s+"
                    r"used\s+in\b)", True),
    # "Distributed by Newstex on behalf of X": the syndicator passes on X's text.
    ("republished", r"^(?:(?:this|the)\s+(?:\w+\s+)?(?:article|story|content|post)\s+(?:is|was|has\s+been)\s+)?"
                    r"(?:distributed|syndicated|provided|supplied|licensed|published|posted|delivered)\s+"
                    r"(?:by|through|via)\s+.{1,80}?\s+(?:on\s+behalf\s+of|for)\s+", True),
    ("distributed", r"^(?:(?:this|the)\s+(?:\w+\s+)?(?:article|story|content|post)\s+(?:is|was|has\s+been)\s+)?"
                    r"(?:distributed|syndicated|provided|supplied|licensed|brought\s+to\s+you)\s+(?:by|through|via)\s+",
     True),
    ("dash_credit", r"^(?:[-–—]+\s*|\(\s*(?=[^()]+\)\s*$))", True),
)]
#: Families left unread, for `bench.stitched --hide-phrasings`: what the shape reader recovers of them.
HIDDEN_FAMILIES: set[str] = set()
# Families whose phrase says little: the slot must look like an outlet.
_STRICT = frozenset("via dash_credit contributed distributed byline staff_byline read_more_at courtesy_label "
                    "published_by".split())
# Families whose phrase is the whole line but for the outlet ("via X", "From X:", "With files from X",
# "Distributed by X"): an outlet in no list is still taken when nothing else follows (`_open_slot`).
_OPEN_WHOLE_LINE = frozenset({"via", "contributed", "distributed"})
# "By Jane Doe, The Harbour Gazette", "Jane Doe | example-news.com", "Written by Jane Doe for X".
_BYLINE = re.compile(
    rf"^(?:(?:by|written\s+by|words\s+by|(?:story|article|text|report|reporting)\s+by|posted\s+by|reported\s+by)\s+)?"
    rf"(?P<person>{_PERSON})"
    r"\s*(?:,|\||[-–—/·•(]|\bfor\b|\bof\b|\bat\b)\s*", re.IGNORECASE)
_CAPS_BYLINE = re.compile(r"^(?i:by)\s+[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]*){1,3}\s+(?=(?:The\s+)?[A-Z][a-z])")
_BYLINE_NEEDS_BY = re.compile(r"^(?:by|written\s+by|words\s+by|(?:story|article|text|report|reporting)\s+by|posted\s+by"
                              r"|reported\s+by)\s", re.IGNORECASE)
# "By Reuters Staff", "AP staff", "CNN Wire Staff", "By The Harbour Gazette".
_STAFF = re.compile(r"\s+(?:staff(?:\s+writers?|\s+reporters?|\s+report)?|wire\s+staff|wire|newsroom|news\s+desk|"
                    r"web\s+desk|editorial\s+(?:team|board|staff)|reporters?|editors?|correspondents?)"
                    # the day it was filed may follow: "Harbour Gazette newsroom, 2022-05-04"
                    rf"(?:\s*,?\s*(?:{_DATE_WORDS.pattern.removeprefix('^')}))?\s*$",
                    re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+(?=(?:source|via|credit|courtesy|©|copyright)\b)"
                            # "Submitted 3h ago by u/reader, source: x.com": a post's header naming its link
                            r"|,\s+(?=(?:source|via|credit)\s*:)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z©])")
@dataclass(frozen=True, slots=True)
class OutletMention:
    """Where a credit names an outlet, and the one name it is known by."""

    start: int
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class Credit:
    """A credit line (or byline) and what it says: offsets are into the page's text."""

    start: int
    end: int
    family: str
    outlets: tuple[OutletMention, ...]
    #: True: it names the story above it; False (a byline): the story below it.
    closes: bool
    weight: float

    @property
    def why(self) -> str:
        where = "the story above it" if self.closes else "the story below it"
        if not self.outlets:
            return f"a credit line naming no one outlet, closing {where}"
        return f"a credit line ({self.family.replace('_', ' ')}) naming {where}"


def _outlet_at(text: str, pos: int) -> list[tuple[str, int]]:
    """The outlets that may be written at `pos` (a domain or a name), longest first, each trimmed of a
    trailing rights word or suffix: "Reuters and AFP" may be one name or two."""
    m = _OUTLET_SLOT.match(text, pos)
    if not m:
        return []
    surface = m.group()
    if not is_domain(surface):
        surface = name_before_tail(surface)
    out = [surface] if surface else []
    for joint in re.finditer(r"\s+(?:and|&)\s+", surface):
        head, rest = surface[:joint.start()], surface[joint.end():]
        # "The Canadian Press and Reuters" is two outlets when each half is one on its own.
        if not known_name(surface) and _looks_like_outlet(head, True) and _looks_like_outlet(rest, True):
            out.insert(0, head)
        else:
            out.append(head)
    return [(s, pos + len(s)) for s in dict.fromkeys(out)]


def name_before_tail(surface: str) -> str:
    """An outlet's name as a greedy match of `OUTLET_NAME` found it, without the tail it can run on into:
    "Reuters All Rights Reserved", "Harbour Gazette 2022", "Harbour Daily on 2022-03-03"."""
    cut = re.search(r"\s+(?:all\s+rights|some\s+rights|(?:1[89]|20)\d\d\b|inc\b|ltd\b|llc\b|plc\b"
                    rf"|(?:on|at|in)\s+(?:\d|(?:{_MONTH_WORD})\b))", surface, re.IGNORECASE)
    return (surface[:cut.start()] if cut else surface).rstrip(".")


_USED_IN = re.compile(r"(?:was|were|has\s+been)\s+used\s+in\s+(?:compiling\s+)?(?:this|the)\s+"
                      r"(?:report|story|article|piece)\b", re.IGNORECASE)
#: An apposition saying what the outlet is, a generic noun for a news organisation at its head.
_APPOSITION = re.compile(
    r"(?:an?|the)\s+(?:[\w'’.&-]+\s+){0,5}?(?:newsroom|organi[sz]ation|outlet|publication|website|site|newspaper|"
    r"magazine|agency|broadcaster|network|nonprofit|non-profit|publisher|service|wire|daily|weekly|journal"
    r"|company|group|subsidiary|division|unit|brand)\b"
    r"[^.!?]{0,120}(?:[.!?]|$)", re.IGNORECASE)
_VISIT = re.compile(rf"(?:to\s+(?:see|read|learn|find\s+out)\s+more,?\s+)?(?:visit|see|go\s+to)\s+"
                    rf"(?:https?://\S+|www\.\S+|{DOMAIN})[.!]?", re.IGNORECASE)


_TAIL_NOTE = re.compile(
    rf"(?:(?:at\s+|on\s+)?{DOMAIN}(?![\w-])|(?:page|p\.|pg\.?)\s*[A-Z]?\d{{1,4}}[A-Z]?\b"
    r"|(?:and\s+)?(?:(?:has\s+been|had\s+been|was|is|been)\s+)?(?:machine[-\s])?translat(?:ed|ion)\b[^.!?]{0,80}[.!?]?"
    r"|for\s+(?:those|readers|subscribers|non-subscribers|anyone|people|members)\b[^.!?]{0,80}[.!?]?"
    r"|(?:below|above|here)\b:?"
    r"|(?:copyright|©|\(c\))\s*(?:(?:1[89]|20)\d\d)?\s*[.]?(?=\s|$))", re.IGNORECASE)


def _tail_ok(tail: str) -> bool:
    """Only a year, rights words, a company suffix, a date or punctuation may follow the outlet."""
    rest = tail.strip()
    for _ in range(12):
        if not rest:
            return True
        before = rest
        rest = rest.lstrip(" .,;:|·•-–—!()[]").strip()
        # a link, or the rest of one after its domain, is no more text: "x.com: https://x.com/…"
        rest = re.sub(r"^(?:(?:https?://|www\.)\S*|/\S*)", "", rest).strip()
        # a whole date before a year alone ("2011-11-15" is no range of years)
        dated = _DATE_WORDS.match(rest)
        if dated and dated.group().strip():
            rest = rest[dated.end():].strip()
        rest = _YEARS.sub("", rest, count=1).strip() if _YEARS.match(rest) else rest
        m = _COMPANY.match(rest) or _DATE_WORDS.match(rest)
        if m and m.group().strip():
            rest = rest[m.end():].strip()
        used = _USED_IN.match(rest)  # "… was used in this report."
        if used:
            rest = rest[used.end():].strip()
        # The outlet's address ("X (x.com)"), the page a clipping ran on ("…, page 52"), a note of its
        # translation ("… and has been translated.", "Translation by Jane Doe."), for whom it is copied
        # ("… for those behind the paywall."), where the text is ("… below:"), a copyright without a holder.
        note = _TAIL_NOTE.match(rest)
        if note and note.group().strip():
            rest = rest[note.end():].strip()
        # What the outlet is: "…, a nonprofit newsroom."; where more of it is: "To see more, visit x.org.".
        about = _APPOSITION.match(rest) or _VISIT.match(rest)
        if about:
            rest = rest[about.end():].strip()
        # A sentence of rights words: "All rights reserved.", "This material may not be published…".
        # Or a second credit: "… and is distributed by Y.", "© 2021 X. Distributed by Y."
        sentence = re.match(r"[^.!?]*[.!?]?", rest)
        if sentence and sentence.group() and (_RIGHTS.search(sentence.group()) or _parse_phrases(
                re.sub(r"^and\s+(?:is\s+|was\s+|has\s+been\s+)?", "", sentence.group()), 0, ()) is not None):
            rest = rest[sentence.end():].strip()
        if rest == before:
            return False
    return not rest


def _looks_like_outlet(surface: str, strict: bool) -> bool:
    words = surface.split()
    folded = surface.casefold()
    if not words or len(words) > 8 or folded in NOT_SOURCES or words[0].casefold() in NOT_SOURCES:
        return False
    if any(w.casefold().strip(".,") in _MONTHS for w in words[:2]) and not known_name(surface):
        return False  # "Published on May 3": a date, not an outlet
    if surface[:1].isdigit() and not is_domain(surface):
        return False
    if "/" in surface and not known_name(surface) and not is_domain(surface):
        return False  # "Jane Doe/Reuters": a picture's credit, which the cleaner reads as a caption
    if not strict:
        return True
    if known_name(surface) or is_domain(surface):
        return True
    if len(words) == 1 and _camel_head(surface):
        return True
    return any(w.casefold().strip(".,'’") in OUTLET_HEADS for w in words[1:] or words)


def _camel_head(word: str) -> bool:
    """A brand written as one word whose last part is a word outlets are named with ("HarbourNews",
    "QuayPost"): a name shaped like an outlet's."""
    parts = re.findall(r"[A-Z][a-z]+", word)
    return len(parts) >= 2 and "".join(parts) == word and parts[-1].casefold() in OUTLET_HEADS


def outlet_shaped(surface: str) -> bool:
    """Whether a name is one an outlet could have: a known outlet, a domain, or capitalised words
    headed by a word news organisations are named with ("Sports Network", "Valley Gazette"); never a
    picture agency, a platform, a date or a place."""
    return _looks_like_outlet(surface, strict=True) and surface.casefold() not in place_names()


def name_shaped(surface: str) -> bool:
    """Whether a span is written as a name could be: one to five words, the first capitalised, the
    others capitalised or small joining words; never a picture agency or platform, a date or a place.
    For a slot whose position already says "outlet" (a wire dateline's brackets), not for free text."""
    words = surface.split()
    if not 1 <= len(words) <= 5 or not _looks_like_outlet(surface, strict=False):
        return False
    if not words[0][:1].isupper() or surface.casefold() in place_names():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or re.fullmatch(NAME_JOINERS, w) for w in words[1:])


#: What a site's buttons say to the reader: a row of them is no outlet's name ("Reply Share Report").
_ACTION_WORDS = frozenset("reply share report save follow like comment subscribe print email flag upvote downvote "
                          "award hide tweet pin".split())


def _name_line(line: str, offset: int, names_on_page: Iterable[str], dated: bool = False) -> Credit | None:
    """A line that is an outlet's name and nothing else ("Harbour Health News"), as aggregators print a
    story's publisher over it: known, a domain, or headed like an outlet with a word of its own. Beside the
    time its item was posted (`dated`: "Digital Journal · 3h ago") a name made only of such heads is one too:
    a card names its source there, and a section is never posted."""
    text = line.rstrip(" .:")
    got = _outlet_at(text, 0) if 1 <= len(text.split()) <= 5 else []
    if not got or got[0][1] != len(text) or not outlet_shaped(text):
        return None
    words = [w.casefold() for w in re.findall(r"[\w'’]+", text)]
    if re.match(r"(?i)^\w+ing\s+(?:on|in|at|from|now)\b", text) or sum(w in _ACTION_WORDS for w in words) >= 2:
        return None  # "Trending on Site", "Reply Share Report Save": a label or the site's buttons, no outlet
    if not (known_name(text) or is_domain(text)) and (words[0] in LEAD_WORDS or all(
            (w in OUTLET_HEADS and not dated) or w in SECTION_WORDS or w in CREDIT_GLUE for w in words)):
        return None  # "World News", "The Daily": what kind of outlet, not which; "From X": a credit's words
    return _make("name_line", text, offset, [(0, len(text), text)], False, names_on_page)


def _outlets_in(text: str, pos: int, strict: bool) -> tuple[list[tuple[int, int, str]], int] | None:
    """One outlet, or a list of them ("Reuters, AFP and AP"), starting at `pos`; and where they end."""
    found: list[tuple[int, int, str]] = []
    while len(found) < 4:
        fitting = [(surface, end) for surface, end in _outlet_at(text, pos)
                   if _looks_like_outlet(surface, strict or bool(found))]
        if not fitting:
            return (found, found[-1][1]) if found else None
        surface, end = fitting[0]
        found.append((pos, end, surface))
        sep = re.match(r"\s*(?:,|;|/|&|\band\b|\+)\s*", text[end:])
        if not (sep and _OUTLET_SLOT.match(text, end + sep.end())):
            break
        pos = end + sep.end()
    return found, found[-1][1]


def _make(family: str, line: str, offset: int, outlets: list[tuple[int, int, str]], closes: bool,
          names_on_page: Iterable[str]) -> Credit | None:
    pool = names_on_page if isinstance(names_on_page, (list, tuple)) else list(names_on_page)
    mentions = []
    for s, e, surface in outlets:
        name = outlet_name(surface, pool)
        if name:
            mentions.append(OutletMention(offset + s, offset + e, name))
    if not mentions:
        return None
    return Credit(offset, offset + len(line), family, tuple(mentions), closes, FAMILY_WEIGHTS[family])


def _credit_shaped(line: str, names_on_page: Iterable[str]) -> Credit | None:
    """A short line made only of credit words, small words, dates and one outlet (known, a domain, or
    named like an outlet): a credit phrased in a way the phrases above do not list."""
    words = line.split()
    if not 2 <= len(words) <= 16:
        return None
    for m in _OUTLET_SLOT.finditer(line):
        for surface, end in _outlet_at(line, m.start()):
            if not _looks_like_outlet(surface, strict=True) or surface.casefold() in CREDIT_GLUE:
                continue
            rest = (line[:m.start()] + " " + line[end:]).casefold()
            tokens = re.findall(r"[\w©'’-]+", _YEARS.sub(" ", rest))
            if not any(t in CREDIT_CUES for t in tokens):
                continue
            if all(t in CREDIT_CUES or t in CREDIT_GLUE or t.isdigit() or t in _MONTHS for t in tokens):
                return _make("credit_shaped", line, 0, [(m.start(), end, surface)], True, names_on_page)
    return None


def _parse_segment(line: str, offset: int, names_on_page: Iterable[str]) -> Credit | None:
    found = _parse_phrases(line, offset, names_on_page)
    if found is not None:
        return found
    shaped = _credit_shaped(line, names_on_page) if "credit_shaped" not in HIDDEN_FAMILIES else None
    if shaped is None:
        return None
    return Credit(offset + shaped.start, offset + shaped.end, shaped.family,
                  tuple(OutletMention(offset + o.start, offset + o.end, o.name) for o in shaped.outlets),
                  shaped.closes, shaped.weight)


def _parse_phrases(line: str, offset: int, names_on_page: Iterable[str]) -> Credit | None:
    if GENERIC_SOURCE.match(line):
        return Credit(offset, offset + len(line), "generic_source", (), line[:3].casefold() != "by ", 0.0)
    desk = desk_code_agency(line)
    if desk is not None:
        name, agency_end = desk
        mention = OutletMention(offset, offset + agency_end, name)
        return Credit(offset, offset + len(line), "sign_off", (mention,), True, 1.5)
    if SIGN_OFF.match(line):
        return Credit(offset, offset + len(line), "sign_off", (OutletMention(offset, offset + len(line), "Reuters"),),
                      True, 1.5)
    for family, phrase, closes in _PHRASES:
        m = phrase.match(line) if family not in HIDDEN_FAMILIES else None
        if not m:
            continue
        got = _outlets_in(line, m.end(), family in _STRICT)
        if got is None and family in _OPEN_WHOLE_LINE:
            # Files and wire copy come from outlets, not people: "With files from Access Hollywood".
            got = _open_slot(line, m.end(), any_name=family == "contributed")
        if got is None:
            continue
        outlets, end = got
        if family == "published_by" and any(_site_unit(surface) for _, _, surface in outlets):
            continue  # "Posted by Web Desk on May 3": the site's own desk signs its post
        tail = line[end:]
        if family == "dash_credit" and line.lstrip().startswith("("):
            tail = tail.lstrip().removeprefix(")")
        if not _tail_ok(tail):
            continue
        return _make(family, line, offset, outlets, closes, names_on_page)
    staff = _STAFF.search(line)
    if staff:
        head = re.sub(r"^(?:(?:story|article|text|report)\s+)?by\s+", "", line[:staff.start()], flags=re.IGNORECASE)
        start = len(line[:staff.start()]) - len(head)
        got = _outlets_in(line[:staff.start()], start, strict=False)
        # Any capitalised name: "By X Staff" is weighed as a cue of the text, not as a credit.
        if (got and got[1] == staff.start() and len(head.split()) <= 4 and head[:1].isupper()
                and head.casefold() not in CREDIT_GLUE):
            return _make("staff_byline", line, offset, got[0], False, names_on_page)
    by = _BYLINE.match(line)
    words = [w.casefold() for w in by.group("person").split()] if by else []
    if by and (any(w.casefold() in SITE_PAGE_WORDS for w in line[by.end():].split()[:3])
               or any(w in SITE_PAGE_WORDS for w in words)):
        by = None  # "Privacy Policy | Terms of Service": navigation, not a byline
    if by and words and words[-1] in _UNIT_WORDS and len(words) <= 3:
        # "By News Desk, Harbour Times", "Web Team | Harbour Times": a desk of the outlet signs for its writers
        signed = _desk_byline(line, by.end(), offset, names_on_page)
        if signed is not None:
            return signed
    if by and any(w in SECTION_WORDS for w in words):
        by = None  # "World | Site": navigation, not a byline
    if by and by.end() < len(line) and (_BYLINE_NEEDS_BY.match(line) or "|" in line[:by.end()]):
        # "Written by Jane Doe for X", "Jane Doe | X", "By Jane Doe (X)" say X is an outlet; after a
        # comma or a dash the slot may be a place ("By Jane Doe, Kyiv") and must look like an outlet.
        said = re.search(r"(?:\bfor|\||\()\s*$", by.group(), re.IGNORECASE) is not None
        got = _outlets_in(line, by.end(), strict=not said)
        if got is None and _BYLINE_NEEDS_BY.match(line):
            # After a comma a second writer may follow ("By Jane Doe, John Smith"): one-word, "The …"
            # or capitalised names only; two plain words ("By Lucas Brandt, Yahoo Sports") may be a
            # person as well as an outlet, and the origin is left open rather than guessed. After a
            # slash any name.
            slashed = "/" in by.group()[-3:]
            got = _open_slot(line, by.end(), any_name=slashed)
            if got is not None and not slashed and len(got[0][0][2].split()) > 1 and not (
                    got[0][0][2].casefold().startswith("the ") or got[0][0][2].isupper()):
                got = None
        tail = line[got[1]:] if got else ""
        if by.group().rstrip().endswith("("):
            tail = tail.lstrip().removeprefix(")")
        if got and _tail_ok(tail):
            return _make("byline", line, offset, got[0], False, names_on_page)
    caps = _CAPS_BYLINE.match(line)
    if caps:
        # "By JANE DOE Associated Press Writer": the change from capitals to ordinary case parts the
        # writer from the outlet, as wire bylines print them.
        body = line.rstrip()
        role = re.search(r"(?:\s+([A-Za-z]+))?\s+([A-Za-z]+)$", body)
        if role and role.group(2).casefold() in ROLE_WORDS:
            # "Associated Press Writer", "Yahoo Sports Senior Writer": the role, and a qualifier of it.
            qualified = role.group(1) is not None and role.group(1).casefold() in ROLE_QUALIFIERS
            body = body[:role.start() if qualified else role.start(2)].rstrip()
        # The writer's name cannot run on into the slot here, so any name that is no place or role is taken.
        got = _outlets_in(body, caps.end(), strict=True) or _open_slot(body, caps.end(), any_name=True)
        if got and _tail_ok(body[got[1]:]):
            return _make("byline", line, offset, got[0], False, names_on_page)
    rest = _BYLINE_NEEDS_BY.match(line)
    if rest:
        got = _outlets_in(line, rest.end(), strict=True)
        if got and _tail_ok(line[got[1]:]) and (known_name(got[0][0][2]) or is_domain(got[0][0][2])):
            return _make("staff_byline", line, offset, got[0], False, names_on_page)
    return None


_UNIT_WORDS = frozenset("desk desks team staff newsroom admin administrator editor editors reporter reporters "
                        "writer writers".split())


def _desk_byline(line: str, pos: int, offset: int, names_on_page: Iterable[str]) -> Credit | None:
    """A byline signed by a desk of the outlet named after it ("By News Desk, Harbour Times"): the desk signs
    for the writer, so the name after it is the outlet's, where it looks like one, is "The …", capitals or
    one word (`_open_slot`), or has a word outlets are named with anywhere ("Daily Maverick"); no place,
    role or day; and it ends the line."""
    if not (_BYLINE_NEEDS_BY.match(line) or "|" in line[:pos]):
        return None
    got = _outlets_in(line, pos, strict=True) or _open_slot(line, pos, any_name=False)
    if got is None:
        named = _open_slot(line, pos, any_name=True)
        words = [w.casefold() for _, _, name in (named[0] if named else []) for w in name.split()]
        got = named if any(w in OUTLET_HEADS for w in words) else None
    if got is None or not _tail_ok(line[got[1]:]) or any(_site_unit(surface) for _, _, surface in got[0]):
        return None
    return _make("byline", line, offset, got[0], False, names_on_page)


def _site_unit(surface: str) -> bool:
    """A unit of a site rather than an outlet: a desk, a team, its staff ("Web Desk", "Metro Team"), or
    words that say only what kind of page or outlet ("News Desk", "Local News")."""
    words = [w.casefold().strip(".,'’") for w in surface.split()]
    return not known_name(surface) and bool(words) and (
        words[-1] in _UNIT_WORDS or all(w in OUTLET_HEADS or w in SECTION_WORDS or w in CREDIT_GLUE for w in words))


def _open_slot(line: str, pos: int, any_name: bool) -> tuple[list[tuple[int, int, str]], int] | None:
    """The outlet a credit line names at `pos` when it is in no list: any outlet can be a source. The
    line must end there (a year or rights words aside); a place ("From Kyiv:"), a role, a day is no
    outlet, nor, unless `any_name`, two capitalised words ("Jane Doe"); one word, "The …", capitals, a
    longer name or one with a digit, hyphen or ampersand ("NBC10 Philadelphia") is taken."""
    got = _outlets_in(line, pos, strict=False)
    if got is None or len(got[0]) != 1:
        return None
    _, end, surface = got[0][0]
    words = surface.split()
    folded = [w.casefold().strip(".,'’") for w in words]
    if not 1 <= len(words) <= 5 or any(w in ROLE_WORDS or w in WEEKDAYS for w in folded):
        return None
    if all(w in ROLE_QUALIFIERS for w in folded) or (len(words) > 2 and "and" in folded):
        return None  # a role ("Senior", "Business") or writers joined by "and", not an outlet
    places = place_names()
    if surface.casefold() in places or surface.casefold().removeprefix("the ") in places or not _tail_ok(line[end:]):
        return None
    marked = folded[0] == "the" or surface.isupper() or any(c.isdigit() or c in "-&" for c in surface)
    if not any_name and len(words) == 2 and not marked:
        return None
    return got


def find_credit(line: str, offset: int = 0, names_on_page: Iterable[str] = ()) -> Credit | None:
    """The credit a whole line (a block of the page) is, or None; `offset` is the line's place in the page.
    A line of segments ("Posted by admin | Source: Reuters") is read segment by segment; a credit
    ending in a colon ("From Harbour Gazette:") introduces the text below it."""
    found = _find_credit(line, offset, names_on_page) or _shape_credit(line, offset, names_on_page)
    if found is not None and found.closes and (line.rstrip().endswith(":") or _heads_its_item(line, found, offset)):
        return Credit(found.start, found.end, found.family, found.outlets, False, found.weight)
    return found


# When an item was posted, counted back from now ("3h ago", "yesterday", "Published 45m ago"): what a feed's or
# a news app's card prints over the item, beside its source. A date is not this: footers carry dates too
# ("Clipped from X, March 3, 2021.").
_POSTED_AGO = re.compile(
    r"^(?:(?:published|posted|updated|submitted|shared|added)\s+)?(?:yesterday|today|just\s+now"
    r"|\d{1,3}\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)(?:\s+ago)?"
    r"|(?:an?|one)\s+(?:second|minute|hour|day|week)\s+ago)\.?$", re.IGNORECASE)
_HEADER_SEGMENTS = re.compile(r"\s+(?:[|·•]|[-–—])\s+")
# The page a clipping ran on ("page 15", "Page A3", "p. 12"): a citation of the print edition, set over the clipping.
_PRINT_PAGE = re.compile(r"(?:^|[\s,|(])(?:page|p\.|pg\.?)\s*[A-Z]?\d{1,4}[A-Z]?\b", re.IGNORECASE)
_DATED = re.compile(rf"\b(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}\s+(?:{_MONTH_WORD})\b|(?:{_MONTH_WORD})\.?\s+\d{{1,2}}\b)",
                    re.IGNORECASE)


def _posted_ago(segment: str) -> bool:
    return _POSTED_AGO.match(segment.strip()) is not None


def _heads_its_item(line: str, credit: Credit, offset: int) -> bool:
    """Whether a credit whose phrase would close the story above it is written as the header of the item
    below it: beside the time it was posted counted back from now ("From X | yesterday"), as a print
    citation with the page it ran on ("Source: X, March 15, 2022, page 15"), or as a post's header naming who
    published it and on which day ("Published by X on 2022-03-03", as "Posted by Jane Doe on May 3" is)."""
    segments = _HEADER_SEGMENTS.split(line.strip())
    if len(segments) > 1 and any(_posted_ago(s) for s in segments[1:]):
        return True
    # A line read by its shape alone heads its item on the same evidence: the print page, or a date after
    # "Published by X" (its words before the slot).
    shaped = credit.family == "shape_read"
    if (credit.family == "source_label" or shaped) and _PRINT_PAGE.search(line):
        return True
    last = max((o.end for o in credit.outlets), default=offset) - offset
    first = min((o.start for o in credit.outlets), default=offset) - offset
    published_by = credit.family == "published_by" or (
        shaped and re.search(r"(?i)\b(?:published|posted)\s+by\s*$", line[:first]) is not None)
    return published_by and _DATED.search(line[last:]) is not None


def _shape_credit(line: str, offset: int, names_on_page: Iterable[str]) -> Credit | None:
    """A line the grammar does not read, read by its shape: it names the story above it, weakly."""
    shape = read_credit_shape(line, names_on_page) if len(line) <= 300 and "shape_read" not in HIDDEN_FAMILIES else None
    name = outlet_name(shape.surface, list(names_on_page)) if shape else None
    if shape is None or name is None:
        return None
    mention = OutletMention(offset + shape.slot_start, offset + shape.slot_end, name)
    return Credit(offset + len(line) - len(line.lstrip()), offset + len(line.rstrip()), "shape_read", (mention,),
                  True, shape.weight)


def _find_credit(line: str, offset: int, names_on_page: Iterable[str]) -> Credit | None:
    if not line.strip() or len(line) > 600 or line.count("\n") > 2:
        return None
    lead = len(line) - len(line.lstrip())
    stripped = line.strip()
    # A label before the credit ("Editor's note: This story first ran on X") is not part of its grammar.
    label = NOTE_LABEL.match(stripped)
    if label and label.end() < len(stripped):
        lead, stripped = lead + label.end(), stripped[label.end():]
    names = names_on_page if isinstance(names_on_page, (list, tuple)) else list(names_on_page)
    found = _parse_segment(stripped, offset + lead, names)
    if found is None and offset > 0:
        # A name alone on the page's first line is its masthead, the site's own name.
        found = _name_line(stripped, offset + lead, names)
    if found is not None:
        return found
    # "(Source: X)", "[Via X]": a credit in brackets.
    bracketed = re.match(r"^[(\[]\s*(.+?)\s*[)\]]\.?$", stripped)
    if bracketed:
        inner = _parse_segment(bracketed.group(1), offset + lead + bracketed.start(1), names)
        if inner is not None:
            return Credit(offset + lead, offset + lead + len(stripped), inner.family, inner.outlets, inner.closes,
                          inner.weight)
    # "X © 2022", "X. Copyright 2022. All rights reserved.": the holder first.
    # "Brand™ & © 2022 Holder, Inc.": the trademarked brand is the outlet, its legal holder may follow.
    holder = re.match(rf"^({OUTLET_NAME})\.?\s*(?P<mark>[™®℠]\s*&?\s*)?(?i:©|\(c\)|copyright)\s*(?:(?:1[89]|20)\d\d)?"
                      rf"(?(mark)\s*(?:{OUTLET_NAME})?)", stripped)
    if holder and _tail_ok(stripped[holder.end():]) and _looks_like_outlet(holder.group(1), strict=False) and (
            holder.group(1).split()[0].casefold() not in LEAD_WORDS):  # "Copyright © 2022": no holder first
        # a brand written with hyphens for spaces ("The-Harbour-Wire") is the name with spaces
        brand = re.sub(r"(?<=\w)-(?=[A-Z])", " ", holder.group(1))
        made = _make("copyright", stripped, offset + lead, [(0, len(holder.group(1)), brand)], True, names)
        if made is not None:
            return made
    pos = 0
    parts: list[tuple[int, str]] = []
    for m in _SEGMENT_SPLIT.finditer(stripped):
        parts.append((pos, stripped[pos:m.start()]))
        pos = m.end()
    if not parts:
        return _dated_name_line(stripped, offset + lead, names)
    parts.append((pos, stripped[pos:]))
    for at, part in parts:
        credit = _parse_segment(part, offset + lead + at, names)
        if credit is not None:
            return Credit(offset + lead, offset + lead + len(stripped), credit.family, credit.outlets, credit.closes,
                          credit.weight)
    return _dated_name_line(stripped, offset + lead, names)


def _dated_name_line(line: str, offset: int, names_on_page: Iterable[str]) -> Credit | None:
    """An outlet's name beside the time its item was posted ("Harbour Gazette · 3h ago", "HarbourNews —
    yesterday"): a news app's or a feed's card, naming the item below it as a name line does."""
    segments = _HEADER_SEGMENTS.split(line)
    if len(segments) != 2 or not _posted_ago(segments[1]):
        return None
    return _name_line(segments[0], offset, names_on_page, dated=True)


_TAIL_FAMILIES = frozenset({"appeared_first", "published_on", "republished", "read_original", "courtesy",
                            "copyright", "source_label", "sign_off", "translated"})


def find_tail_credit(block: str, offset: int = 0, names_on_page: Iterable[str] = ()) -> Credit | None:
    """A credit that ends a paragraph of body text: its last sentence or two ("… she said. This article
    was originally published on X."). Only the families whose phrase is unmistakable are read here."""
    starts = [m.end() for m in _SENTENCE_END.finditer(block)]
    for start in starts[-2:]:
        piece = block[start:]
        credit = find_credit(piece, offset + start, names_on_page)
        if credit is not None and credit.family in _TAIL_FAMILIES:
            return credit
    return None


_COPYRIGHT_PHRASE = next(p for family, p, _ in _PHRASES if family == "copyright")


def copyright_holder(line: str) -> str | None:
    """Whom a copyright line names, whatever follows ("Copyright Site 2022 - Terms - Privacy"): a
    site's footer, read for the site's name even where it is no credit line."""
    m = _COPYRIGHT_PHRASE.match(line.strip())
    if not m:
        return None
    for surface, _ in _outlet_at(line.strip(), m.end()):
        if _looks_like_outlet(surface, strict=False):
            return outlet_name(surface)
    return None
