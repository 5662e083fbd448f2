"""meta_lines: lines a site prints *about* a story rather than in it — when it was posted, how long
it takes to read or play, who filed it — recognised by their grammar, not by any site's words.

Every CMS sets such a line above or below a story ("Story by Jane Doe • 21 min ago", "Published
3 hours ago", "Updated 10:29 ET", "Video duration 01:32", "Web Desk • 2 min read"). What they share
is a time or length expression (a relative time, a clock time, a reading or playing time, a date)
next to a few words that make no clause of it: a name, a label, a participle. A story's own
sentence with a time in it has a clause around the time ("Talks resume at 10:30"), ends with a full
stop, or is longer. So a line is read as metadata only when:

* it holds a time expression and at most `MAX_OTHER_WORDS` other words, and is no sentence;
* the time expression stands apart — in a segment of its own between separators (• · |), or, with
  no separator, at the start or end of the line and of a kind no headline ends on (a relative time,
  a clock time, a reading or playing time; a bare date there may close a headline);
* no other word is a lower-case word that can be a verb in its base or present form (a clause:
  "Kyiv falls on May 5"); participles of posting ("updated", "published") are no clause.

A posting line names who filed a story and when, in any order and with any verb of posting ("Posted
by Jane Doe on March 5, 2022", "By Jane Doe | 4 May 2013"): a date or time, "by" and a capitalised
name, and nothing that makes a clause (`is_posting_line`).

Such a line between two paragraphs is also a cue that a new story starts there (a story's header),
which `newsdesk.analysis.split` weighs.
"""

from __future__ import annotations

import re

from newsdesk.analysis.line_model import word_class

#: Most words besides the time expression (a byline's "Story by Jane van Doe" has five).
MAX_OTHER_WORDS = 5
#: Longest line considered at all, in characters.
MAX_CHARS = 90

_UNITS = r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)"
#: Times no headline ends on: "3 hours ago", "9h", "1d", "21 min ago", "6 min read", "10:29 ET", "01:32".
_LOOSE_TIME = re.compile(
    rf"""(?<![\w:.])(?:
        \d+\s*{_UNITS}\s+ago | \d+\s*(?:s|m|h|d|w|mo|y) | (?:an?|one)\s+(?:hour|minute|day|week)\s+ago
      | \d+\s*(?:-\s*)?min(?:ute)?s?\s+(?:read|listen|watch)
      | \d{{1,2}}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{{2,4}}))?
    )(?![\w:])""", re.IGNORECASE | re.VERBOSE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: Calendar dates: "May 4, 2013", "4 May 2013", "03/13/2022", "2022-03-13".
_DATE = re.compile(
    rf"""(?:
        {_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})? | \d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?
      | \d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}} | \d{{4}}-\d\d-\d\d
    )""", re.IGNORECASE | re.VERBOSE)
_SEPARATOR = re.compile(r"\s*[•·|]\s*|:\s+")  # a colon before a space labels: "Last updated: 4 May"
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: Words that build no clause: articles, prepositions, and the conjunction of two names.
_GLUE = frozenset("a an the by on at in of for from and with via ago read".split())


def _whole(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.fullmatch(text.strip(" ,()[]")) is not None


def makes_no_clause(words: list[str]) -> bool:
    """None of `words` is a lower-case word that can be a finite verb (participles in -ed aside)."""
    for word in words:
        low = word.casefold()
        if word[:1].isupper() or low in _GLUE or low.endswith("ed"):
            continue
        if word_class(low) in ("verb", "verbnoun") or (low.endswith("s") and word_class(low[:-1]) in (
                "verb", "verbnoun")):
            return False
    return True


def is_metadata_line(line: str) -> bool:
    """Whether `line` is a story's metadata line: a time or length expression and a few words that make
    no clause of it ("Story by Jane Doe • 2 hours ago", "Published 3 hours ago", "Video duration 01:32")."""
    text = " ".join(line.split())
    if not text or len(text) > MAX_CHARS or text.rstrip("”’\"')")[-1:] in ".!?":
        return False
    segments = [s for s in _SEPARATOR.split(text) if s.strip()]
    if len(segments) >= 2:
        timed = [s for s in segments if _whole(_LOOSE_TIME, s) or _whole(_DATE, s)]
        if not timed:
            return False
        other = [w for s in segments if s not in timed for w in _WORD.findall(s)]
        return len(other) <= MAX_OTHER_WORDS and makes_no_clause(other)
    # No separator: a loose time (never a bare date) at the start or end of the line.
    for found in _LOOSE_TIME.finditer(text):
        before, after = text[:found.start()].strip(" ,-–—:"), text[found.end():].strip(" ,-–—:")
        if before and after:
            continue
        other = _WORD.findall(before or after)
        # the rest must be words, not more figures: "1-for-8 from three-point range" is a sentence's
        if 1 <= len(other) <= MAX_OTHER_WORDS and not re.search(r"\d", before or after) and makes_no_clause(other):
            return True
    return False


#: "by" and a capitalised name of up to four words ("by Jane van Doe", "by Web Desk").
_BY_NAME = re.compile(r"\bby\s+[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|el|da|di|le|la)){0,3}",
                      re.IGNORECASE)


def is_posting_line(line: str) -> bool:
    """Whether `line` says who posted a story and when: a date or time, "by" and a name, and at most
    `MAX_OTHER_WORDS` other words that make no clause ("Posted by Jane Doe on March 5, 2022")."""
    text = " ".join(line.split())
    if not text or len(text) > MAX_CHARS or text.rstrip("”’\"')")[-1:] in "!?":
        return False
    when = _DATE.search(text) or _LOOSE_TIME.search(text)
    if when is None:
        return False
    rest = (text[:when.start()] + " " + text[when.end():]).strip()
    name = _BY_NAME.search(rest)
    if name is None or not name.group()[3:].strip()[:1].isupper():
        return False
    other = _WORD.findall(rest[:name.start()] + " " + rest[name.end():])
    return len(other) <= MAX_OTHER_WORDS and not re.search(r"\d", rest) and makes_no_clause(other)
