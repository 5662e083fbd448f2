"""read.dates: the dates a reader takes — a user's `YYYY-MM-DD`, and which of a page's dates is its reference.

Reference date precedence: `ReadConfig.reference_date` ("option") > a JSONL record's `date` or a WARC
record's WARC-Date ("record") > the page's own date ("page") > None. No year is ever guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.errors import ConfigError

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(value: str) -> dt.date | None:
    """`YYYY-MM-DD` as a date, or None; `date.fromisoformat` alone would also take `20220522`."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_date(value: str, what: str) -> dt.date:
    """Parse a `YYYY-MM-DD` date given by the user; `what` names the option in the error (ND-E010)."""
    date = iso_date(value.strip()) if isinstance(value, str) else None
    if date is None:
        raise ConfigError("ND-E010", f"{what}: {value!r} is not a date of the form YYYY-MM-DD "
                                     f"(for example 2022-05-22)")
    return date



def reference_date(option: dt.date | None, record: dt.date | None,
                   page: dt.date | None) -> tuple[dt.date | None, str | None]:
    """A page's reference date and where it came from, by the precedence above: the option's, else the
    record's, else the page's own, else none."""
    if option is not None:
        return option, "option"
    if record is not None:
        return record, "record"
    if page is not None:
        return page, "page"
    return None, None
