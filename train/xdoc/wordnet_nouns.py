"""Build the noun sense table (models/noun_senses/senses.json) of `newsdesk.corpus.meanings` from WordNet 3.0.

    apt-get install wordnet-base          # the Debian package: /usr/share/wordnet/{index,data}.noun, noun.exc
    .venv/bin/python train/xdoc/wordnet_nouns.py [--wordnet /usr/share/wordnet] [--out src/newsdesk/models/noun_senses]

Corpus linking reads what a common noun means to tell whether two descriptions in one event can be one thing:
"the attorney" and "the lawyer" share a sense (a synset), "the vehicle" is a kind that "the van" falls under (a
hypernym). The table keeps, for each single lower-case noun (letters and hyphens), its (at most) `SENSES` most
frequent senses in WordNet's order; for each sense kept and every sense above it, its hypernyms (instance
hypernyms too) and its lexicographer class ("noun.person", "noun.artifact"); and the irregular plurals of
noun.exc ("women" -> "woman"). Senses are numbered 0..n in the table (WordNet's byte offsets are not kept).
WordNet 3.0 is free to use and redistribute (Princeton's WordNet 3.0 license, in the table's "license" field).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: Senses read per noun: the first ones are the frequent ones; the tail is rare readings that would make
#: unrelated words look alike ("van" as the front of an army).
SENSES = 3
#: A noun kept: lower case letters, hyphens inside ("fire-bomb").
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
LICENSE = ("WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS "
           "PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. "
           "Permission to use, copy, modify and distribute this software and database and its documentation for any "
           "purpose and without fee or royalty is hereby granted, provided that the copyright notice and these "
           "statements appear on all copies.")


def read_synsets(folder: Path) -> dict[int, tuple[int, list[int]]]:
    """WordNet offset -> (lexicographer file number, hypernym and instance-hypernym offsets)."""
    out: dict[int, tuple[int, list[int]]] = {}
    for line in (folder / "data.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the license header
        parts = line.split()
        offset, lexfile, words = int(parts[0]), int(parts[1]), int(parts[3], 16)
        at = 4 + 2 * words
        pointers = int(parts[at])
        parents = []
        for p in range(pointers):
            symbol, target, pos = parts[at + 1 + 4 * p], parts[at + 2 + 4 * p], parts[at + 3 + 4 * p]
            if symbol in ("@", "@i") and pos == "n":
                parents.append(int(target))
        out[offset] = (lexfile, parents)
    return out


def read_words(folder: Path) -> dict[str, list[int]]:
    """Noun -> the offsets of its first `SENSES` senses."""
    out: dict[str, list[int]] = {}
    for line in (folder / "index.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        if not WORD.fullmatch(parts[0]):
            continue
        pointers = int(parts[3])
        out[parts[0]] = [int(o) for o in parts[6 + pointers:]][:SENSES]
    return out


def build(folder: Path) -> dict[str, object]:
    synsets = read_synsets(folder)
    words = read_words(folder)
    number: dict[int, int] = {}
    order: list[int] = []

    def visit(offset: int) -> int:
        if offset not in number:
            number[offset] = len(order)
            order.append(offset)
            for parent in synsets[offset][1]:
                visit(parent)
        return number[offset]

    table_words = {w: [visit(o) for o in offsets] for w, offsets in sorted(words.items())}
    plurals = {}
    for line in (folder / "noun.exc").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and WORD.fullmatch(parts[0]) and parts[1] in table_words:
            plurals[parts[0]] = parts[1]
    return {"source": f"WordNet 3.0 (Debian wordnet-base), the first {SENSES} senses of each noun",
            "license": LICENSE, "words": table_words, "plurals": plurals,
            "parents": [[number[p] for p in synsets[o][1]] for o in order],
            "classes": [synsets[o][0] for o in order]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=REPO / "src" / "newsdesk" / "models" / "noun_senses")
    args = ap.parse_args()
    table = build(args.wordnet)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "senses.json"
    path.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    words, senses = table["words"], table["classes"]
    assert isinstance(words, dict) and isinstance(senses, list)
    print(json.dumps({"nouns": len(words), "senses": len(senses), "bytes": path.stat().st_size}))


if __name__ == "__main__":
    main()
