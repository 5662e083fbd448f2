"""render: the terminal view of an analysis — the page with noise dimmed, stories marked.

Only the CLI calls this; it writes to the stream it is given and keeps no state.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsdesk.model import Analysis, Span, Story

_REMOVED_STYLE = "dim strike"
_STRUCTURE_STYLE = {"headline": "bold", "subheading": "bold underline", "highlights": "italic cyan",
                    "byline": "italic", "credits": "italic"}
_FLAG_STYLE = "bold red"
_ENTITY_STYLE = {"PERSON": "magenta", "PLACE": "green", "ORG": "yellow"}


def render_analysis(analysis: Analysis, out: TextIO, color: bool = True, width: int | None = None) -> None:
    console = Console(file=out, no_color=not color, highlight=False, width=width or 100,
                      force_terminal=color, soft_wrap=False)
    page = analysis.page
    head = Text(page.source, style="bold")
    date = page.reference_date.isoformat() if page.reference_date else "no reference date"
    head.append(f"  ·  {page.format}  ·  {date}  ·  {len(analysis.stories)} stories  ·  "
                f"{len(analysis.cleaning.removed)} noise spans", style="")
    console.print(head)
    flags = sorted((*page.flags, *analysis.cleaning.flags), key=lambda s: s.start)
    if flags:
        console.print(Text("flags: " + ", ".join(f"{f.kind} @{f.start}" for f in flags), style=_FLAG_STYLE))
    pos = 0
    for number, story in enumerate(analysis.stories, start=1):
        if story.start > pos:
            console.print(_styled(analysis, pos, story.start))
        console.print(Rule(_story_label(number, story, page.text), style="green", align="left"))
        console.print(_styled(analysis, story.start, story.end))
        pos = story.end
    if pos < len(page.text):
        console.print(_styled(analysis, pos, len(page.text)))
    legend = (Text("legend: ", style="bold").append("removed noise", style=_REMOVED_STYLE)
              .append("  ").append("structure", style="bold underline").append("  ").append("flag", style=_FLAG_STYLE))
    for kind, colour in _ENTITY_STYLE.items():
        legend.append("  ").append(kind.lower(), style=colour)
    console.print(legend)
    console.print()


def render_entities(analysis: Analysis, out: TextIO, color: bool = True, width: int | None = None) -> None:
    """The page's entities as a table: who and where is named, how often, and where places are."""
    console = Console(file=out, no_color=not color, highlight=False, width=width or 100, force_terminal=color)
    table = Table(title=f"{analysis.page.source}: {len(analysis.entities)} entities", title_justify="left")
    for column in ("id", "type", "label", "mentions", "spellings", "where"):
        table.add_column(column, overflow="fold")
    text = analysis.page.text
    for e in sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.label)):
        spellings = sorted({text[s:t] for s, t in e.mentions})
        where = (f"{e.lat:.3f}, {e.lon:.3f} {e.country or ''} {e.gazetteer_id or ''}".strip()
                 if e.lat is not None and e.lon is not None else "")
        table.add_row(e.id, Text(e.type, style=_ENTITY_STYLE[e.type]), e.label, str(len(e.mentions)),
                      "; ".join(spellings), where)
    console.print(table)


def _story_label(number: int, story: Story, text: str) -> str:
    origin = story.origin or "origin unknown"
    parts = [f"story {number}: {origin}"]
    if story.dateline:
        d = story.dateline
        parts.append("dateline " + ", ".join(x for x in (d.place, d.date, d.agency) if x))
    if story.evidence:
        cues = sorted({text[e.start:e.end] for e in story.evidence})
        parts.append("evidence: " + "; ".join(repr(c) for c in cues[:4]) + (" …" if len(cues) > 4 else ""))
    parts.append("cut: " + ", ".join(story.boundary))
    return "  ·  ".join(parts)


def _styled(analysis: Analysis, start: int, end: int) -> Text:
    text = analysis.page.text
    body = Text(text[start:end].strip("\n"))
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip("\n")))

    def style(spans: tuple[Span, ...] | list[Span], pick: str | dict[str, str]) -> None:
        for s in spans:
            lo, hi = max(s.start, start) - offset, min(s.end, end) - offset
            if hi > lo:
                chosen = pick if isinstance(pick, str) else pick.get(s.kind, "bold")
                body.stylize(chosen, max(lo, 0), hi)

    style(analysis.cleaning.structure, _STRUCTURE_STYLE)
    style([Span(s, e, entity.type) for entity in analysis.entities for s, e in entity.mentions], _ENTITY_STYLE)
    style(analysis.cleaning.removed, _REMOVED_STYLE)
    style([*analysis.page.flags, *analysis.cleaning.flags], _FLAG_STYLE)
    return body
