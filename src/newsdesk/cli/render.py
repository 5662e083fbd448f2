"""render: the terminal view of an analysis — the page with noise dimmed, stories marked.

Only the CLI calls this; it writes to the stream it is given and keeps no state.
"""

from __future__ import annotations

from typing import TextIO

from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsdesk.cli.terminal import Screen
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
    """The page as read, story by story. With colour, noise is dimmed and struck through and names are
    coloured; without (a pipe, a file, `--color never`), what colour would show is written in brackets:
    `[noise, teaser: …]`, `[cut off]`, a story's origin as `[Reuters]`."""
    console = Screen(color, width or 100).console(out)  # the CLI's console: it leaves a closed pipe to the CLI
    page = analysis.page
    date = page.reference_date.isoformat() if page.reference_date else "no reference date"
    parts = [page.source, page.format, date, f"{len(analysis.stories)} stories",
             f"{len(analysis.cleaning.removed)} noise spans"]
    console.print(Text(_joined(parts, console.width), style="bold"))
    flags = sorted((*page.flags, *analysis.cleaning.flags), key=lambda s: s.start)
    if flags:
        console.print(Text("flags: " + "; ".join(f"{_FLAG_WORDS.get(f.kind, f.kind.replace('_', ' '))} "
                                                 f"(at character {f.start})" for f in flags), style=_FLAG_STYLE))
    pos = 0
    for number, story in enumerate(analysis.stories, start=1):
        if story.start > pos:
            console.print(_styled(analysis, pos, story.start, color))
        label = _story_label(number, story, page.text)
        if color:
            console.print(Rule(label, style="green", align="left"))
        else:  # a rule would cut the label at the width: written out, wrapped, under a plain line
            console.print("─" * min(console.width, 100))
            console.print(Text(label))
        console.print(_styled(analysis, story.start, story.end, color))
        for line in _story_facts(analysis, number - 1):
            console.print(Padding(line, (0, 0, 0, 4), expand=False))  # wrapped lines stay under their story
        pos = story.end
    if pos < len(page.text):
        console.print(_styled(analysis, pos, len(page.text), color))
    if color:
        legend = (Text("legend: ", style="bold").append("removed noise", style=_REMOVED_STYLE)
                  .append("  ").append("structure", style="bold underline").append("  ")
                  .append("flag", style=_FLAG_STYLE))
        for kind, colour in _ENTITY_STYLE.items():
            legend.append("  ").append(kind.lower(), style=colour)
        legend.append("  ").append("time", style=_TIME_STYLE).append(" [its value]", style=_VALUE_STYLE)
        legend.append("  ").append("quote", style=_QUOTE_STYLE)
    else:
        legend = Text("legend: [noise, KIND: …] text the page carries around its stories (site furniture, "
                      "teasers, captions, credit lines, copies), kept but not body text; [cut off] a sentence "
                      "that lost its start or end; a time is followed by its [value]; each story opens with "
                      "its origin in brackets, or [origin unknown].")
    console.print(legend)
    console.print()


def render_entities(analysis: Analysis, out: TextIO, color: bool = True, width: int | None = None) -> None:
    """The page's entities as a table: who and where is named, how often, and where places are."""
    console = Screen(color, width or 100).console(out)
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
    parts = [f"story {number} [{origin}]"]
    if story.dateline:
        d = story.dateline
        parts.append("dateline " + ", ".join(x for x in (d.place, d.date, d.agency) if x))
    if story.evidence:
        # A cue of the page's markup has no words on the page: its reason stands for it.
        cues = sorted({text[e.start:e.end] if e.end > e.start else e.why for e in story.evidence})
        parts.append("evidence: " + "; ".join(repr(c) for c in cues[:4]) + (" …" if len(cues) > 4 else ""))
    parts.append("starts at " + ", ".join(_BOUNDARY_WORDS.get(b, b.replace("_", " ")) for b in story.boundary))
    return "  ·  ".join(parts)


#: What each boundary reason means, in a reader's words.
_BOUNDARY_WORDS = {"page_start": "the page's start", "credit": "a credit line", "byline": "a byline",
                   "dateline": "a new dateline", "agency_change": "a change of outlet",
                   "spelling_change": "a change in how names are spelled", "truncation": "a cut-off sentence",
                   "topic": "a change of topic"}
_FLAG_WORDS = {"truncated_start": "a paragraph that lost its start", "truncated_end": "a paragraph cut off",
               "unbalanced_quote": "a quotation mark never closed", "mojibake": "garbled characters",
               "encoding": "not UTF-8"}


def _joined(parts: list[str], width: int) -> str:
    """Parts joined by " · ", a line broken only between parts (never inside "no reference date")."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 5 + len(part) <= width:
            lines[-1] += "  ·  " + part
        else:
            lines.append(part)
    return "\n".join(lines)


def _styled(analysis: Analysis, start: int, end: int, color: bool = True) -> Text:
    if not color:
        return Text(_bracketed(analysis, start, end))
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


def _bracketed(analysis: Analysis, start: int, end: int) -> str:
    """The text between start and end with what colour would show written in: noise as `[noise, KIND:
    …]`, a cut-off paragraph as `[cut off]`, a time's value after it as `[2022-05-22]`."""
    text = analysis.page.text
    marks: list[tuple[int, int, str]] = []  # (position, order, words): closings first, then values, openings
    covered = start
    for s in sorted(analysis.cleaning.removed, key=lambda s: (s.start, -s.end)):
        lo, hi = max(s.start, start), min(s.end, end)
        if hi <= lo or lo < covered:
            continue  # outside, or inside a span already bracketed
        marks += [(lo, 2, f"[noise, {s.kind.replace('_', ' ')}: "), (hi, 0, "]")]
        covered = hi
    for f in analysis.cleaning.flags:
        if start <= f.start < end and f.kind == "truncated_start":
            marks.append((f.start, 3, "[cut off] "))
        elif start < f.end <= end and f.kind == "truncated_end":
            marks.append((f.end, 1, " [cut off]"))
    for t in analysis.times:
        if start <= t.start and t.end <= end:
            marks.append((t.end, 1, f" [{t.value or '? ' + (t.problem or 'unresolved')}]"))
    out, pos = [], start
    for at, _order, words in sorted(marks):
        out += [text[pos:at], words]
        pos = at
    out.append(text[pos:end])
    return "".join(out).strip("\n")


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
        lines.append(Text(f"{q.kind} quote · {who} · {cue}: ", style="dim").append(
            (words[:90] + " …") if len(words) > 90 else words, style=_QUOTE_STYLE))
    for c in (c for c in analysis.claims if c.story == story):
        bounds = f"{_figure(c.low)}–{_figure(c.high)}" if c.low != c.high else _figure(c.low)
        parts = [f"claim · {bounds}", c.unit or "", f"per {c.per}" if c.per else "",
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
