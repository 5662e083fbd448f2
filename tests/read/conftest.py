"""Fixtures shared by the reader's tests."""

from __future__ import annotations

from typing import Any

import pytest
import trafilatura


@pytest.fixture
def short_lines_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractor judging every short paragraph boilerplate, as its fallback does beside page furniture."""
    real = trafilatura.bare_extraction

    def dropping(*args: Any, **kwargs: Any) -> Any:
        document = real(*args, **kwargs)
        body = getattr(document, "body", None)
        for p in [] if body is None else list(body.iter("p")):
            if len("".join(p.itertext())) < 80 and p.getparent() is not None:
                p.getparent().remove(p)
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", dropping)
