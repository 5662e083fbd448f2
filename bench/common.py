"""Shared by the benchmarks: where the external data lives, and how to load the page scorer.

External gold data is never copied into the repo: it is read from `../shared/` beside the checkout,
and a bench whose data is absent says so and exits 0.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SCORER = SHARED / "eval" / "score_page.py"


def skip(bench: str, why: str) -> None:
    """Say the bench is skipped (as its one JSON line) and exit 0."""
    print(f"{bench}: skipped: {why}", file=sys.stderr)
    print(json.dumps({"bench": bench, "skipped": why}))
    raise SystemExit(0)


def load_scorer(path: Path = SCORER) -> ModuleType | None:
    """The page scorer from ../shared/eval, or None when it is not there."""
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("score_page", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def last_line(figures: dict[str, Any]) -> None:
    """Every bench prints its figures last, as one JSON line."""
    print(json.dumps(figures, sort_keys=False))
