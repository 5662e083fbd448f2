"""Quality gates: each stage's figures on external gold may not fall below its floor unnoticed.

The benches are the one runner (bench/*.py, their last line is JSON); these tests run them and hold
the figures to the floors below. They need ../shared (the evaluation data and the page scorer), and
skip with a message where it is absent. A change that lowers a figure must lower its floor here, in
the same commit, and say why.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

#: bench → (arguments, {figure: floor}); "max:" floors are ceilings (Pk is an error rate); "vs:a>=b"
#: holds one figure to at least another (newsdesk's extraction never below plain trafilatura's).
GATES: dict[str, tuple[list[str], dict[str, float]]] = {
    "seed": ([], {"noise_recall": 0.95, "body_kept": 0.99, "truncations_found": 1.0, "boundaries_required": 1.0,
                  "boundary_precision": 0.8, "story_origin": 1.0, "entity_mentions": 0.97, "entity_types": 0.97,
                  "variants_merged": 0.95,
                  "places_located": 0.95, "quotes_found": 0.9, "speakers_right": 0.85, "claims_found": 0.9,
                  "claim_values": 0.9, "times_normalised": 0.95, "events_found": 0.8}),
    # Both page builders, text and HTML pages: a method that holds on one builder and not the other is
    # tuned to that builder, so the gap between them is gated too.
    "stitched": (["--builder", "both", "--pages", "60", "--seed", "7", "--html"], {
        "builder1.noise_recall": 0.97, "builder1.body_kept": 0.99, "builder1.truncations_found": 0.92,
        "builder1.boundaries_required": 0.95, "builder1.boundary_precision": 0.97, "builder1.story_origin": 0.98,
        "builder2.noise_recall": 0.98, "builder2.body_kept": 0.99, "builder2.truncations_found": 0.94,
        "builder2.boundaries_required": 0.97, "builder2.boundary_precision": 0.99, "builder2.story_origin": 0.99,
        "max:gap.story_origin": 0.1, "max:gap.boundaries_required": 0.08}),
    # The third builder, written apart from the system and both others (its dev half of conventions): what
    # was learnt from it must hold, so that the rules are not left to drift back to the first two.
    "stitched3": (["--builder", "3", "--pages", "60", "--seed", "7", "--html"], {
        "noise_recall": 0.98, "body_kept": 0.99, "truncations_found": 0.90, "boundaries_required": 0.95,
        "boundary_precision": 0.95, "story_origin": 0.96}),
    # The same builder with every credit phrase family of the grammar unread and every outlet renamed to one no
    # table knows: what the shape reader, datelines and the page's structure find on their own.
    "stitched_unseen": (["--builder", "3", "--pages", "60", "--seed", "7", "--html", "--unlisted-outlets",
                         "--hide-phrasings", "all"], {
        "noise_recall": 0.96, "boundaries_required": 0.93, "boundary_precision": 0.94, "story_origin": 0.85}),
    # Builder 1 the same way: its datelines and self-references read with an open outlet slot.
    "stitched1_unseen": (["--builder", "1", "--pages", "60", "--seed", "7", "--html", "--unlisted-outlets",
                          "--hide-phrasings", "all"], {
        "noise_recall": 0.97, "boundaries_required": 0.94, "boundary_precision": 0.96, "story_origin": 0.97}),
    # The fourth builder's dev half (its test half stays held out): what was learnt from its dev pages holds.
    "stitched4": (["--builder", "4", "--pages", "60", "--seed", "7", "--html"], {
        "noise_recall": 0.98, "body_kept": 0.99, "truncations_found": 0.91, "boundaries_required": 0.93,
        "boundary_precision": 0.93, "story_origin": 0.95}),
    # Its dev half again with every outlet renamed and every credit phrasing unread: the shape reader's share.
    "stitched4_unseen": (["--builder", "4", "--pages", "60", "--seed", "7", "--html", "--unlisted-outlets",
                          "--hide-phrasings", "all"], {
        "noise_recall": 0.97, "boundaries_required": 0.88, "boundary_precision": 0.92, "story_origin": 0.80}),
    # The HTML reader keeps every story of a page: gold body words missing from the text as read (builders 1-4,
    # their dev halves, seeds 7, 11, 13), and stories that lost more than half their words.
    "html_loss": ([], {"max:lost_share": 0.002, "max:stories_dropped": 0}),
    # Real single articles (ECB+ topics 1-22): the share the splitter cuts into several stories, a ceiling.
    "single_story": ([], {"max:split_share": 0.12}),
    # Furniture in which a site speaks to its reader, read by grammar: the set written apart from the rules
    # says whether they read phrasings nobody showed them; no paragraph of the story may go with it.
    "furniture": ([], {"built_with.found": 0.85, "written_apart.found": 0.55, "max:built_with.paragraphs_lost": 0,
                       "max:written_apart.paragraphs_lost": 0}),
    "aeb": ([], {"newsdesk.f1": 0.965, "vs:newsdesk.f1>=trafilatura.f1": 0.0}),
    "choi": ([], {"max:pk": 0.11}),
    "ner": ([], {"f1": 92.3, "tagger.f1": 89.5}),  # percent, as conlleval prints it; with and without page rules
    # Geocoding abstains rather than misplace: a ceiling on resolved toponyms placed > 161 km off.
    "geo": ([], {"end_to_end.acc@161": 0.864, "end_to_end.f1": 0.72, "max:end_to_end.misplaced": 0.05}),
    # percent, as TempEval-3's scorer prints
    "timex": ([], {"value_f1": 84.2, "strict_f1": 90.2, "relaxed_f1": 95.3, "cases_right": 1.0}),
    # The situation report over a built corpus: no line twice, none from noise, every link to its words,
    # confirmations that never overstate.
    "report": ([], {"max:repeat_share": 0.0, "max:noise_share": 0.0, "links_resolve": 1.0,
                    "confirmations_right": 0.97, "max:confirmations_over": 0.0}),
    "claims": ([], {"value_accuracy": 0.95, "unit_accuracy": 0.9, "claimant_accuracy": 0.85}),
    "quotes": ([], {"content.overlap_f1": 85.1, "source.exact_f1": 78.1, "cue.exact_f1": 69.0}),  # percent
}
NEEDS = {"seed": "fixtures/seed", "stitched": "data/guardian2022", "aeb": "data/aeb", "choi": "data/choi",
         "ner": "data/conll2003", "geo": "data/geo",
         "timex": "data/tempeval3", "quotes": "data/polnear", "report": "data/guardian2022",
         "claims": "data", "furniture": "eval", "stitched3": "data/guardian2022",
         "stitched_unseen": "data/guardian2022", "stitched1_unseen": "data/guardian2022",
         "stitched4": "data/guardian2022", "stitched4_unseen": "data/guardian2022", "single_story": "data/ecbplus",
         "html_loss": "data/guardian2022"}
#: A gate that runs another gate's bench with other arguments.
BENCH_OF = {"stitched3": "stitched", "stitched_unseen": "stitched", "stitched1_unseen": "stitched",
            "stitched4": "stitched", "stitched4_unseen": "stitched"}


def run_bench(name: str, args: list[str]) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", f"bench.{name}", *args], capture_output=True,
                            text=True, timeout=900, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def lookup(figures: dict[str, Any], dotted: str) -> float:
    value: Any = figures
    for part in dotted.split("."):
        value = value[part]
    return float(value)


@pytest.mark.parametrize("name", sorted(GATES))
def test_bench_meets_its_floors(name: str) -> None:
    if not (SHARED / NEEDS[name]).exists() or not (SHARED / "eval" / "score_page.py").exists():
        pytest.skip(f"../shared/{NEEDS[name]} is absent: the {name} gate runs where the evaluation data is")
    args, floors = GATES[name]
    figures = run_bench(BENCH_OF.get(name, name), args)
    assert "skipped" not in figures, figures
    failures = []
    for key, floor in floors.items():
        if key.startswith("vs:"):
            mine, other = key[3:].split(">=")
            if lookup(figures, mine) < lookup(figures, other) + floor:
                failures.append(f"{mine} = {lookup(figures, mine):.4f} < {other} = {lookup(figures, other):.4f}")
        elif key.startswith("max:"):
            value = lookup(figures, key[4:])
            if value > floor:
                failures.append(f"{key[4:]} = {value:.4f} > {floor}")
        else:
            value = lookup(figures, key)
            if value < floor:
                failures.append(f"{key} = {value:.4f} < {floor}")
    assert not failures, f"{name}: " + "; ".join(failures)
