"""newsdesk's errors: one documented tree, each message coded so it can be found in logs and issues.

    NewsdeskError
    ├── ReadError(source, code, problem)      an input could not be read as a page
    ├── ConfigError(code, problem)            an option or setting is wrong
    └── StoreError(code, problem)             the store cannot be opened, queried or written

Codes are catalogued in `CATALOGUE`; `tests/e2e/test_errors.py` keeps the catalogue and the code in step.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every error code newsdesk raises, with what it means. Keep in step with the raise sites.
CATALOGUE: dict[str, str] = {
    "ND-E001": "the path does not exist",
    "ND-E002": "the path cannot be opened (permissions or not a regular file)",
    "ND-E003": "the input is empty",
    "ND-E004": "the input is binary, not text or HTML",
    "ND-E005": "the input cannot be decoded as text in any known encoding",
    "ND-E006": "the input is larger than the size limit",
    "ND-E007": "the HTML has no body text that could be extracted",
    "ND-E008": "a JSONL line is not a valid record",
    "ND-E009": "a directory or a WARC archive holds no readable pages",
    "ND-E010": "a date is not of the form YYYY-MM-DD",
    "ND-E011": "a configuration value is out of range or of the wrong type",
    "ND-E013": "the page was read but its analysis failed (a bug: report it with the page)",
    "ND-E014": "a WARC archive is not one, or is truncated or damaged: reading it stops there",
    "ND-E015": "a WARC record holds an HTTP response whose status is not a success (2xx)",
    "ND-E016": "a text, URL or id holds characters no encoding can write (a lone UTF-16 surrogate)",
    "ND-E020": "the store cannot be opened (missing server, locked file, not a newsdesk store, newer schema)",
    "ND-E021": "a store query or command argument is not valid",
    "ND-E022": "no page or entity with this id or name in the store",
    "ND-E023": "a write to the store failed (disk full, server gone); pages committed before it are kept",
    "ND-E024": "an HTTP request is not valid: malformed JSON, or a parameter missing, malformed or too long",
    "ND-E025": "an HTTP request body is larger than the server's limit",
    "ND-E026": "an HTTP write without the server's bearer token, or to a server started without one",
    "ND-E027": "no such HTTP endpoint, or not with this method",
    "ND-E028": "the HTTP server failed on a request (a bug: report it with the request)",
    "ND-E029": "an HTTP analysis passed the server's time budget, or every analysis slot was busy (retry later)",
    "ND-E030": "a situation report's query, window or settings are not valid",
    "ND-E031": "corpus linking got a page or story twice, an entity with no id, or a saved state it cannot read",
    "ND-E032": "the store's links do not fit its pages: a page the saved link state names is gone, or has no text",
}


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose; `str()` is one line, code first."""

    def __init__(self, code: str, problem: str) -> None:
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"[{self.code}] {self.problem}"

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Errors cross process boundaries in batches: rebuild them from their fields, not from args.
        return (type(self), (self.code, self.problem))


class ReadError(NewsdeskError):
    """An input could not be read as a page: names the input (`source`) and the problem."""

    def __init__(self, source: str, code: str, problem: str) -> None:
        self.source = source
        super().__init__(code, problem)

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.problem}"

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:  # type: ignore[override]
        return (type(self), (self.source, self.code, self.problem))


class ConfigError(NewsdeskError):
    """An option or setting is wrong: says which and what would be right."""


class StoreError(NewsdeskError):
    """The store cannot be opened, queried or written: says which store and what went wrong."""


def check_numbers(config: object, section: str, names: tuple[str, ...], *, whole: bool = False,
                  minimum: float = 0) -> None:
    """Refuse a config whose named fields are not numbers (whole numbers with `whole`) >= `minimum`.

    One check for every stage's config, so each says the same thing: which field, what is allowed."""
    kind = "a whole number" if whole else "a number"
    for name in names:
        value = getattr(config, name)
        ok_type = isinstance(value, int) if whole else isinstance(value, int | float)
        if isinstance(value, bool) or not ok_type or value < minimum:
            raise ConfigError("ND-E011", f"{section}.{name} must be {kind} >= {minimum:g}, not {value!r}")


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A page that could not be read, as a value: a batch reports it and goes on."""

    source: str
    error: ReadError

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "error": str(self.error), "code": self.error.code}
