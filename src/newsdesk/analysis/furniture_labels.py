"""furniture_labels: a page template's labels among a story's paragraphs, told by their class, not their words.

A site's template prints short labels between a story's paragraphs: a video player's ("Now playing",
"Up next:"), an ad slot's ("Ad Feedback"), a section's or an edition's ("Multimedia gallery"), a
sign-off or contact line under a release ("Editor: Jane Doe", "Jane Doe, Harbour Analytics LLC").
No list of such words can be complete, but they share a shape:

* a few words that make no clause: no sentence end, no auxiliary and no lower-case word that is only
  ever a verb (`line_model.word_class`; a word that can be a noun too, "weather", "read", may be a
  label's), opening with a capital like a title, or closed by a colon like a label;
* they are about nothing the story says: they share no content word with the paragraphs around them.

A story's own headline or subheading is about the text it opens, so it shares that text's words, and
a sentence has a clause: both stay. A line of names set apart by a comma ("Jane Doe, Harbour
Analytics LLC") has no clause either, and no paragraph is only names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.analysis.line_model import word_class
from newsdesk.analysis.line_shapes import FINITE_AUXILIARIES, WORD, content_words, ends_sentence, is_bullet

#: Most words of a label ("Ad Feedback", "First Alert Weather", "Editor: Jane van Doe").
MAX_LABEL_WORDS = 4
#: Most words of a line of names set apart by commas ("Jane Doe, Harbour Analytics LLC").
MAX_NAMES_WORDS = 7
#: Body blocks on each side whose words a story's own heading would share.
NEIGHBOURS = 2

#: Auxiliaries and modals, finite or not: a line holding one is a clause, whatever else it holds.
_AUXILIARIES = FINITE_AUXILIARIES | {"be", "been", "being"}
#: A capitalised abbreviation's point at a line's end ("LLC.", "Inc.", "Co."): no sentence end.
_ABBREVIATION_END = re.compile(r"(?<![\w.])[A-Z][A-Za-z]{0,3}\.$")
#: Lower-case words a line of names may hold between its capitalised ones ("Bank of England").
_NAME_GLUE = frozenset("of and for the de van von du da di la le el al".split())


def is_widget_label(line: str, around: Sequence[str]) -> bool:
    """Whether `line`, set among the paragraphs `around` it, is a template's label: a few title-like
    words, or a label closed by a colon, that make no clause and share no content word with them."""
    text = " ".join(line.split())
    words = WORD.findall(text)
    # a label closed by a colon ("Up next:"), or a name closed by an abbreviation's point ("Harbour Inc.")
    bare = text.removesuffix(":") if len(words) <= MAX_LABEL_WORDS else text
    if _ABBREVIATION_END.search(bare):
        bare = bare[:-1]
    if not words or not text[:1].isupper() or is_bullet(text) or ends_sentence(bare) or text[-1:] in ",;-–—":
        return False
    # Words in capitals throughout are a headline's shout ("FIRE HITS BANK"): their case hides a verb.
    if len(words) >= 2 and text.isupper():
        return False
    # a comma running on in lower case is a clause's ("Smith, who led"), not a list of names
    if re.search(r"\d|,\s+[a-z]", text) or _has_finite_verb(words):
        return False
    if len(words) > MAX_LABEL_WORDS and not _names_line(text, words):
        return False
    return not content_words(text) & content_words(" ".join(around))


def _has_finite_verb(words: list[str]) -> bool:
    """Whether a lower-case word is an auxiliary or a verb that is never a noun (or its -s form)."""
    for word in words:
        low = word.casefold()
        if word[:1].isupper():
            continue
        if low in _AUXILIARIES or word_class(low) == "verb" or (low.endswith("s") and word_class(low[:-1]) == "verb"):
            return True
    return False


def _names_line(text: str, words: list[str]) -> bool:
    """A line of proper names set apart by commas: every word capitalised, glue words aside."""
    return ("," in text and len(words) <= MAX_NAMES_WORDS
            and all(w[:1].isupper() or w.casefold() in _NAME_GLUE for w in words))
