"""Shared by the quote tests: the quote finder with the parser it needs (skipped when that parser is not
installed), run over invented text as one story."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsdesk.analysis.quotes.finder import QuoteConfig, QuoteFinder, load_quote_parser
from newsdesk.errors import ConfigError
from newsdesk.model import Quote, Span, Story


def quote_parser() -> Language:
    """The parser the quote finder reads with; the test is skipped when it is not installed."""
    try:
        return load_quote_parser(QuoteConfig())
    except ConfigError as exc:
        pytest.skip(f"parser not installed: {exc}")


def quote_finder() -> QuoteFinder:
    config = QuoteConfig()
    try:
        nlp = load_quote_parser(config)
    except ConfigError as exc:
        pytest.skip(f"parser not installed: {exc}")
    return QuoteFinder(nlp, config)


def find(finder: QuoteFinder, text: str, stories: tuple[Story, ...] | None = None,
         noise: tuple[Span, ...] = ()) -> list[Quote]:
    """The quotes in `text`, read as one story unless `stories` says otherwise."""
    return finder(text, stories or (Story(0, len(text)),), noise)


def cut(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]] if span else None
