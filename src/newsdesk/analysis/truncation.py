"""truncation: the shapes of a paragraph whose end a republisher cut off, read from its last sentence.

A paragraph that stops without closing punctuation is caught in `newsdesk.analysis.clean`. This
module reads the other common shape of a cut: the excerpt convention of feeds, aggregators and
CMS teasers, which stop a story mid-sentence and mark the cut with an ellipsis ("… which…",
"rushed for 226 yards...", "[…]"). An ellipsis a writer chose looks different, and is left alone:

* speech trailing off closes its quotation after the ellipsis ("…I just don't know…”");
* a quotation running on over paragraphs is reopened by the next paragraph, so an ellipsis in an
  open quotation there is the speaker pausing, not the page cutting;
* a speaker trailing off into the next paragraph, which goes on with the sentence: it opens in lower
  case or on a coordinating conjunction ("… leave the cities ..." / "And we heard the promise…");
* an ellipsis after a sentence's own full stop, question or exclamation mark ("It ended. …") is
  no word cut short.
"""

from __future__ import annotations

import re

#: An ellipsis ending the text (three dots or more, the one character, either one bracketed the way
#: excerpts print it), right after a word; what comes after it may only be white space.
_TRAILING_ELLIPSIS = re.compile(r"(?P<word>[\w’'%-]*\w)\s?(?:\.{3,}|…|\s*\[\s*(?:…|\.{3})\s*\])\s*$")


#: Coordinating conjunctions: a paragraph opening on one carries on the sentence before it.
_COORDINATORS = frozenset("and but or nor so yet".split())


def ellipsis_cut(text: str, quotation_continues: bool = False, next_text: str = "") -> int | None:
    """Where the last word before a closing ellipsis starts, when the ellipsis marks a cut; else None.

    `quotation_continues`: the next paragraph opens with a quotation mark (a quotation running on);
    `next_text`: the body paragraph right after this one, with nothing between them ("" if none)."""
    m = _TRAILING_ELLIPSIS.search(text)
    if m is None or carries_on(next_text):
        return None
    if quotation_continues and _quotation_open(text[:m.start("word")]):
        return None  # a speaker pausing inside a quotation that the next paragraph carries on
    return m.start("word")


def _quotation_open(text: str) -> bool:
    """Whether a double quotation opened in `text` is still open at its end (curly or straight marks)."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    return curly > 0 or straight == 1


def carries_on(text: str) -> bool:
    """Whether a paragraph goes on with the sentence before it: it opens in lower case or on a
    coordinating conjunction."""
    words = text.lstrip("\"'“‘([ ").split(maxsplit=1)
    if not words:
        return False
    first = words[0]
    return first[0].islower() or first.strip(",").casefold() in _COORDINATORS
