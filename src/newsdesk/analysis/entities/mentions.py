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
  their head word, the gazetteer (not for an acronym it knows as no place's: "NATO") and the page's full
  personal names; the weightiest type wins for all its mentions (`settle_types`, in
  `newsdesk.analysis.entities.page_types`), so linking receives one type per name; a dateline stays a place;
* a capitalised word at a sentence's start is not a name when the page says it is a common word
  ("Separately," "Steadily," as sentence adverbs; "Jury" when the page also writes "jury");
* a name the tagger found on the page is found again where the tagger missed it (same spelling, or the
  same name in an all-caps headline), with the page's type;
* demonyms and nationalities ("Ukrainian", "Ukrainians", NORP) are not entities; they are kept apart as
  pointers to their country, for the geocoder's context;
* a dotted initialism keeps its last dot ("the C.D.C."), as a place's abbreviation does ("the U.S.");
* for a caller with a label for other names (CoNLL's MISC, bench/ner.py), adjectives made of a name
  ("London-based", "ex-England") and demonyms take that label (`settle_types`' `types.misc`);
* a mention never crosses a story boundary or a line break; inside removed noise (a caption, a teaser, a
  repeated line) the tagger's names are not taken, but a name the kept text names is found there again, as
  a mention of the same entity with its type (label `removed`): noise never adds a name nor votes on one.

The tagger runs once per story (`nlp.pipe` over the stories of a page), loaded once per pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language

from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.page_types import Named, Overlaps, TypeNames, settle_types
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
# Initials less their last dot: "C.D.C", "U.N" (the trimmed span of "C.D.C.").
_INITIALISM = re.compile(r"(?:[A-Z]\.)+[A-Z]")
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
        noise = Overlaps((s.start, s.end) for s in cleaning.removed)
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
                    if ent.label_ in GROUP_LABELS or (self.places is not None and _group_name(self.places, name)):
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

    def _settle(self, text: str, stories: Sequence[Story], noise: Overlaps,
                mentions: list[Mention]) -> list[Mention]:
        """One type per name on the page (`settle_types`), mentions of common words dropped, missed
        repeats of a found name added. A found repeat stays inside its story; one inside removed noise (a
        caption, a teaser, a repeated line) is kept, labelled `removed`: it names an entity the kept text
        names, and takes that entity's type. Noise never adds a name of its own (the tagger's finds in it
        were left out before settling, so they neither vote nor open entities)."""
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
            if story is None:
                continue
            out.append(Mention(n.start, n.end, n.text, kind, "removed" if noise.hit(n.start, n.end) else "page",
                               story))
        return out

    def _gazetteer_names(self, text: str, story: Story, index: int, found: list[Mention],
                         noise: Overlaps) -> list[Mention]:
        """Places the tagger missed ("KYIV", a sentence's first "Kyiv’s", a rare town) that the
        gazetteer knows and the page supports (`newsdesk.analysis.entities.toponyms.find_toponyms` says how)."""
        assert self.places is not None
        out = []
        taken = Overlaps((m.start, m.end) for m in found if m.story == index)
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
            if text[lo_end:lo_end + 1] == "." and (_INITIALISM.fullmatch(piece) or (
                    self.places is not None and self.places.abbreviation(piece + ".") is not None)):
                # "the U.S.", "Louisville, Ky.", "the C.D.C.": the tokenizer gives the sentence its full stop,
                # but the abbreviation's dot is part of the name and tells it from "US" the pronoun.
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


def _group_name(places: Gazetteer, name: str) -> bool:
    """A demonym, or its plural: "Ukrainian", "Ukrainians" (a tagger may call a people an organisation); not
    a place's own name ("Philippines", though "Philippine" is a demonym)."""
    return places.is_demonym(name) or (name.endswith("s") and not name.endswith("ss")
                                       and places.is_demonym(name[:-1]) and not places.is_place(name))


_NEWSDESK_TYPES = TypeNames("PERSON", "PLACE", "ORG")


def _as_entity_type(kind: str) -> EntityType:
    if kind == "PERSON":
        return "PERSON"
    if kind == "PLACE":
        return "PLACE"
    if kind == "ORG":
        return "ORG"
    raise ValueError(f"not a newsdesk entity type: {kind!r}")
