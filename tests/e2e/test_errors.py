"""The error catalogue and the raise sites stay in step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk.errors import CATALOGUE, ConfigError, ReadError

SRC = Path(__file__).resolve().parents[2] / "src" / "newsdesk"


def test_every_code_used_is_catalogued_and_every_catalogued_code_is_used() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        if path.name != "errors.py":
            used |= set(re.findall(r"ND-E\d{3}", path.read_text(encoding="utf-8")))
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))
    assert set(CATALOGUE) <= used, f"catalogued but never raised: {sorted(set(CATALOGUE) - used)}"


def test_messages_are_one_line_with_code_and_source() -> None:
    err = ReadError("pages/a.txt", "ND-E003", "the file is empty")
    assert str(err) == "[ND-E003] pages/a.txt: the file is empty"
    assert str(ConfigError("ND-E011", "workers must be >= 1")) == "[ND-E011] workers must be >= 1"


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError):
        ReadError("x", "ND-E999", "nope")


def test_errors_survive_a_trip_between_processes() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(ReadError("a.txt", "ND-E003", "the file is empty")))
    assert (err.source, err.code, err.problem) == ("a.txt", "ND-E003", "the file is empty")
    conf = pickle.loads(pickle.dumps(ConfigError("ND-E011", "bad")))
    assert str(conf) == "[ND-E011] bad"
