"""CoNLL-2003 → spaCy DocBin: one Doc per sentence, gold tokens, entities from the IOB1 tags.

    python train/ner/convert.py OUT_DIR [--data DIR] [--dev-every N]

Reads DIR/eng.train (default `<repo>/../shared/data/conll2003`) with the reader and chunker of `bench/ner.py`
(so training and scoring read the tags alike) and writes OUT_DIR/train.spacy and OUT_DIR/dev.spacy. The dev part,
used only to pick the best checkpoint, is every N-th *document* of eng.train (default N = 10, i.e. documents 9, 19,
…), so eng.testa stays unseen by training and checkpoint selection alike. With `--dev-in-train` the training part
is all of eng.train (for a final run whose length was chosen on the held-out split). OUT_DIR must be outside the
repository or git-ignored: the data may not be redistributed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def bench_ner() -> ModuleType:
    """bench/ner.py, imported from its path (bench/ is not a package)."""
    path = REPO / "bench" / "ner.py"
    spec = importlib.util.spec_from_file_location("bench_ner", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def to_docbin(sentences: Sequence[Any], nlp: Any) -> Any:
    """A DocBin of one Doc per sentence with the gold entities set (every token outside them is O, not missing)."""
    from spacy.tokens import Doc, DocBin, Span

    chunks = bench_ner().chunks
    out = DocBin(attrs=["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for s in sentences:
        doc = Doc(nlp.vocab, words=list(s.words), spaces=[True] * (len(s.words) - 1) + [False])
        doc.ents = [Span(doc, a, b, label=kind) for a, b, kind in sorted(chunks(s.tags))]
        out.add(doc)
    return out


def convert(data: Path, out: Path, dev_every: int = 10, dev_in_train: bool = False) -> dict[str, int]:
    """Write out/train.spacy and out/dev.spacy from data/eng.train; return sentence counts.

    With `dev_in_train` the training part is all of eng.train (the dev part is then only a progress read-out).
    """
    import spacy

    if dev_every < 2:
        raise ValueError(f"dev_every must be at least 2 (every N-th document goes to dev), got {dev_every}")
    source = data / "eng.train"
    if not source.is_file():
        raise FileNotFoundError(f"[ner-train] no CoNLL training file at {source}; pass --data")
    sentences = bench_ner().read_conll(source)
    train = [s for s in sentences if dev_in_train or s.document % dev_every != dev_every - 1]
    dev = [s for s in sentences if s.document % dev_every == dev_every - 1]
    nlp = spacy.blank("en")
    out.mkdir(parents=True, exist_ok=True)
    to_docbin(train, nlp).to_disk(out / "train.spacy")
    to_docbin(dev, nlp).to_disk(out / "dev.spacy")
    return {"train_sentences": len(train), "dev_sentences": len(dev)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="CoNLL-2003 eng.train → spaCy DocBin (train + held-out dev)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "conll2003")
    parser.add_argument("--dev-every", type=int, default=10)
    parser.add_argument("--dev-in-train", action="store_true", help="train on all documents, dev ones included")
    args = parser.parse_args(argv)
    print(convert(args.data, args.out, args.dev_every, args.dev_in_train))


if __name__ == "__main__":
    main()
