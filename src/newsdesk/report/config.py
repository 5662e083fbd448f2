"""report.config: how much a situation report shows and how it judges claims (`ReportConfig`), and the
check of one report's request (its query, window and page budget: `check_request`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsdesk.errors import ConfigError, check_numbers
from newsdesk.store.query import query_parts


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """How much the report shows and how it judges claims; defaults in one place."""

    #: Places, and actors, the report gives the state of.
    subjects: int = 5
    #: Newest sentences kept for each place and actor.
    sentences_per_subject: int = 3
    events: int = 40
    claims: int = 60
    contradictions: int = 20
    #: Relative slack on each side of a figure before two figures disagree (0.1: 100 and 108 agree).
    tolerance: float = 0.1
    #: Claims dated further apart than this many days are not about the same moment (a running count
    #: a week later is an update, not a contradiction).
    claim_days: int = 2
    #: rapidfuzz ratio (0–100) at which two sentences are one sentence copied.
    near_duplicate: float = 90.0
    #: Sentences read on each side of one that names the query (the rest of a long story is off topic).
    context_sentences: int = 2

    def __post_init__(self) -> None:
        check_numbers(self, "report", ("subjects", "sentences_per_subject", "events", "claims", "contradictions"),
                      whole=True, minimum=1)
        check_numbers(self, "report", ("claim_days", "context_sentences"), whole=True)
        check_numbers(self, "report", ("tolerance", "near_duplicate"))
        if self.near_duplicate > 100:
            raise ConfigError("ND-E011", f"report.near_duplicate is a ratio from 0 to 100, not {self.near_duplicate}")


def check_request(query: str, date_from: dt.date | None, date_to: dt.date | None, max_pages: int) -> None:
    """Refuse (ND-E030) a report request with no words to search for, a window that ends before it
    starts, or a page budget that is not a whole number >= 1."""
    if not isinstance(query, str) or not query_parts(query):
        raise ConfigError("ND-E030", f"report query {query!r} has no words to search for")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ConfigError("ND-E030", f"report window starts ({date_from}) after it ends ({date_to})")
    if isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1:
        raise ConfigError("ND-E030", f"report max_pages must be a whole number >= 1, not {max_pages!r}")


__all__ = ["ReportConfig", "check_request"]
