"""report.render: a situation report as Markdown (`to_markdown`): headed sections, each line the sentence
as written with its sources as `page:start-end` (what `newsdesk show PAGE` highlights), claims and
contradictions as tables. Its JSON form is `SituationReport.to_json`; the terminal's is the CLI's."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.report.items import ClaimItem, ReportSentence, SituationReport, window_text


def to_markdown(report: SituationReport) -> str:
    """The report as one Markdown document."""
    lines = [f"# Situation report: {report.query}", ""]
    window = window_text(report.date_from, report.date_to).strip()
    lines += [f"*{report.pages_matched} pages matched, {report.pages_used} used{', ' + window if window else ''}.*",
              ""]
    if report.empty:
        lines += [f"Nothing to report: {report.message}.", ""]
        return "\n".join(lines)
    for title, subjects in (("Where things stand: places", report.places), ("Where things stand: actors",
                                                                          report.actors)):
        if not subjects:
            continue
        lines += [f"## {title}", ""]
        for subject in subjects:
            lines += [f"### {subject.label} ({subject.type.lower()}, {subject.pages} page"
                      f"{'s' if subject.pages != 1 else ''})", ""]
            lines += [f"- {_md_date(s.date)} — {_md_quote(s.text)}{_md_confirmed(s.confirmations)} {_md_sources(s)}"
                      for s in subject.sentences]
            if not subject.sentences:
                lines.append("- named only in sentences listed under another subject")
            lines.append("")
    if report.events:
        lines += ["## Key dated events", ""]
        for e in report.events:
            lines.append(f"- **{e.date.isoformat()}** — {_md_escape(e.what)}: {_md_quote(e.sentence.text)}"
                         f"{_md_confirmed(e.confirmations)} {_md_sources(e.sentence)}")
            lines += [f"  - also: {_md_quote(a.text)} {_md_sources(a)}" for a in e.also]
        lines.append("")
    if report.claims:
        lines += ["## Claims", "", "| date | figure | claimant | reported by | sentence |",
                  "| --- | --- | --- | --- | --- |"]
        for c in report.claims:
            lines.append(f"| {_md_date(c.date)} | {_md_cell(c.value_text())} | {_md_cell(c.claimant or '—')} | "
                         f"{_md_cell(c.reported_by or '—')} | {_md_quote(c.sentence.text)} "
                         f"{_md_sources(c.sentence)} |")
        lines.append("")
    if report.contradictions:
        lines += ["## Contradictions", ""]
        for k in report.contradictions:
            lines += [f"### {_md_escape(k.thing)}: {k.first.value_text()} vs {k.second.value_text()}", "",
                      "| | " + " | ".join(_md_cell(_claim_head(c)) for c in (k.first, k.second)) + " |",
                      "| --- | --- | --- |",
                      "| figure | " + " | ".join(_md_cell(c.value_text()) for c in (k.first, k.second)) + " |",
                      "| claimant | " + " | ".join(_md_cell(c.claimant or "—") for c in (k.first, k.second)) + " |",
                      "| reported by | " + " | ".join(_md_cell(c.reported_by or "—")
                                                       for c in (k.first, k.second)) + " |",
                      "| sentence | " + " | ".join(_md_quote(c.sentence.text) + " " + _md_sources(c.sentence)
                                                    for c in (k.first, k.second)) + " |", ""]
    return "\n".join(lines)


def _claim_head(c: ClaimItem) -> str:
    return f"{_md_date(c.date)}, {c.reported_by or 'origin unknown'}"


def _md_date(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", " ".join(text.split()))


def _md_quote(text: str) -> str:
    return f"“{_md_escape(text)}”"


def _md_cell(text: str) -> str:
    """Plain text for a table cell (escaped); cells built from `_md_quote` are escaped already."""
    return _md_escape(text)


def _md_confirmed(count: int) -> str:
    return f" *(confirmed by {count} independent origins)*" if count > 1 else ""


def _md_sources(sentence: ReportSentence) -> str:
    """Each source as `page:start-end` (what `newsdesk show PAGE` highlights), with its agency."""
    return " ".join(f"[`{s.page_id}:{s.start}-{s.end}`]" for s in sentence.sources)


__all__ = ["to_markdown"]
