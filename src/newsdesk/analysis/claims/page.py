"""claims.page: sorted indexes of one page (`PageIndex`: stories, sentences, mentions, quotes, speech
verbs, removed text, phone numbers and web addresses) answering the claim finder's look-ups in O(log n).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.model import Entity, Quote, Span, Story

_SPEECH = re.compile(
    # Forms that are more often nouns ("reports", "claims", "states", "notes", "estimates") are left out.
    r"\b(?:[Aa]ccording\s+to|said|says|say|told|tells|added|adds|stated|claimed|estimated|reported"
    r"|announced|announces|warned|warns|wrote|writes|tweeted|confirmed|confirms|noted|insisted|insists"
    r"|acknowledged|admitted|admits|argued|argues|explained|testified|recalled"
    # Reports, surveys and data "found" or "show" what they state: their source is the claimant.
    r"|found|finds|showed|shows|(?:(?<=figures\s)|(?<=data\s)|(?<=statistics\s)|(?<=records\s))show)\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
#: Phone numbers: digit groups joined by spaces, dots, dashes or brackets, eight digits or more (checked
#: in code). Commas never join them, so "2,000, 3,000" is not one.
_PHONE = re.compile(r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w,])")
#: Web addresses, handles and hashtags: their digits are identifiers ("05-61553-gnl.mp3", "@BBCTwo").
_URL = re.compile(r"(?:https?://|www\.)\S+|[@#]\w+")


@dataclass(frozen=True, slots=True)
class MentionRef:
    """One mention of an entity: its span, the entity's id and its type (PERSON, ORG, PLACE…)."""

    start: int
    end: int
    entity: str
    type: str


class PageIndex:
    """Sorted indexes of one page (sentences, mentions, quotes, noise) answering look-ups in O(log n)."""

    def __init__(self, text: str, stories: Sequence[Story], noise: Sequence[Span], quotes: Sequence[Quote],
                 entities: Sequence[Entity]) -> None:
        self.text = text
        self.story_starts = [s.start for s in stories]
        self.noise = sorted((s.start, s.end) for s in noise)
        self.noise_starts = [s for s, _ in self.noise]
        # Noise spans may overlap; the running maximum of their ends answers "is this point covered?".
        self.noise_reach: list[int] = []
        reach = 0
        for _, end in self.noise:
            reach = max(reach, end)
            self.noise_reach.append(reach)
        self.quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self.quote_starts = [q.start for q in self.quotes]
        refs = [MentionRef(s, e, ent.id, ent.type) for ent in entities for s, e in ent.mentions]
        self.mentions = sorted(refs, key=lambda r: (r.start, r.end))
        self.mention_starts = [r.start for r in self.mentions]
        self.sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self.speech = [(m.start(), m.end()) for m in _SPEECH.finditer(text)]
        self.phones = [(m.start(), m.end()) for m in _PHONE.finditer(text)
                       if sum(ch.isdigit() for ch in m.group()) >= 8]
        self.phone_starts = [s for s, _ in self.phones]
        self.urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        self.url_starts = [s for s, _ in self.urls]
        self.speech_starts = [s for s, _ in self.speech]

    def story_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.story_starts, pos) - 1)

    def in_noise(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.noise_starts, end) - 1
        return i >= 0 and self.noise_reach[i] > start

    def in_phone(self, pos: int) -> bool:
        i = bisect.bisect_right(self.phone_starts, pos) - 1
        return i >= 0 and self.phones[i][1] > pos

    def in_url(self, pos: int) -> bool:
        i = bisect.bisect_right(self.url_starts, pos) - 1
        return i >= 0 and self.urls[i][1] > pos

    def quote_at(self, start: int, end: int) -> Quote | None:
        i = bisect.bisect_right(self.quote_starts, start) - 1
        for q in self.quotes[max(0, i - 3):i + 1][::-1]:
            if q.start <= start and end <= q.end + 1:
                return q
        return None

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[i], end

    def sentence_end(self, pos: int) -> int:
        return self.sentence(pos)[1]

    def sentence_start(self, pos: int) -> int:
        return self.sentence(pos)[0]

    def sentences_back(self, pos: int, count: int) -> list[tuple[int, int]]:
        """The sentence holding `pos`, then up to `count` sentences before it, nearest first."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        out = []
        for k in range(i, max(-1, i - count - 1), -1):
            end = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(self.text)
            out.append((self.sentence_starts[k], end))
        return out

    def speech_verb(self, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int] | None:
        """The speech verb of the sentence nearest to the figure (a sentence may report two speakers)."""
        i = bisect.bisect_left(self.speech_starts, s_start)
        j = bisect.bisect_left(self.speech_starts, s_end)
        best, gap = None, 10 ** 9
        for k in range(i, j):  # bounded by the verbs of one sentence; cap it for pathological sentences
            if k - i > 20:
                break
            v = self.speech[k]
            d = start - v[1] if v[1] <= start else v[0] - end
            if d >= 0 and d < gap:
                best, gap = v, d
        return best

    def mention_after(self, lo: int, hi: int, types: tuple[str, ...] | None) -> MentionRef | None:
        """The first mention starting in [lo, hi) of one of `types` (any type with None)."""
        i = bisect.bisect_left(self.mention_starts, lo)
        while i < len(self.mentions) and self.mentions[i].start < hi:
            ref = self.mentions[i]
            if types is None or ref.type in types:
                return ref
            i += 1
        return None

    def mention_before(self, pos: int, lo: int, types: tuple[str, ...]) -> MentionRef | None:
        """The last mention ending in [lo, pos] of one of `types`."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            ref = self.mentions[i]
            if ref.type in types and ref.end <= pos:
                return ref
            i -= 1
        return None

    def person_before(self, pos: int, lo: int) -> MentionRef | None:
        """The latest person named in [lo, pos) in the same story: what "he said" most often means in news
        when the person was named just before (further back, an unnamed source is as likely)."""
        story = self.story_of(pos)
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        steps = 0
        while i >= 0 and steps < 60:
            ref = self.mentions[i]
            if ref.start < lo or self.story_of(ref.start) != story:
                return None
            if ref.type == "PERSON":
                return ref
            i -= 1
            steps += 1
        return None
