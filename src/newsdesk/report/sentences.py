"""report.sentences: the sentences a report quotes. A story is split into sentences as written
(`split_story`, with spaCy's rule-based sentencizer, built once per thread: `sentence_splitter`), each
kept as a `PageSentence` of its page until copies across pages are merged; `QueryPhrases` says which
stories and sentences name the query; `WORD`, `stem` and `content_stems` are the words two sentences
are compared by.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.analysis.bounded import BoundedPipe
from newsdesk.model import Story
from newsdesk.store.query import query_parts

if TYPE_CHECKING:  # spaCy is imported where it is used: the API and the CLI load this module early
    from spacy.language import Language

#: A word, as sentences are keyed and compared.
WORD = re.compile(r"\w+")
#: A clock time opening a sentence, glued or spaced: a live blog's entry stamp ("00:58Rescuers…").
_LEADING_STAMP = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*(?:GMT|BST|UTC|CET))?\s*(?=[A-Z“\"‘])")
# An opening quotation mark spaCy's sentencizer left at the end of the sentence before it (straight
# quotes do not say whether they open or close): it belongs to the next sentence.
_DANGLING_OPEN_QUOTE = re.compile(r"\s+[\"“‘']+$")

# One sentence splitter a thread: spaCy's pipelines are not meant to be shared between threads, and the
# API builds reports on several store threads at once.
_SPLITTERS = threading.local()


@dataclass(frozen=True, slots=True)
class PageSentence:
    """A sentence of one page, before near-duplicates across pages are merged."""

    page_id: str
    start: int
    end: int
    text: str
    date: dt.date | None
    origin: str | None
    #: Orders copies and equals: newer page first, then earlier in its page (a lede before a detail).
    page_date: dt.date | None
    #: What makes it independent of other copies: its copy cluster, else its outlet, else its page.
    unit: str = ""
    #: Its words, case folded: copies that differ only in case, spacing and punctuation share it.
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", " ".join(WORD.findall(self.text.casefold())))


def sentence_splitter() -> Language:
    """spaCy's rule-based sentencizer on a blank English pipeline (no model weights), built on a thread's
    first report and reused by every later one: building it takes a tenth of a second."""
    nlp: Language | None = getattr(_SPLITTERS, "nlp", None)
    if nlp is None:
        import spacy  # here, not at import: the API and the CLI load this module before they need it

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _SPLITTERS.nlp = nlp
    return nlp


@contextmanager
def splitting() -> Iterator[Language]:
    """This thread's sentence splitter, for one report: the words it learns while splitting are forgotten
    at the end (spaCy's memory zone), so a splitter kept for the life of a server does not grow."""
    nlp = sentence_splitter()
    with nlp.memory_zone():
        yield nlp


def split_story(nlp: Language, text: str, story: Story, noise: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of one story, as `[start, end)` with no white space at either end; the dateline
    is not part of its first sentence, and a sentence mostly inside noise (a caption, a teaser, a
    line the cleaner found twice) is left out."""
    lo = story.start
    if story.dateline is not None and story.dateline.start <= lo + 2:
        lo = max(lo, story.dateline.end)
    paragraphs = [(lo + m.start(), lo + m.end()) for m in re.finditer(r"[^\n]+", text[lo:story.end])]
    out: list[tuple[int, int]] = []
    # BoundedPipe: a paragraph over spaCy's 1,000,000-character limit goes in pieces, offsets kept.
    sentences = BoundedPipe(nlp).pipe(text[a:b] for a, b in paragraphs)
    for (p_start, _p_end), doc in zip(paragraphs, sentences, strict=True):
        bounds = [[p_start + s.start_char, p_start + s.end_char] for s in doc.sents]
        for k in range(len(bounds) - 1):
            dangling = _DANGLING_OPEN_QUOTE.search(text, bounds[k][0], bounds[k][1])
            if dangling:
                bounds[k][1] = dangling.start()
                bounds[k + 1][0] = dangling.start()
        for a, b in bounds:
            while a < b and (text[a].isspace() or text[a] in "-–—"):
                a += 1
            stamp = _LEADING_STAMP.match(text, a, b)
            if stamp:
                a = stamp.end()  # a live blog's "00:58" glued to the sentence is the page's, not the text's
            while b > a and text[b - 1].isspace():
                b -= 1
            if b - a < 3 or not WORD.search(text, a, b):
                continue
            if _covered(noise, a, b) * 2 > b - a:
                continue
            out.append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class QueryPhrases:
    """The query's OR alternatives, each a tuple of phrase patterns (words in order, any separator, any
    ending on the last word: "strike" finds "strikes")."""

    alternatives: tuple[tuple[re.Pattern[str], ...], ...]

    @classmethod
    def of(cls, query: str) -> QueryPhrases:
        groups: list[list[re.Pattern[str]]] = [[]]
        for words, operator in query_parts(query):
            if operator:
                groups.append([])
                continue
            pattern = r"\W+".join(re.escape(w) for w in words.split())
            groups[-1].append(re.compile(rf"(?<!\w){pattern}\w*", re.IGNORECASE))
        return cls(tuple(tuple(g) for g in groups if g))

    def matches(self, story_text: str) -> bool:
        """Whether a story holds every phrase of one of the query's OR alternatives, as words."""
        return any(all(p.search(story_text) for p in phrases) for phrases in self.alternatives)

    def near(self, text: str, spans: list[tuple[int, int]], reach: int) -> list[tuple[int, int]]:
        """The sentences at most `reach` from one that names a query phrase: a long story (or a page
        the reader could not split) is about more than the query, and the report is not."""
        phrases = [p for alternative in self.alternatives for p in alternative]
        hits = [k for k, (a, b) in enumerate(spans) if any(p.search(text, a, b) for p in phrases)]
        return [span for k, span in enumerate(spans) if any(abs(k - h) <= reach for h in hits)]


def newest_first(sentences: list[PageSentence]) -> list[PageSentence]:
    return sorted(sentences, key=sentence_order)


def sentence_order(s: PageSentence) -> tuple[int, int, str, int]:
    """Newest first (by the sentence's date, then its page's), then by page and place in it."""
    return (-date_order(s.date), -date_order(s.page_date), s.page_id, s.start)


def date_order(day: dt.date | None) -> int:
    """A day as a number to sort by; undated before every date."""
    return day.toordinal() if day is not None else 0


def stem(word: str) -> str:
    """Inflections folded the crude way ("killed", "killing", "kills" → "kill"). Written here: no stemmer
    is among the dependencies, and it only has to bring two forms of one verb together."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def content_stems(text: str) -> frozenset[str]:
    """The stems of the lower-case content words of `text`: the place and the day are compared apart;
    the stems say what happened."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(stem(w) for w in WORD.findall(text) if w.islower() and w not in STOP_WORDS and len(w) > 2)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(b, end) - max(a, start)) for a, b in spans if a < end and b > start)


__all__ = ["WORD", "PageSentence", "QueryPhrases", "content_stems", "date_order", "newest_first", "sentence_order",
           "sentence_splitter", "split_story", "splitting", "stem"]
