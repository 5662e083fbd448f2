"""Quality gate of corpus linking: `bench/xdoc.py` on ECB+ topics 1-35 may not fall below its floors.

Runs the bench (about ten seconds) and reads its last line, the JSON figures. Needs ../shared/data/ecbplus and
skips with a message where it is absent. The floors sit just under what was measured when they were set; the
issue's target for topic ARI (>= 0.9) is reached on these topics, the one for entity CoNLL F1 (>= 0.75) too.
A change that lowers a figure must lower its floor here and say why.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "ecbplus"
#: Measured 0.7541 / 0.9019 / 0.8091 (entity CoNLL F1 with singletons, topic ARI, sub-topic ARI; seed 0, after
#: `EventClusters.consolidate`) when set, and 0.7515 entity CoNLL F1 with documents linked in shuffled order
#: (seed 0); 0.7415 before role words, acronyms and names that begin or end others (issue 8); before
#: `consolidate` 0.718 / 0.840 / 0.797. Since a corpus entity no longer splits by type (issue 21: a record of
#: another type joins it on the same full name, or a person's bare surname with agreeing context) 0.751 / 0.9019
#: / 0.8091, mean 0.750: the entity floor lowered by 0.002 for an entity that one mistyped page no longer splits.
#: Storylines by the learned pair model (issue 22; `EventConfig.storyline_weights`, fitted and `related` chosen on
#: topics 1-22 only): topic ARI 0.9196 (0.8932 on topics 1-22, 0.9782 on held-out 23-35; 0.9019 / 0.8888 / 0.9601
#: before), so its floor rose to 0.915.
#: Possessors, roles the event's reports give a named person and number agreement of the bench's pronouns
#: (this stop): 0.7662 seed 0, mean of three orders 0.7668; the entity floors rose to 0.760.
#: Counted nouns by their count, contracted pronouns, one entity for a name respelled within an event (stop 33):
#: 0.7697 seed 0, mean 0.7699; the entity floors rose to 0.765.
#: Since stop 35 the bench's default reads each document as `newsdesk link` does (the analysis pipeline first:
#: stories, entities, places; topic ARI 0.9157, sub-topic 0.7921, entity CoNLL 0.7733 on topics 1-35). The gate
#: keeps `--text-only`, the reading these floors were set on, which runs in seconds instead of a minute of
#: analysis; that reading's figures are unchanged by the stop's entity and place evidence (a report without keys
#: is clustered as before).
#: Names by a capitalised head word, "there"/"here" to the last place, "I" to the named speaker, acronyms that
#: keep "The", indefinite descriptions never joining the page's subject (stop 36, chosen on topics 1-22):
#: entity 0.7804 (0.8115 on 1-22, 0.7488 held out); the entity floors rose to 0.775.
FLOORS = {"entity_conll_f1": 0.775, "entity_conll_f1_mean": 0.775, "topic_ari": 0.915, "subtopic_ari": 0.80}


def test_xdoc_bench_on_ecbplus_holds_its_floors() -> None:
    if not (DATA / "ECBplus_coreference_sentences.csv").is_file():
        pytest.skip(f"xdoc gate: {DATA} (ECB+) is absent")
    done = subprocess.run([sys.executable, "-m", "bench.xdoc", "--data", str(DATA), "--orders", "1",
                           "--text-only"],
                          capture_output=True, text=True, timeout=120, check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["docs"] == 772
    assert figures["mentions"] == 5380
    for name, floor in FLOORS.items():
        assert figures[name] >= floor, f"{name} {figures[name]} < {floor}"
