"""claims.attribution: who makes a claim (`speaker_of`: the speaker of the quote it sits in, X in
"according to X" or "X said", a pronoun resolved to the story's latest person) and what it is about
(`about_of`: the place or group it is counted in or for, the place a population describes).
"""

from __future__ import annotations

import re

from newsdesk.analysis.claims.atoms import ATOM
from newsdesk.analysis.claims.figures import Figure
from newsdesk.analysis.claims.page import PageIndex
from newsdesk.analysis.claims.words import MONTHS, WEEKDAYS

_PRONOUNS = frozenset({"he", "she"})
#: Between a subject and its speech verb: adverbs and auxiliaries ("Zelenskiy also said", "has said").
_BEFORE_VERB_SKIP = frozenset("also has have had earlier later previously reportedly then again once recently would "
                              "will further separately repeatedly publicly privately".split())
#: "were reported to have died", "is estimated": a passive verb has no speaker in its subject.
_PASSIVE = frozenset("was were is are be been being".split())
#: Words that open a clause: a subject never reaches back past them ("which they say" → "they").
_CLAUSE = frozenset("that which who whom whose but and or while when if as because after before so where though "
                    "although since than".split())
_TOKEN = re.compile(r"[\w’'.-]+|[^\w\s]")
_SPEAKER_AFTER_NP = re.compile(r"\s*(?P<np>(?:[\w’'.-]+\s+){0,5}?[\w’'.-]*[\w’'])\s*(?:[,.;:!?)\"“”—–]|$)")
_ABOUT_PREP = re.compile(r"\b(?:in|of|for|across|from|at|inside|near|around|throughout)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"(?P<w>[\w-]+)['’]s?\s+(?:\w+\s+)?$")


def speaker_of(text: str, page: PageIndex, fig: Figure, window: int) -> tuple[str | None, str | None]:
    """Who claims the figure: the entity id (None when no entity names them) and the words that name them.
    `window`: how far before (after) a speech verb its subject may end (start)."""
    quote = page.quote_at(fig.start, fig.end)
    if quote is not None and (quote.speaker is not None or quote.speaker_span is not None):
        who = quote.speaker_span
        words = text[who[0]:who[1]] if who else None
        if who is not None:
            words = _claimant_words(text, page, who[0], who[1])
        return quote.speaker, words
    s_start, s_end = page.sentence(fig.start)
    verb = page.speech_verb(fig.start, fig.end, s_start, s_end)
    if verb is None:
        return None, None
    v_start, v_end = verb
    if text[v_start:v_end].lower().startswith("according"):
        after_end = s_end
        ref = page.mention_after(v_end, min(after_end, v_end + window), ("PERSON", "ORG"))
        np = _SPEAKER_AFTER_NP.match(text, v_end, after_end)
        words = np.group("np") if np else None
        if ref is not None and (np is None or ref.start < np.end()):
            return ref.entity, words
        return None, words
    # "Zelenskiy said", "Serhiy Haidai, governor of the Luhansk region, said": the subject ends
    # before the verb; "…, said Zelenskiy" puts it after.
    ref = page.mention_before(v_start, max(s_start, v_start - window), ("PERSON", "ORG"))
    if ref is not None and _subject_gap(text[ref.end:v_start]):
        return ref.entity, text[ref.start:ref.end]
    words = _subject_words(text, max(s_start, v_start - 80), v_start)
    if words is not None and text.rfind(words, max(s_start, v_start - 80), v_start) < fig.end \
            and fig.start < v_start:
        words = None  # "three US officials said": the figure counts the speakers; none of them claims it
    if words is not None and words.lower() in _PRONOUNS:
        back = page.sentences_back(s_start, 2)
        person = page.person_before(s_start, back[-1][0])
        return (person.entity if person else None), words
    after = page.mention_after(v_end, min(s_end, v_end + 45), ("PERSON", "ORG"))
    if after is not None and not text[v_end:after.start].strip(" ,").count(" ") > 3:
        return after.entity, text[after.start:after.end]
    return None, words

def about_of(text: str, page: PageIndex, fig: Figure, window: int, sentences: int) -> str | None:
    """The entity id of what the figure is about: a place or group it is counted in or for (starting up
    to `window` characters after it), or the place a population describes (up to `sentences` back)."""
    s_start, s_end = page.sentence(fig.start)
    if fig.population:
        # The place a population describes: named in its sentence, or before it ("the city").
        # The first place of the nearest sentence that names one is the topic (Centering: the
        # subject, usually first, is the preferred antecedent).
        inside = page.mention_after(fig.start, fig.end, ("PLACE",))
        if inside is not None:
            return inside.entity
        for lo, hi in page.sentences_back(fig.start, sentences):
            ref = page.mention_after(lo, hi, ("PLACE",))
            if ref is not None and page.story_of(ref.start) == page.story_of(fig.start):
                return ref.entity
        return None
    # The counted group named as an entity ("Ukrainians"), or a possessive before ("Ukraine's 24 regions").
    unit_ref = page.mention_after(fig.anchor_end, fig.end, None)
    if unit_ref is not None:
        return unit_ref.entity
    poss = _POSSESSIVE_BEFORE.search(text, max(s_start, fig.start - 30), fig.start)
    if poss is not None:
        ref = page.mention_after(poss.start(), poss.start("w") + len(poss.group("w")), ("PLACE", "ORG"))
        if ref is not None:
            return ref.entity
    # A place or group the figure is counted in or for: "12 people in Kharkiv".
    limit = min(s_end, fig.end + window)
    ref = page.mention_after(fig.end, limit, ("PLACE", "ORG"))
    if ref is not None and _ABOUT_PREP.search(text, max(fig.end, ref.start - 20), ref.start) \
            and not ATOM.search(text, fig.end, ref.start):
        return ref.entity
    return None


def _subject_gap(gap: str) -> bool:
    """A person or organisation is the subject of the verb after `gap` when nothing but a word or two
    ("also", "has") or an apposition between commas ("Serhiy Haidai, governor of the region, said")
    separates them."""
    stripped = gap.strip()
    if stripped.startswith(",") and stripped.endswith(","):
        return True
    return len(stripped.split()) <= 2 and not any(ch in stripped for ch in ",;:.!?\"“”")


def _subject_words(text: str, lo: int, verb: int) -> str | None:
    """The words naming the speaker before a speech verb when no entity does ("the officer",
    "Regional authorities", "he"): the short run of words before the verb, after skipping adverbs and
    auxiliaries, back to punctuation or a clause word. None for a passive ("were reported")."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, verb)]
    k = len(tokens)
    while k and tokens[k - 1][2].lower() in _BEFORE_VERB_SKIP:
        k -= 1
    if k and tokens[k - 1][2].lower() in _PASSIVE:
        return None
    first = k
    while first and k - first < 6:
        word = tokens[first - 1][2]
        if not word[0].isalnum() or word.lower() in _CLAUSE:
            break
        first -= 1
    if first == k or k - first > 5 or any(ch.isdigit() for _, _, w in tokens[first:k] for ch in w):
        return None
    if first == 0 and lo > 0 and text[lo - 1].isalnum():
        return None  # the window cut a word: the subject is longer than we can read
    if all(w.lower() in _NO_SPEAKER_WORDS for _, _, w in tokens[first:k]):
        return None  # "The", "Then it": function words name nobody
    return text[tokens[first][0]:tokens[k - 1][1]]


#: Words that cannot name a speaker on their own (pronouns are kept: they resolve to one).
_NO_SPEAKER_WORDS = frozenset("""the a an this that these those then there here it its and but or so also
    now later earlier which what when where while as if""".split())


def _claimant_words(text: str, page: PageIndex, start: int, end: int) -> str:
    """A quote's speaker span as the claimant's words: "Lisa Grant, 52, a teacher" → "Lisa Grant" (what
    follows the name's comma describes her, an age or a job); "the charity" before "Save Our Kids" →
    "the charity Save Our Kids" (a description the name stands beside, cut short upstream)."""
    named = page.mention_after(start, end, ("PERSON", "ORG"))
    if named is not None and named.end < end and text.startswith(",", named.end) \
            and _TITLE.fullmatch(text, start, named.start):
        return text[start:named.end]
    name = _NAME_AFTER.match(text, end)
    if name is not None and text[start:end].lower().startswith(("the ", "a ", "an ")):
        return text[start:name.end()]
    return text[start:end]


_TITLE = re.compile(r"(?:[A-Z][\w.]*\s+){0,2}")
#: Capitalised words right after a described speaker: the name of the body described ("the regulator Ofgen").
_NAME_AFTER = re.compile(r"(?:\s+(?!" + WEEKDAYS + r"\b|" + MONTHS + r"\b)[A-Z][\w’'&-]*"
                         r"(?:\s+(?:of|for|and)(?=\s+[A-Z]))?){1,4}(?![\w’'])")

