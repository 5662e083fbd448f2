"""quotes_parse: the quote finder's parse, for less — spaCy's attribute ruler and lemmatizer as cheaper stand-ins.

Split out of newsdesk.analysis.quotes.finder (which imports `cheaper_tail`): the finder runs the parser without its last
components and puts in these, which give the same annotations at a fraction of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: The only tokens whose lemma the finder reads: a cue is a verb (or "according", read by its form).
_LEMMA_POS = frozenset({"VERB", "AUX"})
#: What a pattern of the attribute ruler may read for `_Ruler` to stand in for it, in this order.
_RULER_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: Any word no pattern of the ruler names: equal to no string, in no set, matched by no regex.
_OTHER_WORD = object()


def _predicate(value: object) -> Callable[[object], bool]:
    """One Matcher condition on one attribute, as spaCy's Matcher reads it (equality, IN, NOT_IN, REGEX)."""
    if isinstance(value, dict):
        if len(value) != 1:
            raise ValueError(value)
        op, arg = next(iter(value.items()))
        if op == "IN":
            members = frozenset(arg)
            return lambda v: v in members
        if op == "NOT_IN":
            outsiders = frozenset(arg)
            return lambda v: v not in outsiders
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: isinstance(v, str) and rx.search(v) is not None
        raise ValueError(value)
    if not isinstance(value, str | bool):
        raise ValueError(value)
    return lambda v: v == value


@dataclass(frozen=True, slots=True)
class _Hits:
    """What the ruler's patterns make of one distinct token (its tag, form, relation, is-space)."""

    singles: tuple[int, ...]  # rules matched by a one-token pattern, in order
    firsts: tuple[int, ...]  # longer patterns whose first token it fits
    fits: frozenset[tuple[int, int]]  # (longer pattern, position) it fits
    writes: tuple[tuple[int, int], ...]  # (column, value): the one-token rules folded, later ones winning


class _Ruler:
    """spaCy's `AttributeRuler` (tag → part of speech and morphology, a few lemmas and relations),
    with the same result on a parsed Doc, at a fraction of the cost.

    The ruler runs ~150 Matcher patterns over every token, then sets each match's attributes token by
    token: a fifth of the parser pipeline's time on news text. Its patterns read only a token's tag,
    lower-case form, relation and whether it is white space, so which one-token rules match and what
    they write depends on those four values: worked out once per distinct token and written to the
    Doc in one `from_array`. The few two-token patterns ("gon na") are checked where their first token
    fits. Rules apply in the order they were added, later ones winning, as in spaCy. `build` gives None
    for a ruler whose patterns read anything else; the finder then runs spaCy's own."""

    def __init__(self, rules: list[tuple[list[list[dict[str, object]]], dict[int, int], int]],
                 vocab: object) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self.vocab = vocab
        self.strings = vocab.strings  # type: ignore[attr-defined]
        self.read: list[int | str] = [TAG, LOWER, DEP, IS_SPACE]
        self.columns: list[int | str] = sorted({attr for _, attrs, _ in rules for attr in attrs})
        self.rule_writes = [tuple((self.columns.index(a), v) for a, v in attrs.items()) for _, attrs, _ in rules]
        # a one-token pattern: (rule, conditions); a longer one: (rule, conditions per token, target offset)
        self.single: list[tuple[int, list[tuple[int, Callable[[object], bool]]]]] = []
        self.lower_words: set[str] = set()
        self.lower_patterns: list[re.Pattern[str]] = []
        self.multi: list[tuple[int, list[list[tuple[int, Callable[[object], bool]]]], int]] = []
        for rule, (patterns, _, index) in enumerate(rules):
            for pattern in patterns:
                if not pattern or not -len(pattern) <= index < len(pattern):
                    raise ValueError(pattern)
                conditions = [[(_RULER_KEYS.index(key.upper()), _predicate(value)) for key, value in spec.items()]
                              for spec in pattern]
                if len(pattern) == 1:
                    self.single.append((rule, conditions[0]))
                else:
                    self.multi.append((rule, conditions, index % len(pattern)))
                for spec in pattern:
                    for key, value in spec.items():
                        if key.upper() == "LOWER":
                            if isinstance(value, dict):
                                op, arg = next(iter(value.items()))
                                if op == "REGEX":
                                    self.lower_patterns.append(re.compile(arg))
                                else:
                                    self.lower_words.update(arg)
                            else:
                                self.lower_words.add(str(value))
        self.memo: dict[tuple[int, ...], _Hits] = {}
        #: a word no pattern names (nor any of its regexes matches) reads as any other such word, so
        #: all of them share one memo entry per tag and relation: lower-case form hash → itself or -1
        self.lower_keys: dict[int, int] = {}

    @classmethod
    def build(cls, ruler: object) -> _Ruler | None:
        try:
            patterns = ruler.patterns  # type: ignore[attr-defined]
            attrs, indices = ruler.attrs, ruler.indices  # type: ignore[attr-defined]
            if not len(patterns) == len(attrs) == len(indices):
                return None
            return cls([(p["patterns"], dict(a), i) for p, a, i in zip(patterns, attrs, indices, strict=True)],
                       ruler.vocab)  # type: ignore[attr-defined]
        except (AttributeError, KeyError, TypeError, ValueError):
            return None  # not a ruler this stand-in can read: spaCy's runs

    def _fold(self, rules: Iterable[int]) -> tuple[tuple[int, int], ...]:
        out: dict[int, int] = {}
        for rule in sorted(set(rules)):
            out.update(self.rule_writes[rule])
        return tuple(out.items())

    def _hits(self, key: tuple[int, ...]) -> _Hits:
        tag, lower, dep, space = key
        features = (self.strings[tag], _OTHER_WORD if lower == -1 else self.strings[lower], self.strings[dep],
                    bool(space))
        singles = tuple(rule for rule, conds in self.single if all(test(features[k]) for k, test in conds))
        fits = frozenset((m, pos) for m, (_, tokens, _) in enumerate(self.multi) for pos, conds in enumerate(tokens)
                         if all(test(features[k]) for k, test in conds))
        firsts = tuple(m for m in range(len(self.multi)) if (m, 0) in fits)
        return _Hits(singles, firsts, fits, self._fold(singles))

    def __call__(self, doc: Doc) -> Doc:
        import numpy

        n = len(doc)
        if n == 0:
            return doc
        memo, lower_keys = self.memo, self.lower_keys
        hits = []
        for tag, lower, dep, space in doc.to_array(self.read).tolist():
            word = lower_keys.get(lower)
            if word is None:
                text = self.strings[lower]
                named = text in self.lower_words or any(rx.search(text) for rx in self.lower_patterns)
                word = lower_keys[lower] = lower if named else -1
            key = (tag, word, dep, space)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._hits(key)
            hits.append(found)
        extra: dict[int, list[int]] = {}
        for start, here in enumerate(hits):
            for m in here.firsts:
                rule, tokens, offset = self.multi[m]
                if start + len(tokens) <= n and all((m, k) in hits[start + k].fits for k in range(1, len(tokens))):
                    extra.setdefault(start + offset, []).append(rule)
        table = doc.to_array(self.columns).tolist()
        for i, (row, here) in enumerate(zip(table, hits, strict=True)):
            writes = here.writes if i not in extra else self._fold([*here.singles, *extra[i]])
            for column, value in writes:
                row[column] = value
        doc.from_array(self.columns, numpy.array(table, dtype=numpy.uint64).reshape(n, len(self.columns)))  # type: ignore[arg-type]
        return doc


class _VerbLemmas:
    """spaCy's lemmatizer, run on verbs and auxiliaries only: the finder reads no other token's lemma
    (a cue is a verb), and a lemma depends on the token alone, so these come out as the full pass's."""

    def __init__(self, lemmatizer: object) -> None:
        self.lemmatize: Callable[[Token], list[str]] = lemmatizer.lemmatize  # type: ignore[attr-defined]
        self.overwrite = bool(lemmatizer.overwrite)  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.pos_ in _LEMMA_POS and (self.overwrite or tok.lemma == 0):
                tok.lemma_ = self.lemmatize(tok)[0]
        return doc


def cheaper_tail(nlp: Language | None) -> tuple[tuple[str, ...], tuple[Callable[[Doc], Doc], ...]]:
    """The pipeline's last components that can run as a cheaper stand-in with the same result for the
    finder: (names to leave out of `nlp.pipe`, stand-ins to run after it, in order). Only trailing
    components are replaced, so no component downstream ever sees a difference."""
    if nlp is None:
        return (), ()
    from spacy.pipeline import AttributeRuler, Lemmatizer

    tail = list(nlp.pipeline)
    names: list[str] = []
    after: list[Callable[[Doc], Doc]] = []
    if tail and isinstance(tail[-1][1], Lemmatizer) and hasattr(tail[-1][1], "lemmatize"):
        name, lemmatizer = tail.pop()
        names.append(name)
        after.append(_VerbLemmas(lemmatizer))
    if tail and isinstance(tail[-1][1], AttributeRuler):
        ruler = _Ruler.build(tail[-1][1])
        if ruler is not None:
            names.append(tail[-1][0])
            after.insert(0, ruler)
    return tuple(names), tuple(after)


