"""A stand-in pipeline for the API's hardening tests: builds at once, and spins the CPU on a page that
says SLOW (as a pathological page would), so a test can watch the server stop it at its time budget.
A module of its own: the server sends the class to its analysis processes, which import it by name."""

from __future__ import annotations

import time

from newsdesk.analysis.pipeline import AnalysisFailure
from newsdesk.errors import ReadFailure
from newsdesk.model import Page


class SlowPipeline:
    def analyze_one(self, item: Page | ReadFailure) -> AnalysisFailure | ReadFailure:
        if isinstance(item, ReadFailure):
            return item
        if "SLOW" in item.text:
            end = time.monotonic() + 60
            while time.monotonic() < end:  # busy, holding its GIL, as a real analysis does
                sum(range(1000))
        return AnalysisFailure(item.source, f"[ND-E013] {item.source}: a stand-in pipeline analyses nothing")
