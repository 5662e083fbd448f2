"""Every bench starts both ways the docs name: `python -m bench.NAME` from the repository's root, and as a
file, `python bench/NAME.py`, from anywhere (CI and older notes run the seed bench that way)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCHES = sorted(p.stem for p in (REPO / "bench").glob("*.py") if "argparse" in p.read_text(encoding="utf-8"))


def test_the_benches_are_found() -> None:
    assert {"seed", "stitched", "timex", "geo"} <= set(BENCHES)


@pytest.mark.parametrize("name", BENCHES)
def test_a_bench_runs_as_a_file_from_another_folder(name: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(REPO / "bench" / f"{name}.py"), "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout
