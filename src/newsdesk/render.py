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
_TIME_STYLE = "underline blue"
_VALUE_STYLE = "dim blue"
_QUOTE_STYLE = "italic"


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
        for line in _story_facts(analysis, number - 1):
            console.print(line)
        pos = story.end
    if pos < len(page.text):
        console.print(_styled(analysis, pos, len(page.text)))
    legend = (Text("legend: ", style="bold").append("removed noise", style=_REMOVED_STYLE)
              .append("  ").append("structure", style="bold underline").append("  ").append("flag", style=_FLAG_STYLE))
    for kind, colour in _ENTITY_STYLE.items():
        legend.append("  ").append(kind.lower(), style=colour)
    legend.append("  ").append("time", style=_TIME_STYLE).append(" [its value]", style=_VALUE_STYLE)
    legend.append("  ").append("quote", style=_QUOTE_STYLE)
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
    style([Span(q.start, q.end, "quote") for q in analysis.quotes], _QUOTE_STYLE)
    style([Span(s, e, entity.type) for entity in analysis.entities for s, e in entity.mentions], _ENTITY_STYLE)
    style([Span(t.start, t.end, "time") for t in analysis.times], _TIME_STYLE)
    style(analysis.cleaning.removed, _REMOVED_STYLE)
    style([*analysis.page.flags, *analysis.cleaning.flags], _FLAG_STYLE)
    # Each time expression's resolved value goes right after it: "on Sunday [2022-05-22]".
    values: dict[int, list[str]] = {}
    for t in analysis.times:
        at = t.end - offset
        if start <= t.start and t.end <= end and 0 < at <= len(body):
            values.setdefault(at, []).append(t.value or f"? {t.problem or 'unresolved'}")
    if not values:
        return body
    cuts = sorted(values)
    out = Text()
    for piece, cut in zip(body.divide(cuts), [*cuts, None], strict=True):
        out.append_text(piece)
        if cut is not None:
            out.append(" [" + "; ".join(values[cut]) + "]", style=_VALUE_STYLE)
    return out


def _story_facts(analysis: Analysis, story: int) -> list[Text]:
    """Under each story: who said what (speaker, cue, the first words) and which figures are claimed."""
    text = analysis.page.text
    labels = {e.id: e.label for e in analysis.entities}
    lines = []
    for q in (q for q in analysis.quotes if q.story == story):
        span = q.speaker_span
        who = labels.get(q.speaker or "") or (text[span[0]:span[1]] if span else "speaker unknown")
        cue = text[q.cue[0]:q.cue[1]] if q.cue else "—"
        words = " ".join(text[q.start:q.end].split())
        lines.append(Text(f"  {q.kind} quote · {who} · {cue}: ", style="dim").append(
            (words[:90] + " …") if len(words) > 90 else words, style=_QUOTE_STYLE))
    for c in (c for c in analysis.claims if c.story == story):
        bounds = f"{_figure(c.low)}–{_figure(c.high)}" if c.low != c.high else _figure(c.low)
        parts = [f"  claim · {bounds}", c.unit or "", f"per {c.per}" if c.per else "",
                 f"· by {labels.get(c.speaker or '') or c.speaker_text}" if (c.speaker or c.speaker_text) else "",
                 f"· about {labels.get(c.about, c.about)}" if c.about else "",
                 f"· same as {c.same_as}" if c.same_as else ""]
        lines.append(Text(" ".join(p for p in parts if p) + f": {' '.join(text[c.start:c.end].split())}",
                          style="dim"))
    return lines


def _figure(value: float | None) -> str:
    if value is None:
        return "…"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
