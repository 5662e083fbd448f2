"""extract: the names on a page — who and where is named, story by story (nothing resolved yet).

A spaCy named-entity tagger finds candidate names; then what the gazetteer and the page itself know
corrects them, because a small tagger confuses types on news text ("Kherson" tagged as a person,
"Mariupol" as an organisation):

* a place name the tagger missed but the gazetteer knows, and the page supports, is a PLACE;
* a name the gazetteer knows as a place, tagged PERSON or ORG, is a PLACE — unless the page also
  uses it as part of a longer personal name ("Paris Hilton");
* a single word tagged ORG or PLACE that is the surname of a person named in full on the page
  ("Biden" after "Joe Biden") is a PERSON;
* demonyms and nationalities ("Ukrainian", NORP) are not entities; they are kept apart as pointers to
  their country, for the geocoder's context;
* a mention never crosses a story boundary, a line break, or sits inside removed noise.

The tagger runs once per story (`nlp.pipe` over the stories of a page), loaded once per pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language

from newsdesk.errors import ConfigError
from newsdesk.gazetteer import Gazetteer, find_toponyms
from newsdesk.model import Cleaning, EntityType, Mention, Page, Span, Story

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
        noise = sorted(cleaning.removed, key=lambda s: s.start)
        found: list[Mention] = []
        demonyms: list[Demonym] = []
        chunks = [text[s.start:s.end] for s in stories]
        for index, (story, doc) in enumerate(zip(stories, self.nlp.pipe(chunks, batch_size=self.config.batch_size),
                                                 strict=True)):
            for ent in doc.ents:
                for start, end in self._pieces(text, story.start + ent.start_char, story.start + ent.end_char):
                    if _inside_noise(noise, start, end):
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
        return Mentions(tuple(self._correct(sorted(found, key=lambda m: m.start))), tuple(demonyms))

    def _gazetteer_names(self, text: str, story: Story, index: int, found: list[Mention],
                         noise: Sequence[Span]) -> list[Mention]:
        """Places the tagger missed ("KYIV", a sentence's first "Kyiv’s", a rare town) that the
        gazetteer knows and the page supports (`newsdesk.gazetteer.find_toponyms` says how)."""
        assert self.places is not None
        out = []
        taken = [(m.start, m.end) for m in found if m.story == index]
        for span in find_toponyms(text[story.start:story.end], self.places):
            start, end = story.start + span.start, story.start + span.end
            if span.kind != "place" or _inside_noise(noise, start, end):
                continue
            if any(s < end and start < e for s, e in taken):
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

    def _correct(self, mentions: list[Mention]) -> list[Mention]:
        """Fix the tagger's types with what the gazetteer and the page know (see the module doc)."""
        surnames: set[str] = set()  # of people named in full anywhere on the page
        person_words: set[str] = set()
        for m in mentions:
            words = _NAME_WORD.findall(m.text)
            if m.type == "PERSON" and len(words) >= 2:
                surnames.add(words[-1])
                person_words.update(words[:-1])  # first names: "Paris" in "Paris Hilton"
        out = []
        for m in mentions:
            words = _NAME_WORD.findall(m.text)
            kind = m.type
            if len(words) == 1 and kind != "PERSON" and m.text in surnames:
                kind = "PERSON"
            elif (kind != "PLACE" and self.places is not None and m.text not in person_words
                  and m.text not in surnames and self.places.is_place(m.text)):
                kind = "PLACE"
            out.append(m if kind == m.type else Mention(m.start, m.end, m.text, kind, m.label, m.story))
        return out


def _inside_noise(noise: Sequence[Span], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in noise if s.start < end)
