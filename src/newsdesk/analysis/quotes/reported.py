"""reported: cues and what they report, read from the parse — reporting verbs, "according to", learned frames and
the cue model's verbs (`find_cues`), the cue a quoted phrase hangs from (`governing_cue`), a line's "Name:" cue
(`colon_speaker`) and the reported clause of a cue (`reported_clause`, `parenthetical`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdesk.analysis.quotes.cues import CueModel, is_candidate
from newsdesk.analysis.quotes.marks import Marked, Pair, Paragraph, covered_length, inside_any
from newsdesk.analysis.quotes.speakers import cue_subject, swallowed_comma, trailing_speaker

if TYPE_CHECKING:
    from spacy.tokens import Token

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
CUE_WORD = re.compile(r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|according|"
                      + "|".join(sorted({w[:5] for w in CUE_LEMMAS if len(w) >= 5} | {w for w in CUE_LEMMAS
                                                                                      if len(w) < 5}))
                      + r")", re.IGNORECASE)


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


def find_cues(para: Paragraph, frames: dict[str, float] | None = None, frame_lemmas: frozenset[str] = frozenset(),
              model: CueModel | None = None, veto: float = 0.0) -> list[Token]:
    out: list[Token] = []
    doc = para.doc
    if doc is None:
        return out
    quoted = [(q.start, q.end) for q in para.quotes] if model is not None else []
    probs = model.probabilities(doc, lambda t: inside_any(quoted, para.start + t.idx)) if model is not None else {}
    for tok in doc:
        lemma = tok.lemma_.lower()
        according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        if according:
            out.append(tok)
            continue
        if model is not None and is_candidate(tok):
            # the model's word on every verb: a cue by its probability, and a listed reporting verb or
            # frame it finds very unlikely ("I think" in an aside) is none
            p = probs[tok.i]
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


def _colon_after(para: Paragraph, tok: Token) -> bool:
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"


#: Children before a cue that PolNeAR's cues include when they run up to it ("has been criticized", "isn't
#: saying", "also said"): on 200 train articles 93% of such auxiliaries, 96% of passive ones, 99% of negations and
#: 91% of adverbs are inside the gold cue.
_CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})


def cue_span(para: Paragraph, cue: Token, content: Token | None = None) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and adverbs right before it ("has been criticized", "also said"),
    the verb carrying it after "to" (`carrying_verb`: "tried to explain"), its particle ("pointed out") and, when
    the content is a preposition's object, that preposition ("called for [a ban]", "complained about [the
    rules]"); "according to". `content` is the token heading the cue's content
    (`content_argument`), None when unknown. On 200 train articles the gold cue holds the particle in 56 of 56
    cases and such a preposition right after the verb in 88%, other prepositions ("said in a statement") in
    fewer than half: those stay out."""
    if cue.lower_ == "according":
        nxt = cue.doc[cue.i + 1]
        return para.start + cue.idx, para.start + nxt.idx + len(nxt.text)
    first = _left_edge(cue)
    carrier = carrying_verb(cue)
    if carrier is not None:
        first = _left_edge(carrier)
    last = cue
    kids = {c.i: c for c in cue.children}
    while last.i + 1 in kids and kids[last.i + 1].dep_ == "prt":
        last = kids[last.i + 1]
    after = kids.get(last.i + 1)
    if after is not None and after.dep_ == "prep" and content is not None and content.head.i == after.i:
        last = after
    return para.start + first.idx, para.start + last.idx + len(last.text)


def carrying_verb(cue: Token) -> Token | None:
    """The verb that carries the cue after "to" ("tried to explain", "appeared to suggest", "refuses to disavow",
    "went on to explain"), or None. PolNeAR's cue is then both verbs: on 200 train articles, of the gold cues on
    such a pair, 71 hold both verbs and 7 the second alone; where the finder reads both verbs as cues, the gold cue
    holds both in 23 of the pairs of the first 150 train articles and the first alone in 10, so the carrier's own
    attribution gives way (`finder._without_carriers`)."""
    first = _left_edge(cue)
    head = cue.head
    if cue.dep_ != "xcomp" or first.lower_ != "to" or head.i >= first.i or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if not all(t.head.i == head.i and t.dep_ in ("prt", "advmod") for t in cue.doc[head.i + 1:first.i]):
        return None
    return head


def _left_edge(verb: Token) -> Token:
    """The first of the verb's auxiliaries, negation and adverbs running up to it ("has not yet said")."""
    first = verb
    for child in sorted((c for c in verb.children if c.i < verb.i), key=lambda c: -c.i):
        if child.i == first.i - 1 and child.dep_ in _CUE_LEFT and (child.is_alpha or child.dep_ != "advmod"):
            first = child
    return first


#: Cues whose open complement is what they report when nothing else is ("urged [to stop]", "vowed [to fight]").
_XCOMP_CUES = frozenset({"urge", "ask", "tell", "warn", "call", "promise", "vow", "pledge", "threaten"})


def content_argument(cue: Token, frames: dict[str, float] | None = None, model: CueModel | None = None) -> Token | None:
    """The child heading a cue's content as the parse gives it: its clausal complement, else its best learned
    frame's argument, else the argument the cue model picks, else an open complement of a cue of urging."""
    comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if comp is None and frames:
        comp = _frame(cue, frames)
    if comp is None and model is not None:
        comp = model.content_head(cue)
    if comp is None and cue.lemma_.lower() in _XCOMP_CUES:
        comp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    return comp


#: Words heading a publisher's notice about the article itself ("Editor's note:", "Correction:", "UPDATE:"): a
#: rubric of news pages in general, never someone speaking (PolNeAR's annotators mark none of them as a source).
EDITORIAL_RUBRICS = frozenset({"note", "correction", "corrections", "clarification", "update", "updated", "disclosure",
                               "disclaimer", "addendum", "erratum"})


def colon_speaker(para: Paragraph) -> tuple[Token, Pair] | None:
    """A line opened by a name and a colon: a headline ("Gingrich: Trump Must Decide …", "Poll: Sanders
    leads") or a transcript ("TAPPER: Do you think …", quoted or not). Returns (the colon, the name's span), or None.

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
    quoted = bool(name) and name[0].is_quote
    while name and name[0].is_quote:  # a transcript quoted whole: '"PENCE: Well, look …'
        name.pop(0)
    if quoted and not all(t.pos_ == "PROPN" for t in name):
        return None  # inside a quotation, only a name labels a speaker ('"Bottom line: we …' is the words)
    if not name or len(name) > 5 or name[-1].pos_ not in ("PROPN", "NOUN") or not name[0].text[:1].isupper():
        return None
    if name[-1].lower_ in EDITORIAL_RUBRICS:
        return None  # "Editor's note:", "CORRECTION:": the publisher's own notice, nobody quoted
    if any(t.pos_ not in ("PROPN", "NOUN", "PUNCT", "PART") for t in name) or name[-1].is_punct:
        return None
    rest = [t for t in doc[colon.i + 1:] if not t.is_space and not t.is_punct]
    if len(rest) < 3 or not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in doc[colon.i + 1:]):
        return None
    return colon, (para.start + name[0].idx, para.start + name[-1].idx + len(name[-1].text))


def governing_cue(para: Paragraph, q: Marked, cues: list[Token]) -> Token | None:
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
            if found is not None and found.head.i == tok.i and _same_speakers_act(found):
                break  # '… he said, adding that "…"': the quotation is what he added, not what he said
            found = tok
        if tok.head.i == tok.i:  # the root (spaCy tokens are views: compare indices)
            break
        tok = tok.head
    return found


def _same_speakers_act(cue: Token) -> bool:
    """Is the cue a further act of the speaker of the cue it hangs from, with no subject of its own ("said,
    adding that …", "said … and added that …")? Then it, not the outer cue, introduces what it governs."""
    return cue.dep_ in ("advcl", "conj") and (cue.tag_ == "VBG" or cue.dep_ == "conj") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in cue.children)


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


def parenthetical(para: Paragraph, cue: Token, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The two sides of a clause a cue interrupts between commas ("The test, North Korea said, was its
    biggest"): the parser hangs the cue under the clause's verb, which comes after it, or under that verb's subject
    before it ("The difference now, he told me, is that …"). [] otherwise."""
    head = _interrupted_verb(cue)
    if head is None:
        return []
    inner = [t.i for t in cue.subtree if not t.is_punct]
    first, last = min(inner), max(inner)
    doc = cue.doc
    if first == 0 or last + 1 >= len(doc) or doc[first - 1].text != "," or doc[last + 1].text != ",":
        return []
    if cue_subject(cue) is None:
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
    if quoted and covered_length(quoted, sides[0][0], sides[-1][1]) > 0.5 * (sides[-1][1] - sides[0][0]):
        return []  # a quotation, handled as such
    return sides


def _interrupted_verb(cue: Token) -> Token | None:
    """The verb of the clause a cue set off by commas interrupts: the cue's head when it is a verb after the cue, or,
    when the parser hung the cue on the clause's subject before it ("The difference now, he told me on Friday, is
    …"), the verb that subject is the subject of, after the cue; None otherwise."""
    if cue.dep_ not in ("parataxis", "ccomp"):
        return None
    head = cue.head
    if head.pos_ in ("NOUN", "PROPN") and head.i < cue.i and head.dep_ in ("nsubj", "nsubjpass") \
            and cue.dep_ == "parataxis":
        head = head.head
    return head if head.i > cue.i and head.pos_ in ("VERB", "AUX") else None


def reported_clause(para: Paragraph, cue: Token, quoted: list[tuple[int, int]],
                    frames: dict[str, float] | None = None, model: CueModel | None = None) -> tuple[int, int] | None:
    """The reported clause of a cue: its clausal complement, or the sentence around "according to X"."""
    if cue.lower_ == "according":
        sent = cue.sent
        prep = list(cue.subtree)
        lo, hi = prep[0].i, prep[-1].i
        comma = swallowed_comma(cue)
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
    named = trailing_speaker(cue)
    if comp is None and cue.dep_ in ("conj", "ccomp", "parataxis") and cue.head.i < cue.i \
            and cue.lemma_.lower() in CUE_LEMMAS and named is not None:
        # "The fighting focused on the cities, adviser Vadym Denysenko told television": the parser hung the
        # name inside the reported clause; the clause is everything before the comma that precedes the name
        before_name = named[1][0].i - 1  # the comma
        toks = [t for t in cue.sent if t.i < before_name]
        while toks and toks[0].is_punct:
            toks.pop(0)
        if len(toks) < 3:
            return None
        start, end = para.start + toks[0].idx, para.start + toks[-1].idx + len(toks[-1].text)
        return None if quoted and covered_length(quoted, start, end) > 0.5 * (end - start) else (start, end)
    if comp is None and cue.dep_ in ("ccomp", "parataxis", "conj") and cue.head.i < cue.i \
            and cue.head.pos_ in ("VERB", "AUX") and first_of_cue > 0 and cue.doc[first_of_cue - 1].text == "," \
            and not any(c.dep_ == "cc" for c in cue.children) and cue_subject(cue) is not None:
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
        return None if quoted and covered_length(quoted, start, end) > 0.5 * (end - start) else (start, end)
    if comp is None:
        comp = content_argument(cue, frames, model)
    if comp is None:
        return None
    toks = list(comp.subtree)
    if named is not None and comp.i < cue.i:
        toks = [t for t in toks if t.i < named[1][0].i - 1]  # the name the parser hung inside the clause
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if len(toks) < 2 and not (toks and toks[0].pos_ == "PROPN"):
        return None  # one word is too little to report, unless it names whom the cue is about ("endorsed Clinton")
    start, end = para.start + toks[0].idx, para.start + toks[-1].idx + len(toks[-1].text)
    if quoted and covered_length(quoted, start, end) > 0.5 * (end - start):
        return None  # a quotation, handled as such
    return start, end

