"""pipeline: composes the stages for one page or many (stub, being written)."""

from __future__ import annotations

from newsdesk.clean import clean
from newsdesk.model import Analysis, Page
from newsdesk.split import split


class Pipeline:
    def analyze(self, page: Page) -> Analysis:
        cleaning = clean(page)
        return Analysis(page=page, cleaning=cleaning, stories=tuple(split(page, cleaning)))


def clean_text(analysis: Analysis) -> str:
    """The page's text with every removed span cut out: what a reader would keep."""
    text = analysis.page.text
    keep, pos = [], 0
    for span in sorted(analysis.cleaning.removed, key=lambda s: s.start):
        if span.start > pos:
            keep.append(text[pos:span.start])
        pos = max(pos, span.end)
    keep.append(text[pos:])
    return "".join(keep)
