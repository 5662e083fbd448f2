"""extract: the names on a page — who and where is named, story by story (nothing resolved yet).

A spaCy named-entity tagger finds candidate names; then what the gazetteer and the page itself know
corrects them, because a small tagger confuses types on news text ("Kherson" tagged as a person,
"Mariupol" as an organisation):

* a place name the tagger missed but the gazetteer knows, and the page supports, is a PLACE;
* a name the gazetteer knows as a place, tagged PERSON or ORG, is a PLACE — unless the page also
  uses it as part of a longer personal name ("Paris Hilton");
* a single word tagged ORG or PLACE that is the surname of a person named in full on the page
  ("Biden" after "Joe Biden") is a PERSON;
* one name gets one type on a page: every mention of it votes (the tagger's label; less in an
  all-caps headline, where the tagger is weak), and so do role words beside a mention ("President",
  "Mr", "minister" → PERSON; "province of", "X island" → PLACE; "X Inc", "shares of X", "X 's
  chairman", "ministry of" → ORG), names that end in such a word ("Snake Island", "Pirelli SpA") for
  their head word, the gazetteer and the page's full personal names; the weightiest type wins for all
  its mentions (`settle_types`), so linking receives one type per name; a dateline stays a place;
* a capitalised word at a sentence's start is not a name when the page says it is a common word
  ("Separately," "Steadily," as sentence adverbs; "Jury" when the page also writes "jury");
* a name the tagger found on the page is found again where the tagger missed it (same spelling, or the
  same name in an all-caps headline), with the page's type;
* demonyms and nationalities ("Ukrainian", NORP) are not entities; they are kept apart as pointers to
  their country, for the geocoder's context;
* for a caller with a label for other names (CoNLL's MISC, bench/ner.py), adjectives made of a name
  ("London-based", "ex-England") and demonyms take that label (`settle_types`' `types.misc`);
* a mention never crosses a story boundary, a line break, or sits inside removed noise.

The tagger runs once per story (`nlp.pipe` over the stories of a page), loaded once per pipeline.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language

from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.toponyms import find_toponyms
from newsdesk.errors import ConfigError
from newsdesk.model import Cleaning, EntityType, Mention, Page, Story

#: The tagger's labels (OntoNotes as in spaCy's English pipelines, and CoNLL's) → newsdesk's types.
LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON", "PER": "PERSON",
    "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
    "ORG": "ORG",
}
#: Labels of groups of people: never entities, but a demonym points at its country.
GROUP_LABELS = frozenset({"NORP", "MISC"})


@dataclass(frozen=True, slots=True)
class Demonym:
    """"Ukrainian" at [start, end): not an entity, but a hint that the page is about a country."""

    start: int
    end: int
    text: str
    country: str
    story: int


@dataclass(frozen=True, slots=True)
class Mentions:
    mentions: tuple[Mention, ...] = ()
    demonyms: tuple[Demonym, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """The extractor's knobs, defaults in one place."""

    #: The spaCy pipeline: `newsdesk:NAME` for one shipped in newsdesk/models (the default, trained on
    #: CoNLL-2003: see its MODEL_CARD.md), an installed package name, or a directory.
    model: str = "newsdesk:ner_conll"
    #: Longest mention kept, in characters: longer "names" are tagger run-ons.
    max_mention_chars: int = 80
    #: spaCy batch size for `nlp.pipe`.
    batch_size: int = 32
    #: Pipeline components not needed for names (spaCy skips them entirely: faster).
    exclude: tuple[str, ...] = field(default=("tagger", "parser", "lemmatizer", "attribute_ruler", "senter"))

    def __post_init__(self) -> None:
        if not self.model:
            raise ConfigError("ND-E011", "extract.model must name a spaCy pipeline package or directory")
        for name in ("max_mention_chars", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ConfigError("ND-E011", f"extract.{name} must be a whole number >= 1, not {value!r}")


def load_tagger(config: ExtractConfig) -> Language:
    """Load the spaCy pipeline once; a missing model is a clear error, not a traceback."""
    import spacy  # imported here: loading spaCy costs a second, and only extraction needs it

    model: str | Path = config.model
    if config.model.startswith("newsdesk:"):
        model = Path(str(resources.files("newsdesk").joinpath("models", config.model.removeprefix("newsdesk:"))))
    try:
        return spacy.load(model, exclude=list(config.exclude))
    except OSError as exc:
        raise ConfigError("ND-E011", f"extract.model {config.model!r} cannot be loaded: {exc}") from exc


# "the Kremlin" → "Kremlin"; "Kyiv’s" → "Kyiv": the name, not its article or possessive.
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
#: Capitalised words that come before a name without being a first name.
_NOT_FIRST_NAMES = frozenset("""the a an in on at of for from to by with and but or as if when while after before
    since during president minister governor mayor general secretary chancellor king queen prince mr mrs ms dr
    sir lord lady senator judge north south east west central eastern western northern southern""".split())


class MentionFinder:
    """Finds mentions story by story; built once with its tagger and gazetteer, holds no page state."""

    def __init__(self, nlp: Language, places: Gazetteer | None = None, config: ExtractConfig | None = None) -> None:
        self.nlp = nlp
        self.places = places
        self.config = config or ExtractConfig()

    def __call__(self, page: Page, cleaning: Cleaning, stories: Sequence[Story]) -> Mentions:
        text = page.text
        noise = _Overlaps((s.start, s.end) for s in cleaning.removed)
        found: list[Mention] = []
        demonyms: list[Demonym] = []
        chunks = [text[s.start:s.end] for s in stories]
        for index, (story, doc) in enumerate(zip(stories, self.nlp.pipe(chunks, batch_size=self.config.batch_size),
                                                 strict=True)):
            for ent in doc.ents:
                for start, end in self._pieces(text, story.start + ent.start_char, story.start + ent.end_char):
                    if noise.hit(start, end):
                        continue
                    name = text[start:end]
                    if ent.label_ in GROUP_LABELS or (self.places is not None and self.places.is_demonym(name)):
                        country = self.places.demonym_country(name) if self.places else None
                        if country:
                            demonyms.append(Demonym(start, end, name, country, index))
                        continue
                    kind = LABELS.get(ent.label_)
                    if ent.label_ == "FAC" and " " not in name:
                        # "the Pentagon", "the Kremlin": in news, one-word facilities stand for institutions.
                        kind = "ORG"
                    if kind is not None:
                        found.append(Mention(start, end, name, kind, ent.label_, index))
            if self.places is not None:
                found += self._gazetteer_names(text, story, index, found, noise)
            if story.dateline is not None and story.dateline.place:
                # "KYIV, May 22 (Reuters)": a dateline names a place, in capitals the tagger misses.
                place_end = story.dateline.start + len(text[story.dateline.start:story.dateline.end].split(",")[0])
                head = text[story.dateline.start:place_end].strip()
                if head and not any(m.start < place_end and story.dateline.start < m.end for m in found):
                    found.append(Mention(story.dateline.start, story.dateline.start + len(head), head, "PLACE",
                                         "dateline", index))
        found = [self._widen(text, m) for m in found]
        found = self._settle(text, stories, noise, sorted(found, key=lambda m: m.start))
        return Mentions(tuple(found), tuple(demonyms))

    def _settle(self, text: str, stories: Sequence[Story], noise: _Overlaps,
                mentions: list[Mention]) -> list[Mention]:
        """One type per name on the page (`settle_types`), mentions of common words dropped, missed
        repeats of a found name added; a found repeat stays inside its story and outside noise."""
        names = [Named(m.start, m.end, m.text, m.type) for m in mentions]
        settled = settle_types(text, names, _NEWSDESK_TYPES, self.places)
        by_span = {(m.start, m.end): m for m in mentions}
        out: list[Mention] = []
        for n in settled:
            kind = _as_entity_type(n.type)
            old = by_span.get((n.start, n.end))
            if old is not None:
                out.append(old if old.type == kind else Mention(old.start, old.end, old.text, kind, old.label,
                                                                 old.story))
                continue
            story = next((i for i, s in enumerate(stories) if s.start <= n.start and n.end <= s.end), None)
            if story is None or noise.hit(n.start, n.end):
                continue
            out.append(Mention(n.start, n.end, n.text, kind, "page", story))
        return out

    def _gazetteer_names(self, text: str, story: Story, index: int, found: list[Mention],
                         noise: _Overlaps) -> list[Mention]:
        """Places the tagger missed ("KYIV", a sentence's first "Kyiv’s", a rare town) that the
        gazetteer knows and the page supports (`newsdesk.analysis.entities.toponyms.find_toponyms` says how)."""
        assert self.places is not None
        out = []
        taken = _Overlaps((m.start, m.end) for m in found if m.story == index)
        for span in find_toponyms(text[story.start:story.end], self.places):
            start, end = story.start + span.start, story.start + span.end
            if span.kind != "place" or noise.hit(start, end):
                continue
            if taken.hit(start, end):
                continue
            out.append(Mention(start, end, text[start:end], "PLACE", "gazetteer", index))
        return out

    def _pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The tagger's span cut at line breaks, bullets and brackets ("Kyiv (Київ)" is two names) and
        trimmed to the name itself."""
        out = []
        for m in re.finditer(r"[^\n•()\[\]]+", text[start:end]):
            piece = m.group()
            lo = start + m.start() + (len(piece) - len(piece.lstrip()))
            piece = piece.strip()
            lead = _LEADING.match(piece)
            if lead:
                lo += lead.end()
                piece = piece[lead.end():]
            piece = _TRAILING.sub("", piece).rstrip(" ,.;:")
            lo_end = lo + len(piece)
            if (self.places is not None and text[lo_end:lo_end + 1] == "."
                    and self.places.abbreviation(piece + ".") is not None):
                # "the U.S.", "Louisville, Ky.": the tokenizer gives the sentence its full stop, but
                # the abbreviation's dot is part of the name and tells it from "US" the pronoun.
                piece += "."
            if piece and piece[0].isupper() and len(piece) <= self.config.max_mention_chars and "/" not in piece:
                out.append((lo, lo + len(piece)))
        return out

    def _widen(self, text: str, m: Mention) -> Mention:
        """"Lyudmila [Denisova]": a tagger that cuts a first name off and calls the surname a place.
        A PLACE the gazetteer does not know, right after a capitalised word on the same line that is
        not a title or a sentence's first function word, is that word plus the name: a person."""
        if m.type != "PLACE" or self.places is None or self.places.is_place(m.text) or " " in m.text:
            return m
        before = re.search(r"([A-Z][a-z’'-]+) $", text[max(0, m.start - 40):m.start])
        if before is None or before.group(1).casefold() in _NOT_FIRST_NAMES:
            return m
        start = m.start - len(before.group(0))
        return Mention(start, m.end, text[start:m.end], "PERSON", m.label, m.story)


class _Overlaps:
    """Spans asked whether any overlaps [start, end), in O(log n) a question: a page's every mention
    is asked about its noise, and a scan of all the spans per mention made extraction quadratic."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        top = -1
        for _, b in ordered:
            top = max(top, b)
            self._reach.append(top)

    def hit(self, start: int, end: int) -> bool:
        """Some span [a, b) has a < end and start < b."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start


# -- one type per name on a page -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Named:
    """A typed name at [start, end) of a page's text, in whatever label set the caller uses (newsdesk's
    PERSON/PLACE/ORG, or CoNLL's PER/LOC/ORG/MISC in bench/ner.py)."""

    start: int
    end: int
    text: str
    type: str


@dataclass(frozen=True, slots=True)
class TypeNames:
    """Which of the caller's labels means person, place and organisation (and, for CoNLL's label set, the
    label of other names: nationalities, events, adjectives made of names; None when the caller has none)."""

    person: str
    place: str
    org: str
    misc: str | None = None


_NEWSDESK_TYPES = TypeNames("PERSON", "PLACE", "ORG")


def _as_entity_type(kind: str) -> EntityType:
    if kind == "PERSON":
        return "PERSON"
    if kind == "PLACE":
        return "PLACE"
    if kind == "ORG":
        return "ORG"
    raise ValueError(f"not a newsdesk entity type: {kind!r}")


#: Weights of the evidence (a tagger mention counts 1). A role word is worth several plain mentions: it is
#: what a reader goes by; the gazetteer outweighs the tagger's PERSON/ORG guesses on a place name, as
#: the earlier hard rule did ("Mariupol" tagged ORG), unless role words or a full personal name say otherwise.
_W_MENTION = 1.0
_W_SHOUTED = 0.4  # a mention on an all-caps line: the tagger is weakest there (MODEL_CARD: PER F1 62.5)
_W_ROLE = 3.0
_W_GAZETTEER = 1.5  # per mention of a name the gazetteer knows as a place
_W_SURNAME = 3.0

# Role words right before a name (same line): "President Biden", "Foreign Minister Kuleba", "Mr Ward".
_ROLE_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:\b(?:president|minister|mr|mrs|ms|dr|sir|senator|sen|governor|gov|mayor|general|gen|"
                r"secretary|chancellor|premier|spokesman|spokeswoman|spokesperson|judge|coach|captain|"
                r"prince|princess|king|queen|pope|lord|lady|chairman|chairwoman|commander|colonel|col|"
                r"lieutenant|lt|sergeant|sgt|ambassador|envoy|deputy|rep|representative|professor|prof)\.?)"
                r"\s+$", re.IGNORECASE), "person"),
    (re.compile(r"\b(?:province|region|oblast|state|city|town|village|island|islands|county|district|"
                r"republic|kingdom|port|capital)\s+of\s+$", re.IGNORECASE), "place"),
    (re.compile(r"\b(?:ministry|department|office|bureau|union|party|council|association|committee)\s+"
                r"(?:of|for)\s+$", re.IGNORECASE), "org"),
    # A company's shares, a sports club: "shares of Magna", "first division team Deportivo".
    (re.compile(r"\b(?:(?:shares|stake|stock)\s+(?:of|in)|team|club|side|firm|company|group|carmaker|airline|"
                r"bank|insurer|retailer|conglomerate|giant|maker|operator)\s+$", re.IGNORECASE), "org"),
    (re.compile(r"\b(?:striker|midfielder|defender|goalkeeper|batsman|bowler|spokesman|spokeswoman|"
                r"manager|leader|chief|director|analyst|economist|actor|actress|singer|author)\s+$",
                re.IGNORECASE), "person"),
)
# Role words right after a name: "Zaporizhzhia province", "Snake Island", "Acme Inc", "Kamau, who".
_ROLE_AFTER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*(?:,\s*(?:(?:who|aged)\b|\d{1,2}\s*,)|['’]\s?s\s+(?:wife|husband|son|daughter|mother|father)\b|"
                r"(?:said|says)\s+(?:he|she)\b)", re.IGNORECASE), "person"),
    # "Pirelli 's cables division", "Jones shares": a company.
    (re.compile(r"^\s*(?:['’]\s?s\s+(?:shares|stock|profit|earnings|revenue|sales|chairman|"
                r"board|subsidiary|unit|division|shareholders|net|results)\b|\s(?:shares|stock)\b)",
                re.IGNORECASE), "org"),
    (re.compile(r"^\s+(?:province|region|oblast|island|islands|county|district|river|peninsula|mountains)(?![\w-])",
                re.IGNORECASE), "place"),
    (re.compile(r"^\s+(?:inc|corp|corporation|ltd|plc|llc|co|company|group|party|ministry|bank)(?![\w-])",
                re.IGNORECASE), "org"),
)
# "Magna said it": a company, or a country acting as one; weak evidence, a plain mention's worth.
_SAID_IT = re.compile(r"^\s*(?:said|says)\s+its?\b", re.IGNORECASE)
# "Mr" inside the tagged span ("Minister Kuleba" tagged PLACE): its first word says the type.
# (Not "Queen", "Lord", "General": they begin places and clubs too: "Queen's Park", "Lord's", "General Motors".)
_ROLE_INSIDE = re.compile(r"^(?:President|Minister|Mr|Mrs|Ms|Dr|Sir|Senator|Sen|Governor|Gov|Mayor|Secretary|"
                          r"Chancellor|Premier|Judge|Pope)\.?\s")
# "Snake Island", "Kherson Oblast": the name's own last word says it is a place, and its head word alone
# ("Snake") names the same place.
# ("County" is not one: "Notts County" is a football club.)
_PLACE_TAIL = re.compile(r"\s(?:Island|Islands|Province|Region|Oblast|River|Peninsula|Mountains|Bay)$")
# "Pirelli SpA", "Magna International Inc": a company, and its first word alone ("Pirelli") names it too.
_ORG_TAIL = re.compile(r"\s(?:Inc|Corp|Corporation|Ltd|Plc|PLC|SpA|AG|SA|NV|GmbH|Co|Group|Holdings|Airlines|Motors|"
                       r"International|Industries)\.?$")
# A dateline: a name opening a line, then a date or "(Reuters)": "KYIV, May 22 (Reuters)", "NEW YORK 1996-08-22".
_DATELINE_AFTER = re.compile(r"^,?\s+(?:\d{4}-\d\d-\d\d|\((?:Reuters|AP|AFP)\)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                             r"Oct|Nov|Dec)[a-z]*\.?\s+\d)")
_NOT_SENTENCE_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|No|U\.S|U\.K)\.$")
_WORD_CHAR = re.compile(r"\w")


_WINDOW = 300  # characters around a name that the line tests look at


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the name at `start` opens a sentence (or a line), past any opening quote or bracket."""
    # (A window, not the whole line: a page without line breaks must not cost a scan per name.)
    line = text[max(text.rfind("\n", 0, start) + 1, start - _WINDOW):start]
    before = line.rstrip(" \t\"'“‘«(—–-")
    if not before:
        return True
    return before[-1] in ".!?:;" and _NOT_SENTENCE_END.search(before) is None


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether the name sits on an all-caps line (a headline), where case says nothing."""
    lo = max(text.rfind("\n", max(0, start - _WINDOW), start) + 1, start - _WINDOW)
    hi = text.find("\n", end, end + _WINDOW)
    line = text[lo:hi if hi >= 0 else min(len(text), end + _WINDOW)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _lower_words(text: str) -> frozenset[str]:
    """The words the page writes in lower case: those are common words on this page."""
    return frozenset(m.group() for m in re.finditer(r"\b[a-z][a-z’'-]+\b", text))


_ADVERB = re.compile(r"(?:ally|ately|ently|antly|ously|ively|fully|edly|ingly|ibly|ably)$")


def _common_word(text: str, n: Named, lower: frozenset[str]) -> bool:
    """A one-word name at a sentence's start that the page itself shows to be a common word: a sentence
    adverb ("Separately, …", "Steadily, …") or a word the page also writes in lower case ("Jury")."""
    if " " in n.text or not n.text[:1].isupper() or n.text.isupper() or not _sentence_initial(text, n.start):
        return False
    word = n.text.casefold()
    if word in lower:
        return True
    # A sentence adverb is followed by a comma and is long or has an adverb's suffix: "Steadily," but not
    # the short names "Kelly," "Emily," "Bradley,".
    adverb = (len(word) >= 8 and word.endswith("ly")) or _ADVERB.search(word) is not None
    return adverb and text[n.end:n.end + 1] == ","


def settle_types(text: str, names: Sequence[Named], types: TypeNames, places: Gazetteer | None = None,
                 find_repeats: bool = True, is_demonym: Callable[[str], bool] | None = None) -> list[Named]:
    """One type per name on a page, decided by the weighed evidence of all its mentions.

    Each mention votes for its own type (less on an all-caps line); a role word beside a mention votes for
    what it names; a place the gazetteer knows gets a place vote per mention, unless the page uses the
    word as a first name or surname ("Paris Hilton", "Biden" after "Joe Biden": those get a person vote
    instead). Every mention of the name then takes the winner; a mention keeps its own type on a tie.
    One-word names that the page shows to be common words are dropped (`_common_word`) unless the page
    also uses them as a name in mid-sentence. With `find_repeats`, an untagged occurrence of a found name
    (same spelling, word-bounded, not touching another capitalised word; or its capitals on an all-caps
    line) is added with the name's type. With `types.misc`, adjectives made of names and demonyms
    (`is_demonym`, a gazetteer's) take that type (`_misc_names`). Returns names sorted by start.
    """
    lower = _lower_words(text)
    surnames: set[str] = set()
    person_words: set[str] = set()
    for n in names:
        words = _NAME_WORD.findall(n.text)
        if n.type == types.person and len(words) >= 2 and not _shouted(text, n.start, n.end):
            surnames.add(words[-1].casefold())
            person_words.update(w.casefold() for w in words[:-1])
    place_heads = {" ".join(n.text.split()[:-1]).casefold() for n in names if _PLACE_TAIL.search(n.text)}
    org_heads = {n.text.split()[0].casefold() for n in names if _ORG_TAIL.search(n.text)}
    named_mid_sentence = {_key(n.text) for n in names if not _sentence_initial(text, n.start)}
    voters = {types.person, types.place, types.org}
    other = [n for n in names if n.type not in voters]  # CoNLL's MISC: neither votes nor changes
    kept = [n for n in names if n.type in voters
            and (_key(n.text) in named_mid_sentence or not _common_word(text, n, lower))]

    role_type = {"person": types.person, "place": types.place, "org": types.org}
    votes: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    # A dateline names a place whatever the page does with the name elsewhere ("NEW YORK 1996-08-22" above a
    # table of "New York" the team): it keeps PLACE and does not outvote the rest.
    datelines: set[tuple[int, int]] = set()
    for n in kept:
        counts[_key(n.text)] = counts.get(_key(n.text), 0) + 1
        tally = votes.setdefault(_key(n.text), {})
        tally[n.type] = tally.get(n.type, 0.0) + (_W_SHOUTED if _shouted(text, n.start, n.end) else _W_MENTION)
        line_start = text.rfind("\n", 0, n.start) + 1
        line_end = text.find("\n", n.end)
        before = text[max(line_start, n.start - 40):n.start]
        after = text[n.end:min(n.end + 40, line_end if line_end >= 0 else len(text))]
        for patterns, side in ((_ROLE_BEFORE, before), (_ROLE_AFTER, after)):
            for pattern, role in patterns:
                if pattern.search(side):
                    kind = role_type[role]
                    tally[kind] = tally.get(kind, 0.0) + _W_ROLE
        if _SAID_IT.match(after):
            tally[types.org] = tally.get(types.org, 0.0) + _W_MENTION
        if _ROLE_INSIDE.match(n.text):
            tally[types.person] = tally.get(types.person, 0.0) + _W_ROLE
        if _PLACE_TAIL.search(n.text):
            tally[types.place] = tally.get(types.place, 0.0) + _W_ROLE
        if _ORG_TAIL.search(n.text):
            tally[types.org] = tally.get(types.org, 0.0) + _W_ROLE
        if n.start == line_start and _DATELINE_AFTER.match(after):
            datelines.add((n.start, n.end))
    for key, tally in votes.items():
        if key in place_heads:
            tally[types.place] = tally.get(types.place, 0.0) + _W_ROLE + _W_MENTION * counts[key]
        elif key in org_heads:
            tally[types.org] = tally.get(types.org, 0.0) + _W_ROLE + _W_MENTION * counts[key]
        elif " " not in key and key in surnames | person_words:
            tally[types.person] = tally.get(types.person, 0.0) + _W_SURNAME
        elif places is not None and key not in person_words and places.is_place(key):
            tally[types.place] = tally.get(types.place, 0.0) + _W_GAZETTEER * counts[key]
    out: list[Named] = list(other)
    for n in kept:
        tally = votes[_key(n.text)]
        best = max(tally, key=lambda t: (tally[t], t == n.type))
        if (n.start, n.end) in datelines:
            best = types.place
            out.append(n if n.type == best else Named(n.start, n.end, n.text, best))
            continue
        out.append(n if tally[best] <= tally.get(n.type, 0.0) else Named(n.start, n.end, n.text, best))
    if types.misc is not None:
        out = _misc_names(text, out, types, lower, is_demonym or (lambda word: False), surnames | person_words)
    if find_repeats:
        out += _repeats(text, out, votes, lower)  # `out` holds `other` too: a MISC span is taken
    return sorted(out, key=lambda n: n.start)


# "London-based", "U.S.-led", "Surinamese-born", "Indonesian-origin": a name joined by a hyphen to a participle
# or a compound's head is an adjective (CoNLL's MISC), not the place or group it names. At least two characters
# before the hyphen ("A-rated", "X-ray" are no names); the head's shape is English morphology, so "Kim Sun-ho"
# and "Silpa-archa" (given names) do not match.
_NAME_COMPOUND = re.compile(r"(?<![\w'’.-])([A-Z][\w'’.]*[\w.])-(?:[a-z]+(?:ed|ing)|born|bound|held|run|made|"
                            r"built|grown|wide|style|type|era|origin)(?![\w'’-])")
# "ex-England", "pro-Moscow", "post-Soviet": an English derivational prefix on a name ("mid-August" is a date).
_PREFIXED_NAME = re.compile(r"(?<![\w'’.-])(?:ex|pro|anti|pre|post|non|neo|pan|mid|trans|semi|ultra|inter|multi|"
                            r"counter)-([A-Z][\w'’.]*[\w.])(?![\w'’-])")
_CALENDAR = frozenset(w.casefold() for w in (*calendar.month_name[1:], *calendar.month_abbr[1:],
                                             *calendar.day_name, *calendar.day_abbr))
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][A-Za-z]+(?![\w'’-])")


def _misc_names(text: str, found: list[Named], types: TypeNames, lower: frozenset[str],
                is_demonym: Callable[[str], bool], person_words: set[str]) -> list[Named]:
    """Names of the `misc` kind the tagger missed or typed as a person, place or organisation: adjectives made
    of a name (`_NAME_COMPOUND`, `_PREFIXED_NAME`) and one-word demonyms ("Welsh", "Kuwaiti", "Scots") that
    are not part of a longer name nor a name the page gives a person."""
    misc, place = types.misc or "MISC", types.place
    out = {(n.start, n.end): n for n in found}
    by_end = {n.end: n for n in found}
    named = {_key(n.text) for n in found}
    taken = _Overlaps(out)
    compounds = [(m, False) for m in _NAME_COMPOUND.finditer(text)] + [(m, True) for m in _PREFIXED_NAME.finditer(text)]
    for m, prefixed in compounds:
        start, end, part = m.start(), m.end(), m.group(1)
        if part.casefold() in _CALENDAR or part.casefold() in lower:
            continue
        tagged = by_end.get(end)
        if tagged is not None and tagged.start <= start:  # "Hong Kong-based" tagged whole as an organisation
            out[(tagged.start, end)] = Named(tagged.start, end, tagged.text, misc)
            continue
        if taken.hit(start, end) or (not prefixed and _touches_capital(text, start, end, after=False)):
            continue  # part of a longer name the tagger did see, or of one it did not ("Kim Sun-ho")
        if _sentence_initial(text, start) and _key(part) not in named and not is_demonym(part):
            continue  # "Long-term", "Top-seeded": a capital that only opens the sentence
        out[(start, end)] = Named(start, end, text[start:end], misc)
    for n in list(out.values()):  # (a demonym tagged as a place stays one: "Czech" for the Czech Republic)
        if (n.type not in (misc, place) and " " not in n.text and n.text.casefold() not in person_words
                and is_demonym(n.text)):
            out[(n.start, n.end)] = Named(n.start, n.end, n.text, misc)
    taken = _Overlaps(out)
    for m in _CAPITALISED.finditer(text):
        start, end = m.start(), m.end()
        if taken.hit(start, end) or not is_demonym(m.group()) or m.group().casefold() in lower:
            continue
        if _shouted(text, start, end) or not _touches_capital(text, start, end):
            out[(start, end)] = Named(start, end, m.group(), misc)
    return list(out.values())


def _repeats(text: str, found: Sequence[Named], votes: dict[str, dict[str, float]],
             lower: frozenset[str]) -> list[Named]:
    """Occurrences of found names that the tagger missed, typed as the page types the name."""
    covered = bytearray(len(text) + 1)
    for n in found:
        covered[n.start:n.end] = b"\x01" * (n.end - n.start)
    kinds: dict[str, str] = {}  # spelling (and its capitals) -> the name's type on the page
    for n in found:
        tally = votes.get(_key(n.text))
        if not tally or len(n.text) < 3 or not n.text[:1].isupper():
            continue
        if n.text.isupper() and len(n.text) > 4:
            continue  # a headline's capitals are no pattern for body text; its mixed-case spelling is
        kind = max(tally, key=lambda t: tally[t])
        kinds.setdefault(n.text, kind)
        kinds.setdefault(n.text.upper(), kind)
    if not kinds:
        return []
    # One pass over the page for all names, longest first so "New York" beats "York". The lookahead of
    # the names' first letters only skips places where no name can start: without it the engine tried
    # every name at every character, time growing with the page times its names.
    firsts = "".join(re.escape(c) for c in sorted({k[0] for k in kinds}))
    pattern = re.compile(f"(?=[{firsts}])(?<![\\w’'-])(?:"
                         + "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True)) + ")(?![\\w’'-])")
    out: list[Named] = []
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        if any(covered[start:end]):
            continue
        form = m.group()
        shouted = _shouted(text, start, end)
        if form.isupper() and len(form) > 4 and not shouted:
            continue  # capitals of a name count only in a headline
        if not shouted and _touches_capital(text, start, end):
            continue  # part of a longer name the tagger did not see ("Free Ukraine Radio")
        candidate = Named(start, end, form, kinds[form])
        if _common_word(text, candidate, lower) or (" " not in form and form.casefold() in lower):
            continue
        out.append(candidate)
        covered[start:end] = b"\x01" * (end - start)
    return out


def _touches_capital(text: str, start: int, end: int, after: bool = True) -> bool:
    """Whether a capitalised word (not a sentence's first) comes right before [start, end), or one right after."""
    before = re.search(r"([\w’'.-]+)\s*$", text[max(0, start - 30):start])
    next_word = re.match(r"\s*([\w’'-]+)", text[end:end + 30]) if after else None
    return bool((before and before.group(1)[:1].isupper() and not _sentence_initial(text, start))
                or (next_word and next_word.group(1)[:1].isupper()))
