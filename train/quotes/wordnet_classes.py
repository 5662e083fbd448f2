"""Build the cue model's word-class table (models/quotes_cues/lexnames.json) from the WordNet 3.0 database.

    apt-get install wordnet-base          # the Debian package: /usr/share/wordnet/{index,data}.{verb,noun}
    .venv/bin/python train/quotes/wordnet_classes.py [--wordnet /usr/share/wordnet] \
        [--out src/newsdesk/models/quotes_cues]

WordNet files every sense under one of 45 lexicographer classes ("verb.communication", "verb.cognition",
"noun.person", "noun.communication", ...). They are evidence that carries to words PolNeAR train never shows
as cues ("quipped", "surmised" are verb.communication / verb.cognition; "spokeswoman" is noun.person), so
`newsdesk.analysis.quotes.cues.class_features` reads the classes of a candidate, its subject and its object.
The table keeps, for each single lower-case word, the classes of its (at most) three most frequent senses in
WordNet's order, as one string of class numbers ("32 31"); the class names are listed once. Only verbs and
nouns are kept. WordNet 3.0 is free to use and redistribute (Princeton's WordNet 3.0 license, kept in the
table's "license" field).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: WordNet's lexicographer files by number (wninput(5WN), lexnames(5WN)).
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
            "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
            "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
            "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
            "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
            "adj.ppl").split()
#: Senses read per word: the first ones are the frequent ones, the tail is rare readings that blur the class.
SENSES = 3
LICENSE = ("WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS "
           "PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. "
           "Permission to use, copy, modify and distribute this software and database and its documentation for any "
           "purpose and without fee or royalty is hereby granted, provided that the copyright notice and these "
           "statements appear on all copies.")


def classes(folder: Path, pos: str) -> dict[str, str]:
    """{word: "n1 n2"}: the lexicographer class numbers of a word's first senses, in sense order, deduplicated."""
    data = (folder / f"data.{pos}").read_bytes()
    out: dict[str, str] = {}
    for line in (folder / f"index.{pos}").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the license header
        parts = line.split()
        word = parts[0]
        if not word.isalpha() or not word.islower():
            continue  # multiword entries ("take_note") and names are read by other features
        pointers = int(parts[3])
        offsets = parts[6 + pointers:]
        found: list[str] = []
        for offset in offsets[:SENSES]:
            at = int(offset)
            lexfile = str(int(data[at:at + 20].split()[1]))
            if lexfile not in found:
                found.append(lexfile)
        out[word] = " ".join(found)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--out", type=Path, default=REPO / "src" / "newsdesk" / "models" / "quotes_cues")
    args = ap.parse_args()
    table = {"source": "WordNet 3.0 (Debian wordnet-base), lexicographer classes of the first senses",
             "license": LICENSE, "lexnames": list(LEXNAMES),
             "verb": classes(args.wordnet, "verb"), "noun": classes(args.wordnet, "noun")}
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "lexnames.json"
    path.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({"verbs": len(table["verb"]), "nouns": len(table["noun"]), "bytes": path.stat().st_size}))


if __name__ == "__main__":
    main()
