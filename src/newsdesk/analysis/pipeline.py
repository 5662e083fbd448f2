"""pipeline: composes the stages; builds the heavy parts once; runs one page or a batch.

    pipeline = Pipeline()                       # builds the cleaner, segmenter and splitter once
    analysis = pipeline.analyze(page)           # one Page → one Analysis
    for result in pipeline.analyze_many(items, workers=2): ...   # in input order; failures are values

A page over `MAX_PAGE_CHARS` (100,000 characters) is analysed in pieces cut at paragraph ends and
stitched back by offset, and the tagger gets no story longer than `bounded.MAX_PIECE_CHARS`: time and
memory stay linear in the page, and no page meets spaCy's own length limit (its error E088).

Each stage in `STAGES` declares the fields of the `Analysis` it reads and the ones it writes, and the
pipeline runs exactly those stages, in that order. `Pipeline` checks the order when it is built
(`check_stages`), so a stage added out of order fails at construction, not on the thousandth page.
With `workers` > 1 pages go to the one process pool of `newsdesk.analysis.workers`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import partial
from typing import cast

from spacy.language import Language

from newsdesk.analysis.bounded import BoundedPipe, pieces
from newsdesk.analysis.claims.finder import ClaimConfig, ClaimFinder
from newsdesk.analysis.clean import CleanConfig, Cleaner
from newsdesk.analysis.entities.gazetteer import Gazetteer, GazetteerConfig
from newsdesk.analysis.entities.linker import LinkConfig, Linker
from newsdesk.analysis.entities.mentions import ExtractConfig, MentionFinder, load_tagger
from newsdesk.analysis.events import EventConfig, EventFinder
from newsdesk.analysis.quotes.finder import QuoteConfig, QuoteFinder, attribute, load_quote_parser
from newsdesk.analysis.segment import SegmentConfig, TopicSegmenter
from newsdesk.analysis.split import SplitConfig, Splitter
from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.analysis.workers import PoolConfig, analyze_pooled
from newsdesk.errors import ConfigError, NewsdeskError, ReadFailure
from newsdesk.model import Analysis, Claim, Cleaning, Entity, Event, Page, Quote, Span, Story, TimeExpression

log = logging.getLogger(__name__)

#: Pages longer than this, in characters, are analysed in pieces of at most this size, stitched by
#: offset (`Pipeline._analyze_long`): ~15,000 words, far longer than any one news story.
MAX_PAGE_CHARS = 100_000

#: What a pipeline is given: every stage may read it.
GIVEN = frozenset({"page"})
#: The fields a stage may read or write: those of `Analysis` (its free-form `extra` is no stage's).
ANALYSIS_FIELDS = frozenset(f.name for f in fields(Analysis)) - {"extra"}


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the analysis: the fields of `Analysis` it reads and writes, and the code that does it
    (`run(pipeline, analysis so far)` returns the analysis with its `writes` filled in)."""

    name: str
    reads: frozenset[str]
    writes: frozenset[str]
    run: Callable[[Pipeline, Analysis], Analysis]


def check_stages(stages: Iterable[Stage]) -> None:
    """Every stage must find what it reads given or written by an earlier stage, name only fields of
    `Analysis`, and write no field another stage wrote. Raises `ConfigError` (ND-E011) naming the stage
    and the field (and a later stage that writes it, when one does)."""
    chain = list(stages)
    written_by = dict.fromkeys(GIVEN, "the input")
    for at, stage in enumerate(chain):
        unknown = (stage.reads | stage.writes) - ANALYSIS_FIELDS
        if unknown:
            raise ConfigError("ND-E011", f"stage {stage.name!r} names {sorted(unknown)}, which are not fields "
                                         f"of an analysis ({sorted(ANALYSIS_FIELDS)})")
        for name in sorted(stage.reads - written_by.keys()):
            later = [s.name for s in chain[at + 1:] if name in s.writes]
            raise ConfigError("ND-E011", f"stage {stage.name!r} reads {name!r}, which no earlier stage writes"
                                         + (f" (stage {later[0]!r} writes it, later)" if later else ""))
        for name in sorted(stage.writes & written_by.keys()):
            raise ConfigError("ND-E011", f"stage {stage.name!r} writes {name!r}, which {written_by[name]} "
                                         f"wrote already")
        written_by.update(dict.fromkeys(stage.writes, f"stage {stage.name!r}"))


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """One config object per stage, all defaults in their own classes."""

    clean: CleanConfig = field(default_factory=CleanConfig)
    split: SplitConfig = field(default_factory=SplitConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    link: LinkConfig = field(default_factory=LinkConfig)
    gazetteer: GazetteerConfig = field(default_factory=GazetteerConfig)
    quotes: QuoteConfig = field(default_factory=QuoteConfig)
    claims: ClaimConfig = field(default_factory=ClaimConfig)
    times: TimeConfig = field(default_factory=TimeConfig)
    events: EventConfig = field(default_factory=EventConfig)
    #: Find and link entities (loads the tagger and the gazetteer: seconds, a few hundred MB).
    entities: bool = True
    #: Find quotes and their speakers (loads a spaCy parser: a second, ~100 MB).
    find_quotes: bool = True


@dataclass(frozen=True, slots=True)
class AnalysisFailure:
    """A page that was read but could not be analysed: reported, and the batch goes on."""

    source: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error, "code": "ND-E013"}


Result = Analysis | ReadFailure | AnalysisFailure


class Pipeline:
    """The stages, built once. Holds no page state, so one pipeline serves any number of pages."""

    def __init__(self, config: PipelineConfig | None = None, stages: Iterable[Stage] | None = None) -> None:
        """`stages` replaces `STAGES` (a test's reordered chain): checked before any model loads."""
        self.stages = STAGES if stages is None else tuple(stages)
        check_stages(self.stages)
        self.config = config or PipelineConfig()
        self.cleaner = Cleaner(self.config.clean)
        self.splitter = Splitter(TopicSegmenter(self.config.segment), self.config.split)
        self.finder: MentionFinder | None = None
        self.linker: Linker | None = None
        if self.config.entities:
            gazetteer = Gazetteer.load(self.config.gazetteer)
            # The tagger runs on whole stories: a story over spaCy's limit goes in bounded pieces.
            tagger = cast(Language, BoundedPipe(load_tagger(self.config.extract)))
            self.finder = MentionFinder(tagger, gazetteer, self.config.extract)
            self.linker = Linker(gazetteer, self.config.link)
        self.quote_finder = (QuoteFinder(load_quote_parser(self.config.quotes), self.config.quotes)
                             if self.config.find_quotes else None)
        self.claim_finder = ClaimFinder(self.config.claims)
        self.time_finder = TimeFinder(self.config.times)
        self.event_finder = EventFinder(self.config.events)

    def analyze(self, page: Page) -> Analysis:
        """One page's analysis. A page over `MAX_PAGE_CHARS` is analysed in pieces (see `_analyze_long`)."""
        if len(page.text) > MAX_PAGE_CHARS:
            return self._analyze_long(page)
        return self._analyze_whole(page)

    def _analyze_long(self, page: Page) -> Analysis:
        """A long page, analysed in pieces of at most `MAX_PAGE_CHARS`, cut at paragraph ends (else
        sentence ends, else white space), each analysed as a page of its own and stitched back by
        offset: time and memory stay linear in the page, where several stages (linking places, one
        type per name) compare every mention with every other. What a piece cannot see is lost: a
        story running over a cut is two stories, a name in two pieces two entities."""
        parts: list[Analysis] = []
        cuts = pieces(page.text, MAX_PAGE_CHARS, paragraphs=True)
        for k, (a, b) in enumerate(cuts):
            # The page's markup speaks for the whole page, never for one piece of it (a piece of one
            # story would take it as that story's origin).
            sub = replace(page, text=page.text[a:b], title=page.title if k == 0 else None,
                          hints=_clip(page.hints, a, b), flags=_clip(page.flags, a, b), meta=None)
            parts.append(self._analyze_whole(sub))
        return _stitch(page, parts, [a for a, _ in cuts])

    def _analyze_whole(self, page: Page) -> Analysis:
        analysis = Analysis(page=page, cleaning=Cleaning(), stories=())
        for stage in self.stages:
            analysis = stage.run(self, analysis)
        return analysis

    # -- the stages, in `STAGES` below with what each reads and writes

    def _clean(self, analysis: Analysis) -> Analysis:
        return replace(analysis, cleaning=self.cleaner(analysis.page))

    def _split(self, analysis: Analysis) -> Analysis:
        return replace(analysis, stories=tuple(self.splitter(analysis.page, analysis.cleaning)))

    def _entities(self, analysis: Analysis) -> Analysis:
        if self.finder is None or self.linker is None:
            return analysis  # entities off: none found
        mentions = self.finder(analysis.page, analysis.cleaning, analysis.stories)
        return replace(analysis, entities=tuple(self.linker(mentions, analysis.stories, analysis.page.text)))

    def _quotes(self, analysis: Analysis) -> Analysis:
        if self.quote_finder is None:
            return analysis  # quotes off: none found
        text = analysis.page.text
        found = self.quote_finder(text, analysis.stories, analysis.cleaning.removed)
        return replace(analysis, quotes=tuple(attribute(found, text, analysis.entities)))

    def _claims(self, analysis: Analysis) -> Analysis:
        return replace(analysis, claims=tuple(self.claim_finder(
            analysis.page.text, analysis.stories, analysis.cleaning.removed, analysis.quotes, analysis.entities)))

    def _times(self, analysis: Analysis) -> Analysis:
        return replace(analysis, times=tuple(self.time_finder(
            analysis.page.text, analysis.stories, analysis.cleaning.removed, analysis.page.reference_date)))

    def _events(self, analysis: Analysis) -> Analysis:
        return replace(analysis, events=tuple(self.event_finder(
            analysis.page.text, analysis.stories, analysis.cleaning.removed, analysis.times, analysis.entities)))

    def analyze_one(self, item: Page | ReadFailure) -> Result:
        """Like `analyze`, but a failure of any kind comes back as a value."""
        if isinstance(item, ReadFailure):
            return item
        try:
            return self.analyze(item)
        except NewsdeskError as exc:
            return AnalysisFailure(item.source, str(exc))
        except Exception as exc:  # a bug on one page must not sink a batch of thousands
            # The traceback goes to the debug log (-v shows it), never to the user's screen.
            log.debug("analysis of %s failed", item.source, exc_info=True)
            return AnalysisFailure(item.source, f"[ND-E013] {item.source}: analysis failed: "
                                                f"{type(exc).__name__}: {exc}")

    def analyze_many(self, items: Iterable[Page | ReadFailure], workers: int = 1,
                     chunk_size: int = 8) -> Iterator[Result]:
        """Analyse pages in input order; with `workers` > 1, across that many processes, each building
        its own pipeline from this one's config (`newsdesk.analysis.workers`)."""
        if workers < 1:
            raise ConfigError("ND-E011", f"workers must be >= 1, not {workers}")
        if workers == 1:
            for item in items:
                yield self.analyze_one(item)
            return
        yield from analyze_in_processes(items, self.config, PoolConfig(workers, chunk_pages=chunk_size))


#: The stages, in the order they run. `Pipeline` checks it (`check_stages`) when it is built.
STAGES: tuple[Stage, ...] = (
    Stage("clean", reads=frozenset({"page"}), writes=frozenset({"cleaning"}), run=Pipeline._clean),
    Stage("split", reads=frozenset({"page", "cleaning"}), writes=frozenset({"stories"}), run=Pipeline._split),
    Stage("entities", reads=frozenset({"page", "cleaning", "stories"}), writes=frozenset({"entities"}),
          run=Pipeline._entities),
    Stage("quotes", reads=frozenset({"page", "cleaning", "stories", "entities"}), writes=frozenset({"quotes"}),
          run=Pipeline._quotes),
    Stage("claims", reads=frozenset({"page", "cleaning", "stories", "quotes", "entities"}),
          writes=frozenset({"claims"}), run=Pipeline._claims),
    Stage("times", reads=frozenset({"page", "cleaning", "stories"}), writes=frozenset({"times"}), run=Pipeline._times),
    Stage("events", reads=frozenset({"page", "cleaning", "stories", "times", "entities"}),
          writes=frozenset({"events"}), run=Pipeline._events),
)


def analyze_in_processes(items: Iterable[Page | ReadFailure], config: PipelineConfig,
                         pool: PoolConfig) -> Iterator[Result]:
    """Each item's result in input order, analysed in a pool of processes that each build a pipeline
    from `config` once: `Pipeline.analyze_many` and `newsdesk ingest` both come here."""
    return analyze_pooled(items, partial(Pipeline, config), _worker_failure, pool)


def _worker_failure(page: Page, exc: BaseException) -> AnalysisFailure:
    """A page whose worker failed past `Pipeline.analyze_one` (which turns page errors into values)."""
    return AnalysisFailure(page.source, f"[ND-E013] {page.source}: analysis worker failed: {exc!r}")


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


# -- stitching the pieces of a long page ----------------------------------------------------------


def _clip(spans: tuple[Span, ...], a: int, b: int) -> tuple[Span, ...]:
    """The spans that overlap [a, b), cut to it and moved to the piece's offsets."""
    return tuple(replace(s, start=max(s.start, a) - a, end=min(s.end, b) - a)
                 for s in spans if (s.start < b and s.end > a) or s.start == s.end == a)


def _pair(pair: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return None if pair is None else (pair[0] + by, pair[1] + by)


def _moved(span: Span, by: int) -> Span:
    return replace(span, start=span.start + by, end=span.end + by)


def _stitch(page: Page, parts: list[Analysis], offsets: list[int]) -> Analysis:
    """One analysis of `page` from its pieces' analyses: offsets moved by each piece's start, story
    indices by the stories before it, claim ids renumbered to stay unique, and an entity named in
    several pieces (same type, label and place) made one, its mentions in page order."""
    removed: list[Span] = []
    structure: list[Span] = []
    flags: list[Span] = []
    blocks: list[Span] = []
    stories: list[Story] = []
    entities: list[Entity] = []
    quotes: list[Quote] = []
    claims: list[Claim] = []
    times: list[TimeExpression] = []
    events: list[Event] = []
    # An entity named in several pieces is one entity: the same type, label and gazetteer place.
    entity_at: dict[tuple[str, str, str | None], int] = {}
    for part, by in zip(parts, offsets, strict=True):
        first_story = len(stories)
        ids: dict[str, str] = {}
        for e in part.entities:
            key = (e.type, e.label, e.gazetteer_id)
            if key not in entity_at:
                entity_at[key] = len(entities)
                entities.append(replace(e, id=f"e{len(entities) + 1}", mentions=()))
            ids[e.id] = entities[entity_at[key]].id
        claim_ids = {c.id: f"c{len(claims) + i}" for i, c in enumerate(part.claims, start=1)}

        def entity(value: str | None, ids: dict[str, str] = ids) -> str | None:
            return None if value is None else ids.get(value, value)

        cleaning = part.cleaning
        removed += [_moved(s, by) for s in cleaning.removed]
        structure += [_moved(s, by) for s in cleaning.structure]
        flags += [_moved(s, by) for s in cleaning.flags]
        blocks += [_moved(s, by) for s in cleaning.blocks]
        stories += [replace(st, start=st.start + by, end=st.end + by,
                            evidence=tuple(replace(e, start=e.start + by, end=e.end + by) for e in st.evidence),
                            dateline=None if st.dateline is None else replace(
                                st.dateline, start=st.dateline.start + by, end=st.dateline.end + by))
                    for st in part.stories]
        for e in part.entities:
            at = entity_at[(e.type, e.label, e.gazetteer_id)]
            merged = entities[at]
            entities[at] = replace(merged, within=merged.within or entity(e.within),
                                   mentions=(*merged.mentions, *((s + by, t + by) for s, t in e.mentions)))
        quotes += [replace(q, start=q.start + by, end=q.end + by, story=q.story + first_story,
                           cue=_pair(q.cue, by), source=_pair(q.source, by), antecedent=_pair(q.antecedent, by),
                           organisation=_pair(q.organisation, by), speaker=entity(q.speaker))
                   for q in part.quotes]
        claims += [replace(c, id=claim_ids[c.id], start=c.start + by, end=c.end + by, story=c.story + first_story,
                           speaker=entity(c.speaker), about=entity(c.about),
                           same_as=None if c.same_as is None else claim_ids.get(c.same_as))
                   for c in part.claims]
        times += [replace(t, start=t.start + by, end=t.end + by, story=t.story + first_story) for t in part.times]
        events += [replace(ev, start=ev.start + by, end=ev.end + by, story=ev.story + first_story,
                           where=entity(ev.where)) for ev in part.events]
    cleaning = Cleaning(removed=tuple(removed), structure=tuple(structure), flags=tuple(flags),
                        blocks=tuple(blocks))
    return Analysis(page=page, cleaning=cleaning, stories=tuple(stories), entities=tuple(entities),
                    quotes=tuple(quotes), claims=tuple(claims), times=tuple(times), events=tuple(events))
