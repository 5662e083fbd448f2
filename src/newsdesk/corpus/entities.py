"""link_corpus: one entity across pages.

Each page's linker (`newsdesk.analysis.entities.linker`) already made one entity of "President Joe Biden" and
"Biden" on that
page; here those page entities are linked to corpus-wide entities, page after page:

    entities = CorpusEntities()                                  # or CorpusEntities.from_bytes(blob)
    events = EventClusters()                                     # newsdesk.corpus.events
    for page_id, analysis in pages:
        ids = entities.add(entity_records(page_id, analysis))    # (page id, page entity id) -> corpus id
        for doc in event_docs(page_id, analysis, ids):           # one per story
            events.add(doc)
    entities.entities()                                          # CorpusEntity: label, type, counts, dates
    blob = entities.to_bytes()                                   # keep it with the store; from_bytes goes on

Rules:

* **places** with a gazetteer id are one entity per id (Kiev, Kyiv and KYIV are `geonames:703448`);
* **names** (people, organisations, places no gazetteer knew) meet by transliteration keys
  (`newsdesk.text.keys.translit_key`: "Zelenskiy" = "Zelensky" = "Зеленський"). A full name joins the entity that
  has the same full name, or in its scope the one spelled so but for a letter or two ("Ekaterinsk", "Akaterinsk"); a
  person's full name joins an entity of that surname only when their first names agree (so "Hunter Biden" never
  joins "Joe Biden") or when the entity has no first name yet and the contexts agree; a bare surname ("Biden") joins
  the entity of that surname whose context is most like its own, if similar enough, or that was seen in the same
  `scope` (the same event); an acronym ("IOC") meets the names it spells ("International Olympic Committee",
  `link_names`; with their article too: "THR", "The Hollywood Reporter") as a bare surname does; a name not a
  person's that begins or ends another of its type in the same scope is that thing ("the Mediterranean", "the
  Mediterranean Sea"); "Jr" and the like are no surname;
* **one type per entity**: a name is one entity whatever type a page gave it (a page that tagged "Joe Biden"
  ORG does not split him from the pages that say PERSON); the same full name joins across types, and so
  does a bare name meeting a person's surname when the contexts agree; the entity's type is the one most
  pages gave it (then most mentions, then the first seen);
* **common nouns** ("the suspect", "police"; `proper=False`) are the same thing only within one scope,
  the event cluster of the page, by their head word: "the gunman" in two reports of one shooting; first,
  a common noun joins the named entity of its scope that the pages put that noun before ("the actress",
  "actress Mara Quist"; `link_names.role_words`; words of one meaning count together, "attorney" and
  "lawyer"); else one described in its event by a word of the same meaning and number joins that thing ("the
  lawyer" / "the attorney", "the guns" / "the weapons": WordNet senses, `newsdesk.corpus.meanings`); else a
  singular one ("the actress", "the facility") of a person, building or site joins the thing of its type that
  its page names most, as a report names whom it is about and then calls them by their kind
  (`_match_page_subject`), unless a possessor says it is someone else's ("her lawyer", `link_names.possessed`),
  an indefinite determiner brings in someone new ("a friend said", `link_names.indefinite`) or the event's
  reports call another by that noun ("attorney Shawn Holley"); a plural ("friends") is never a
  named person (`names_several`), however its head was linked before;
* **an unnamed one named at last**: a new name of the person its page names most joins the one unnamed
  entity of its event that the page's singular nouns describe ("the technician" of three reports is the
  "William Hakim" of the fourth, whose page calls him "the technician" too; `_match_described`), so the id
  of the earlier reports' entity is kept; a page that describes two such, or names another as often, abstains.

Context is the page's (or story's) content words, compared as TF-IDF cosine with document frequencies
counted over the pages added so far. Records of one `add` call are linked multi-word names first, so a
page's "Biden" finds the page's "Joe Biden" whatever their order.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsdesk.corpus.events import EventDoc, content_words
from newsdesk.corpus.link_config import CorpusLinkConfig
from newsdesk.corpus.meanings import described_alike
from newsdesk.corpus.names import (
    acronym_of,
    affix,
    article_initials,
    as_acronym,
    given_names,
    head_word,
    indefinite,
    name_words,
    names_several,
    possessed,
    respelled,
    role_words,
    singular_noun,
)
from newsdesk.errors import ConfigError
from newsdesk.model import Analysis
from newsdesk.text.keys import translit_key

#: Types of what a report names once and then calls by its kind ("Tara Reid" ... "the actress", "Promises
#: Treatment Center" ... "the facility"): people, buildings and sites ("LOC_FAC" is ECB+'s tag for "FAC").
#: Not organisations: "the company" of a report is as often another one (-0.003 CoNLL F1 on ECB+ train).
_SUBJECT_TYPES = frozenset(("PERSON", "FAC", "LOC_FAC", "PLACE"))


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One page's entity, as corpus linking reads it (`entity_records` builds them from an analysis).

    `forms` are the entity's surface forms on the page; `context` the content words of the page or story
    (`link_events.content_words`); `date` the page's date (YYYY-MM-DD) or None; `scope` the event cluster
    it was reported in, where known; `proper` False for a common noun ("the suspect"), which links only
    within its scope."""

    page_id: str
    local_id: str
    label: str
    type: str
    forms: tuple[str, ...] = ()
    gazetteer_id: str | None = None
    country: str | None = None
    context: tuple[str, ...] = ()
    date: str | None = None
    scope: str | None = None
    proper: bool = True
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class CorpusEntity:
    """One entity of the corpus: `label` its most common fullest form, `mentions` and `pages` how often it
    was named, `first_seen`/`last_seen` the dates of the pages (None when none had a date)."""

    id: str
    label: str
    type: str
    mentions: int
    pages: int
    first_seen: str | None
    last_seen: str | None
    gazetteer_id: str | None = None
    country: str | None = None


@dataclass(slots=True)
class _Entity:
    id: str
    type: str
    proper: bool
    forms: Counter[str] = field(default_factory=Counter)
    firsts: set[str] = field(default_factory=set)  # first names (ASCII, case folded) of people
    context: Counter[str] = field(default_factory=Counter)
    scopes: set[str] = field(default_factory=set)
    gazetteer_id: str | None = None
    country: str | None = None
    mentions: int = 0
    pages: int = 0
    last_page: str = ""
    first_seen: str | None = None
    last_seen: str | None = None
    roles: Counter[str] = field(default_factory=Counter)  # words the pages put before the name ("actress")
    types: Counter[str] = field(default_factory=Counter)  # pages per type the pages gave it ("PERSON": 5, "ORG": 1)
    type_mentions: Counter[str] = field(default_factory=Counter)  # mentions per type: the tie-break


class CorpusEntities:
    """Page entities linked into corpus entities, incrementally; holds its whole state (see `to_bytes`)."""

    def __init__(self, config: CorpusLinkConfig | None = None) -> None:
        self.config = config or CorpusLinkConfig()
        self._entities: dict[str, _Entity] = {}
        self._df: Counter[str] = Counter()
        self._contexts = 0
        self._pages: set[str] = set()
        self._by_place: dict[str, str] = {}
        self._by_full: dict[str, set[str]] = {}
        self._by_last: dict[str, set[str]] = {}
        self._by_head: dict[tuple[str, str, str], str] = {}
        self._by_scope: dict[str, set[str]] = {}
        self._by_acronym: dict[str, set[str]] = {}  # "ioc" -> entities written "IOC"
        self._by_initials: dict[str, set[str]] = {}  # "ioc" -> entities named "International Olympic Committee"
        self._page_named: dict[tuple[str, str], Counter[str]] = {}  # (page, type) -> names of the `add` under way
        self._page_kinds: dict[tuple[str, str], Counter[str]] = {}  # (page, type) -> unnamed entities it describes
        self._page_surnames: dict[tuple[str, str], Counter[str]] = {}  # (page, type) -> surname keys it names

    # -- adding
    def add(self, records: Sequence[EntityRecord]) -> dict[tuple[str, str], str]:
        """Link records (of one or more pages not added before); returns (page id, local id) -> corpus id."""
        seen: set[tuple[str, str]] = set()
        for r in records:
            if not r.page_id or not r.local_id:
                raise ConfigError("ND-E031", f"entity record {r.label!r} has no page id or no local id")
            if (r.page_id, r.local_id) in seen:
                raise ConfigError("ND-E031", f"entity {r.local_id!r} of page {r.page_id!r} is given twice")
            if r.page_id in self._pages:
                raise ConfigError("ND-E031", f"page {r.page_id!r} was added before")
            seen.add((r.page_id, r.local_id))
        # Document frequencies count each page's context once, before any record is judged.
        contexts = {(r.page_id, r.context) for r in records}
        for _, context in contexts:
            self._df.update(set(context))
        self._contexts += len(contexts)
        self._pages.update(r.page_id for r in records)

        def order(r: EntityRecord) -> tuple[int, int]:
            words = len(name_words(max(r.forms or (r.label,), key=lambda f: len(name_words(f)))))
            return (0 if r.gazetteer_id else 1 if r.proper and words > 1 else 2 if r.proper else 3, -words)

        out: dict[tuple[str, str], str] = {}
        self._page_named = {}
        self._page_kinds, self._page_surnames = self._page_evidence(records)
        for record in sorted(records, key=order):
            entity = self._match(record) or self._match_described(record) or self._new(record)
            if record.proper and not entity.proper:
                entity.proper = True  # the event's "the technician" is named at last
            self._absorb(entity, record)
            if record.proper and entity.proper and not entity.gazetteer_id:  # for `_match_page_subject`
                self._page_named.setdefault((record.page_id, entity.type), Counter())[entity.id] += record.mentions
            out[(record.page_id, record.local_id)] = entity.id
        return out

    def _new(self, record: EntityRecord) -> _Entity:
        entity = _Entity(f"ent{len(self._entities) + 1}", record.type, record.proper)
        self._entities[entity.id] = entity
        return entity

    def _match(self, record: EntityRecord) -> _Entity | None:
        if record.gazetteer_id:
            found = self._by_place.get(record.gazetteer_id)
            return self._entities[found] if found else None
        if not record.proper:
            found = self._by_head.get(self._head_key(record))
            if found is not None and not _agrees_in_number(record, self._entities[found]):
                found = None
            return self._match_role(record) or (self._entities[found] if found else None) \
                or self._match_meaning(record) or self._match_page_subject(record)
        named = self._match_name(record) or self._match_head_in_scope(record) or self._match_part_in_scope(record) \
            or self._match_spelling_in_scope(record)
        if named is not None or any(len(name_words(f)) != 1 for f in record.forms or (record.label,)):
            return named
        # One capitalised word that names nothing known may be a noun a headline capitalised ("Host", "Coach"):
        # it joins whom the reports call so (+0.001 CoNLL F1 on ECB+ train).
        return self._match_role(record)

    def _match_head_in_scope(self, record: EntityRecord) -> _Entity | None:
        """A name no name rule linked joins the entity its head word names in the same scope (the event):
        within one event, "Lohan" and "Lindsay Lohan", "the Saints" and "New Orleans Saints" are one. The
        "same head lemma within the topic" rule is the strong ECB+ baseline (+0.02 CoNLL F1 in bench/xdoc.py)."""
        if record.scope is None:
            return None
        for form in record.forms or (record.label,):
            words = name_words(form)
            found = self._by_head.get((record.scope, record.type, head_word(words[-1]))) if words else None
            if found is not None and not self._entities[found].gazetteer_id:
                return self._entities[found]
        return None

    def _match_part_in_scope(self, record: EntityRecord) -> _Entity | None:
        """A name (not a person's) that begins or ends another name of its type in the same event is that
        thing, named shorter or longer: "the Mediterranean" and "the Mediterranean Sea", "People" and "People
        magazine", "Surgeon General" and "U.S. Surgeon General". The most mentioned such entity wins."""
        if record.scope is None or record.type == "PERSON":
            return None
        mine = [tuple(translit_key(w) for w in name_words(f)) for f in record.forms or (record.label,)]
        fitting = []
        for entity in (self._entities[i] for i in sorted(self._by_scope.get(record.scope, ()))):
            if entity.type != record.type or not entity.proper or entity.gazetteer_id:
                continue
            theirs = [tuple(translit_key(w) for w in name_words(f)) for f in entity.forms if f != f.lower()]
            if any(affix(a, b) or affix(b, a) for a in mine if a for b in theirs if b):
                fitting.append(entity)
        return max(fitting, key=lambda e: e.mentions) if fitting else None

    def _match_spelling_in_scope(self, record: EntityRecord) -> _Entity | None:
        """A name of two words or more spelled as another of its type in the same event but for a letter or
        two ("Gulf of Ekaterinsk" and "Gulf of Akaterinsk") is that thing. Names are compared as transliteration
        keys, which make "Centre" and "Center" one already; this reads what they keep apart (a first vowel)."""
        if record.scope is None:
            return None
        mine = [[translit_key(w) for w in name_words(f)] for f in record.forms or (record.label,)]
        scored = [(respelled(a, [translit_key(w) for w in name_words(form)], self.config.spelling_similarity,
                             self.config.spelling_word_similarity), entity)
                  for entity in (self._entities[i] for i in sorted(self._by_scope.get(record.scope, ())))
                  if entity.type == record.type and entity.proper and not entity.gazetteer_id
                  for form in entity.forms if form != form.lower() for a in mine]
        best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        return best[1] if best[0] else None

    def _match_role(self, record: EntityRecord) -> _Entity | None:
        """A common noun joins the named entity of its event that the reports call by that noun: "the actress"
        is the "actress Lindsay Lohan" of the event (the most often so called, when several are). Role words
        are learnt from the pages (`link_names.role_words`), so the rule holds for any trade or kind."""
        if record.scope is None:
            return None
        head = self._head_key(record)[2]
        fitting = [e for e in (self._entities[i] for i in sorted(self._by_scope.get(record.scope, ())))
                   if e.proper and e.type == record.type and not e.gazetteer_id and _agrees_in_number(record, e)
                   and self._called(e, head) >= self.config.role_evidence]
        return max(fitting, key=lambda e: (self._called(e, head), e.mentions)) if fitting else None

    def _called(self, entity: _Entity, head: str) -> int:
        """How often the reports put `head`, or a noun of its meaning, before the entity's name."""
        cfg = self.config
        return sum(n for word, n in entity.roles.items()
                   if described_alike(head, True, [word], cfg.meaning_senses, cfg.meaning_depth, number=False))

    def _match_meaning(self, record: EntityRecord) -> _Entity | None:
        """A common noun no head word linked joins the thing of its type in its event that a report described by
        a noun of the same meaning and number ("the attorney" / "the lawyer", "the guns" / "the weapons"); the
        most mentioned, when several are."""
        if record.scope is None:
            return None
        head, cfg = self._head_key(record)[2], self.config
        one = any(singular_noun(f) for f in record.forms or (record.label,))
        fitting = [e for e in (self._entities[i] for i in sorted(self._by_scope.get(record.scope, ())))
                   if e.type == record.type and not e.gazetteer_id
                   and described_alike(head, one, [f for f in e.forms if not e.proper or f == f.lower()],
                                       cfg.meaning_senses, cfg.meaning_depth)]
        return max(fitting, key=lambda e: e.mentions) if fitting else None

    def _match_page_subject(self, record: EntityRecord) -> _Entity | None:
        """A singular common noun ("the actress", "the man", "the facility") that nothing in its event names
        yet is the thing of its type its page names most: a report names whom it is about, then calls them by
        their kind. Plurals ("officers") are left alone: a crowd is rarely one named thing; so are "a friend"
        and "another inmate": an indefinite noun phrase brings in someone new (issue 22: entity CoNLL F1 on ECB+
        topics 1-22, mean of 3 orders, 0.8035 -> 0.8050). Only the page's own names count: on a page naming no
        one, the event's names wait for role evidence (`_match_role`)."""
        forms = record.forms or (record.label,)
        if record.type not in _SUBJECT_TYPES or not any(singular_noun(f) and not possessed(f) and not indefinite(f)
                                                        for f in forms):
            return None
        named = self._page_named.get((record.page_id, record.type))
        if not named:
            return None
        subject = self._entities[max(named, key=lambda i: named[i])]  # the first named on a tie
        head = self._head_key(record)[2]
        if subject.roles[head] or record.scope is None:
            return subject
        # "The attorney" of a page about an actress is the one the event's reports call "attorney Shawn Holley".
        called = [e for e in (self._entities[i] for i in sorted(self._by_scope.get(record.scope, ())))
                  if e.roles[head] and e.proper and e.type == record.type and not e.gazetteer_id]
        return max(called, key=lambda e: (e.roles[head], e.mentions)) if called else subject

    def _page_evidence(self, records: Sequence[EntityRecord]
                       ) -> tuple[dict[tuple[str, str], Counter[str]], dict[tuple[str, str], Counter[str]]]:
        """Per (page, type), before any record is linked: the unnamed entities of its event that its singular
        common nouns describe ("the technician" of earlier reports), and the surnames it names, counted."""
        kinds: dict[tuple[str, str], Counter[str]] = {}
        surnames: dict[tuple[str, str], Counter[str]] = {}
        for r in records:
            forms = r.forms or (r.label,)
            if r.proper and not r.gazetteer_id:
                words = max((name_words(f) for f in forms), key=len)
                if words:
                    surnames.setdefault((r.page_id, r.type), Counter())[translit_key(words[-1])] += r.mentions
            elif not r.proper and r.scope is not None and any(singular_noun(f) and not possessed(f) for f in forms):
                found = self._by_head.get(self._head_key(r))
                if found is not None and not self._entities[found].proper:
                    kinds.setdefault((r.page_id, r.type), Counter())[found] += r.mentions
        return kinds, surnames

    def _match_described(self, record: EntityRecord) -> _Entity | None:
        """A name nothing known bears, of the person (or building, site) its page names most, is the unnamed
        one its event's earlier reports called by the kind its page calls it: "the technician" of three reports
        is the "William Hakim, a technician" of the fourth. Abstains when the page describes several unnamed
        ones or names another as often."""
        if not record.proper or record.scope is None or record.type not in _SUBJECT_TYPES:
            return None
        kinds = self._page_kinds.get((record.page_id, record.type))
        surnames = self._page_surnames.get((record.page_id, record.type))
        if not kinds or not surnames or len(kinds) != 1:
            return None
        words = max((name_words(f) for f in record.forms or (record.label,)), key=len)
        mine = translit_key(words[-1]) if words else ""
        if surnames[mine] <= max((n for key, n in surnames.items() if key != mine), default=0):
            return None
        found = max(kinds, key=lambda i: kinds[i])
        return None if self._entities[found].proper else self._entities[found]

    def _head_key(self, record: EntityRecord) -> tuple[str, str, str]:
        heads = Counter(h for h in (head_word(f) for f in (record.forms or (record.label,))) if h)
        head = heads.most_common(1)[0][0] if heads else record.label.casefold()
        # Without an event, a common noun is the same thing only on its own page.
        return (record.scope or f"page:{record.page_id}", record.type, head)

    def _match_name(self, record: EntityRecord) -> _Entity | None:
        forms = [w for w in (name_words(f) for f in (record.forms or (record.label,))) if w]
        if not forms:
            return None
        longest = max(len(w) for w in forms)
        full_keys = {translit_key(" ".join(w)) for w in forms}
        last_keys = {translit_key(w[-1]) for w in forms}
        firsts = {n for w in forms for n in given_names(w)} if record.type == "PERSON" else set()
        candidates: set[str] = set()
        for key in full_keys:
            candidates |= self._by_full.get(key, set())
        if record.type == "PERSON" or longest == 1:
            for key in last_keys:
                candidates |= self._by_last.get(key, set())
        if record.type != "PERSON":
            # "IOC" and "International Olympic Committee": an acronym meets the names it spells, the contexts
            # deciding as for a bare surname (`_name_rank`).
            for words in forms:
                acronym, initials = as_acronym(words), acronym_of(words)
                candidates |= self._by_initials.get(acronym, set()) if acronym else set()
                candidates |= self._by_acronym.get(initials, set()) if initials else set()
            for form in record.forms or (record.label,):  # "The Hollywood Reporter" and "THR"
                initials = article_initials(form)
                candidates |= self._by_acronym.get(initials, set()) if initials else set()
        best: tuple[tuple[int, float], _Entity] | None = None
        for entity_id in sorted(candidates):
            entity = self._entities[entity_id]
            if not entity.proper or entity.gazetteer_id:
                continue
            if entity.type != record.type and not self._same_name_across_types(record, entity, full_keys, longest):
                continue
            rank = self._name_rank(record, entity, full_keys, firsts, longest)
            if rank is not None and (best is None or rank > best[0]):
                best = (rank, entity)
        return best[1] if best else None

    def _same_name_across_types(self, record: EntityRecord, entity: _Entity, full_keys: set[str],
                                longest: int) -> bool:
        """Whether a record of another type names this entity all the same: one page's mistype must not split
        an entity. The same full name of two words or more does; so does one word ("Biden" typed ORG) that is
        the surname of a person entity whose context agrees; a one-word name alone ("Jordan") does not."""
        entity_keys = {translit_key(" ".join(name_words(f))) for f in entity.forms}
        if longest > 1:
            return bool(full_keys & entity_keys)
        if entity.type != "PERSON":
            return False
        same_scope = record.scope is not None and record.scope in entity.scopes
        return same_scope or self._similarity(record.context, entity.context) >= self.config.context_agrees

    def _name_rank(self, record: EntityRecord, entity: _Entity, full_keys: set[str], firsts: set[str],
                   longest: int) -> tuple[int, float] | None:
        """How well a name record fits an entity (higher is better), or None when it must not join."""
        similarity = self._similarity(record.context, entity.context)
        same_scope = record.scope is not None and record.scope in entity.scopes
        agrees = same_scope or similarity >= self.config.context_agrees
        entity_keys = {translit_key(" ".join(name_words(f))) for f in entity.forms}
        if firsts and entity.firsts:
            # Two people's full names: one person only when a first name matches ("Joe" and "Hunter" never).
            if not any(self._first_names_match(a, b) for a in firsts for b in entity.firsts):
                return None
            return (3, similarity)
        if longest > 1 and full_keys & entity_keys:
            return (3, similarity)
        if not agrees:
            return None
        # A bare surname, or a full name meeting a surname-only entity: the contexts decide.
        return (2 if same_scope else 1, similarity)

    def _first_names_match(self, a: str, b: str) -> bool:
        if a[:1] != b[:1]:
            return False
        # An initial ("J. Biden") agrees with any first name it begins.
        return len(a) == 1 or len(b) == 1 or fuzz.ratio(a, b) >= self.config.first_name_similarity

    def _similarity(self, context: Iterable[str], other: Counter[str]) -> float:
        mine = Counter(context)
        if not mine or not other:
            return 0.0

        def idf(term: str) -> float:
            return math.log((self._contexts + 1) / (self._df.get(term, 0) + 1)) + 1.0

        a = {t: (1 + math.log(c)) * idf(t) for t, c in mine.items()}
        b = {t: (1 + math.log(c)) * idf(t) for t, c in other.items()}
        dot = sum(v * b.get(t, 0.0) for t, v in a.items())
        norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
        return dot / norm if norm else 0.0

    def _absorb(self, entity: _Entity, record: EntityRecord) -> None:
        forms = record.forms or (record.label,)
        entity.forms.update(forms)
        if record.type == "PERSON" and record.proper:
            entity.firsts.update(n for f in forms for n in given_names(name_words(f)))
        if record.proper and not record.gazetteer_id:
            names = {tuple(name_words(f)) for f in forms}
            # Words of any of the entity's names are no roles ("Lindsay" before a page's "Lohan").
            own = {w for f in entity.forms if f != f.lower() for w in content_words(" ".join(name_words(f)))}
            for words in names:
                entity.roles.update(role_words(words, record.context, own))
        entity.context.update(record.context)
        if len(entity.context) > 2 * self.config.context_words:
            entity.context = Counter(dict(entity.context.most_common(self.config.context_words)))
        if record.scope is not None:
            entity.scopes.add(record.scope)
        entity.gazetteer_id = entity.gazetteer_id or record.gazetteer_id
        entity.country = entity.country or record.country
        entity.mentions += record.mentions
        entity.type_mentions[record.type] += record.mentions
        if entity.last_page != record.page_id or not entity.types:
            entity.types[record.type] += 1
        # The type most pages agree on, then the most mentioned, then the first seen (Counter keeps order).
        entity.type = max(entity.types, key=lambda t: (entity.types[t], entity.type_mentions[t]))
        if entity.last_page != record.page_id:
            entity.pages += 1
            entity.last_page = record.page_id
        if record.date is not None:
            entity.first_seen = min(entity.first_seen or record.date, record.date)
            entity.last_seen = max(entity.last_seen or record.date, record.date)
        self._index(entity, forms, record.scope)

    def _index(self, entity: _Entity, forms: Iterable[str], scope: str | None) -> None:
        if entity.gazetteer_id:
            self._by_place[entity.gazetteer_id] = entity.id
        if scope is not None:
            self._by_scope.setdefault(scope, set()).add(entity.id)
        for form in forms:
            if not entity.proper:
                self._by_head.setdefault((scope or f"page:{entity.last_page}", entity.type, head_word(form)),
                                         entity.id)
                continue
            words = name_words(form)
            if words:
                self._by_full.setdefault(translit_key(" ".join(words)), set()).add(entity.id)
                self._by_last.setdefault(translit_key(words[-1]), set()).add(entity.id)
                acronym, initials = as_acronym(words), acronym_of(words)
                if acronym:
                    self._by_acronym.setdefault(acronym, set()).add(entity.id)
                for spelt in (initials, article_initials(form)):
                    if spelt:
                        self._by_initials.setdefault(spelt, set()).add(entity.id)
                if scope is not None:
                    # A common noun in the same event may name it by its last word: "police", "Surrey Police".
                    self._by_head.setdefault((scope, entity.type, head_word(words[-1])), entity.id)

    # -- reading
    def entities(self) -> list[CorpusEntity]:
        """Every corpus entity, most mentioned first."""
        return sorted((self._public(e) for e in self._entities.values()), key=lambda e: (-e.mentions, e.id))

    def entity(self, entity_id: str) -> CorpusEntity:
        if entity_id not in self._entities:
            raise ConfigError("ND-E031", f"no corpus entity {entity_id!r}")
        return self._public(self._entities[entity_id])

    @staticmethod
    def _public(e: _Entity) -> CorpusEntity:
        longest = max(len(name_words(f)) for f in e.forms)
        label = max((f for f in e.forms if len(name_words(f)) == longest), key=lambda f: (e.forms[f], f))
        return CorpusEntity(e.id, label, e.type, e.mentions, e.pages, e.first_seen, e.last_seen, e.gazetteer_id,
                            e.country)

    def __len__(self) -> int:
        return len(self._entities)

    # -- keeping
    def to_bytes(self) -> bytes:
        """The whole state, JSON compressed with zlib; the indexes are rebuilt on loading."""
        state = {
            "version": 1, "contexts": self._contexts, "df": dict(self._df), "pages": sorted(self._pages),
            "entities": [{"id": e.id, "type": e.type, "proper": e.proper, "forms": dict(e.forms),
                          "firsts": sorted(e.firsts), "context": dict(e.context), "scopes": sorted(e.scopes),
                          "gazetteer_id": e.gazetteer_id, "country": e.country, "mentions": e.mentions,
                          "pages": e.pages, "last_page": e.last_page, "first_seen": e.first_seen,
                          "last_seen": e.last_seen, "roles": dict(e.roles), "types": dict(e.types),
                          "type_mentions": dict(e.type_mentions)} for e in self._entities.values()],
        }
        return zlib.compress(json.dumps(state, separators=(",", ":")).encode())

    @classmethod
    def from_bytes(cls, blob: bytes, config: CorpusLinkConfig | None = None) -> CorpusEntities:
        try:
            state = json.loads(zlib.decompress(blob))
            if state.get("version") != 1:
                raise ValueError(f"version {state.get('version')!r}")
            out = cls(config)
            out._contexts, out._df, out._pages = int(state["contexts"]), Counter(state["df"]), set(state["pages"])
            for e in state["entities"]:
                entity = _Entity(e["id"], e["type"], e["proper"], Counter(e["forms"]), set(e["firsts"]),
                                 Counter(e["context"]), set(e["scopes"]), e["gazetteer_id"], e["country"],
                                 e["mentions"], e["pages"], e["last_page"], e["first_seen"], e["last_seen"],
                                 Counter(e.get("roles", {})),  # states saved before roles have none
                                 Counter(e.get("types", {e["type"]: e["pages"]})),
                                 Counter(e.get("type_mentions", {e["type"]: e["mentions"]})))
                out._entities[entity.id] = entity
                scopes: list[str | None] = [*sorted(entity.scopes)] or [None]
                for scope in scopes:
                    out._index(entity, entity.forms, scope)
        except (ValueError, KeyError, TypeError, zlib.error) as error:
            raise ConfigError("ND-E031", f"corpus entities state cannot be read: {error}") from None
        return out


def _agrees_in_number(record: EntityRecord, entity: _Entity) -> bool:
    """Whether a common noun can be the entity: a named person is one, so "the friend" can be, "friends" cannot."""
    return not (entity.proper and entity.type == "PERSON" and names_several(record.forms or (record.label,)))


# -- from a page's analysis
def entity_records(page_id: str, analysis: Analysis, scope: str | None = None) -> list[EntityRecord]:
    """The page's entities as records: forms from the page text, context the page's content words."""
    text = analysis.page.text
    date = analysis.page.reference_date.isoformat() if analysis.page.reference_date else None
    context = tuple(content_words(text))
    return [EntityRecord(page_id, e.id, e.label, e.type, tuple(text[s:t] for s, t in e.mentions) or (e.label,),
                         e.gazetteer_id, e.country, context, date, scope, True, max(1, len(e.mentions)))
            for e in analysis.entities]


def event_docs(page_id: str, analysis: Analysis, corpus_ids: Mapping[tuple[str, str], str]) -> list[EventDoc]:
    """One event document per story (the page whole when it has none), naming the corpus entities and
    gazetteer places whose mentions lie in it; the date is the story's full dateline date, else the page's."""
    text = analysis.page.text
    page_date = analysis.page.reference_date.isoformat() if analysis.page.reference_date else None
    spans = [(s.start, s.end, s.title, s.dateline.date if s.dateline else None) for s in analysis.stories]
    out = []
    for idx, (start, end, title, line_date) in enumerate(spans or [(0, len(text), analysis.page.title, None)]):
        inside = [e for e in analysis.entities if any(start <= a < end for a, _ in e.mentions)]
        date = line_date if line_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line_date) else page_date
        out.append(EventDoc(page_id, idx, text[start:end], title or analysis.page.title, date,
                            tuple(corpus_ids[(page_id, e.id)] for e in inside if (page_id, e.id) in corpus_ids),
                            tuple(e.gazetteer_id for e in inside if e.gazetteer_id)))
    return out


__all__ = ["CorpusEntities", "CorpusEntity", "CorpusLinkConfig", "EntityRecord", "entity_records", "event_docs",
           "head_word", "name_words"]
