"""The storyline pair model's fit (train/xdoc/fit_storylines.py, `fitted_config`): weights land in the model they
were fitted for, in feature order, and follow the evidence. Invented examples; needs the `train` extra."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from newsdesk.corpus.events import EventConfig

pytest.importorskip("sklearn")
_PATH = Path(__file__).resolve().parents[2] / "train" / "xdoc" / "fit_storylines.py"


def fit_module() -> object:
    spec = importlib.util.spec_from_file_location("fit_storylines_under_test", _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def invented_pairs(columns: int, telling: int) -> tuple[np.ndarray, np.ndarray]:
    """Cosine features of invented report pairs where only column `telling` says "one topic"."""
    rng = np.random.default_rng(3)
    x = rng.uniform(0.0, 0.2, size=(400, columns))
    y = np.arange(400) % 4 == 0
    x[y, telling] += 0.5
    return x, y


def test_text_fit_sets_the_text_model_and_weighs_the_telling_view() -> None:
    fit = fit_module()
    config, weights = fit.fitted_config(*invented_pairs(4, 3), False)  # type: ignore[attr-defined]
    assert len(weights) == 5 and config.storyline_weights == tuple(weights)
    assert weights[3] == max(weights[:4]) and weights[3] > 0 and weights[4] < 0  # the lead view, then intercept
    assert config.storyline_entity_weights == EventConfig().storyline_entity_weights


def test_entity_fit_sets_the_entity_model_only() -> None:
    fit = fit_module()
    config, weights = fit.fitted_config(*invented_pairs(5, 4), True)  # type: ignore[attr-defined]
    assert len(weights) == 6 and config.storyline_entity_weights == tuple(weights)
    assert weights[4] == max(weights[:5]) > 0  # the key cosine
    assert config.storyline_weights == EventConfig().storyline_weights
