"""event_words: the words event clustering reads of a report (`newsdesk.corpus.events`).

    content_words("Quakes shook Lima's coast")     # ['quake', 'shook', 'lima', 'coast']
    words = DocWords.of(title, text)                 # each whitespace token's content words, read once
    words.all()                                      # content_words(f"{title}\n{text}"), same list
    report_views(words, lead_words, keep)            # the storyline model's views: common, names, lead

A word never spans whitespace (`_WORD` matches no space, and case folding is per character), so the content
words of any run of tokens are the concatenation of each token's: a report's words, its capitalised and
lower-case words and its lead are all read from one pass over its distinct tokens.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["TITLE_MIN_WORDS", "VIEWS", "DocWords", "content_words", "headline", "report_views", "token_words",
           "unit_weights"]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Words too common in news to say which happening a report is about (besides the English stop words).
_NEWS_WORDS = frozenset("""said says say told according reported report reports news new year years
    day days week weeks time people mr mrs ms just like also would could one two three""".split())


def content_words(text: str) -> list[str]:
    """The words that carry content, case folded, a final plural "s" and a possessive dropped (a light
    stemmer: "quakes" and "quake" are one word); stop words and one-letter words left out."""
    out = []
    for raw in _WORD.findall(text.casefold()):
        word = raw.replace("’", "'").removesuffix("'s").strip("'-")
        if len(word) < 2 or word in STOP_WORDS or word in _NEWS_WORDS:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        out.append(word)
    return out


#: The views of a report the storyline model compares besides all its words (`EventConfig.storyline_weights`).
VIEWS = ("common", "names", "lead")


def unit_weights(tf: Counter[str], keep: int) -> dict[str, float]:
    """Length-normalised sublinear tf, its `keep` heaviest terms."""
    raw = {t: (1.0 + math.log(c)) for t, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {t: v / norm for t, v in sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]}


@functools.lru_cache(maxsize=1 << 17)
def token_words(token: str) -> tuple[str, ...]:
    """`content_words` of one whitespace token, remembered: news repeats most of its tokens page after page."""
    return tuple(content_words(token))


@dataclass(frozen=True, slots=True)
class DocWords:
    """A document's whitespace tokens (headline's, then text's) and each one's `content_words`: no word
    spans whitespace, so the words of any run of tokens are their tokens' words, read once a document."""

    tokens: list[str]
    words: list[tuple[str, ...]]
    title_tokens: int

    @classmethod
    def of(cls, title: str | None, text: str) -> DocWords:
        """The words of `f"{title or ''}\\n{text}"`, as `content_words` reads them."""
        title_tokens, text_tokens = (title or "").split(), text.split()
        tokens = title_tokens + text_tokens
        return cls(tokens, [token_words(t) for t in tokens], len(title_tokens))

    def all(self) -> list[str]:
        return [w for words in self.words for w in words]


def report_views(words: DocWords, lead_words: int, keep: int) -> dict[str, dict[str, float]]:
    """A report's words split by what they say: lower-case words tell what kind of thing happened (two
    different stars' deaths share "pinup", "died"), capitalised ones who and where, and the lead (headline
    and first words) states the story's own event, where later paragraphs drift to background."""
    names = [w for token, found in zip(words.tokens, words.words, strict=True) if token[:1].isupper() for w in found]
    common = [w for token, found in zip(words.tokens, words.words, strict=True) if not token[:1].isupper()
              for w in found]
    lead = [w for found in words.words[:words.title_tokens + lead_words] for w in found]
    return {"common": unit_weights(Counter(common), keep), "names": unit_weights(Counter(names), keep),
            "lead": unit_weights(Counter(lead), keep)}


#: A list item's mark at the start of a line: "•", "-", "*", "1." — a teaser list, not a headline.
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]+|\d{1,2}[.)])\s+")
#: Words a line needs to name a happening: fewer is a label ("Advertisement", "Live updates").
TITLE_MIN_WORDS = 4


def headline(title: str | None, text: str) -> str:
    """A story's headline (`title`); else its first line that reads as a sentence, without a list mark, to its
    first full stop (a story cut from a page may begin with a teaser list or a section label)."""
    if title and title.strip():
        return _BULLET.sub("", title.strip())[:120] or title.strip()[:120]
    lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return "(no text)"
    line = next((line for line in lines if len(line.split()) >= TITLE_MIN_WORDS), lines[0])
    return re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0][:120]
