"""marks: quotation spans found by their marks, before any parse — the paragraphs of a story, quotation marks paired
(`scan_quotes`), doubled apostrophes read as marks (`doubled_quotes`), whether a quote stands as a sentence
(`quote_kind`), a dash and a name signing it off (`sign_off`) — and the span arithmetic the finder measures quotes,
datelines and noise with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A span's start and end offsets in the page's text.
Pair = tuple[int, int]

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‚‹"
_SINGLE_CLOSE = "’›"
MARKS = frozenset(_DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE + "\"'“")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
#: A short capitalised word before a full stop is a title or an initial ("Mr. Obama", "U.S. officials").
_ABBREVIATION = re.compile(r"(?:\b[A-Z][A-Za-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z]|\bNo|\bSt)$")


def sentence_break(text: str, start: int, end: int) -> bool:
    """Does a sentence end inside text[start:end]? Titles and initials ("Mr.", "U.S.") do not end one."""
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] != "." or not _ABBREVIATION.search(text, max(start, m.start() - 8), m.start()):
            return True
    return False


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


#: Characters the parser misreads, each as the one it reads well: the horizontal bar "―" (U+2015), which some
#: publishers set for an aside ("… made public ― Trump boasted"), is otherwise parsed as a word, a verb or a noun, and
#: the sentence's parse with it. (A no-break space, also read as a token of its own, was measured and left: a wash on
#: both halves of PolNeAR dev, and the cue model learned its weights on parses that keep it.)
_MISREAD = str.maketrans({"\u2015": "\u2014"})


def plain_characters(text: str) -> str:
    """The text with the characters the parser misreads (`_MISREAD`) written as those it reads well; one character
    for one, so that offsets stay those of the original."""
    return text.translate(_MISREAD)


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


# Not frozen: a paragraph is filled in as the finder goes (its parse, a quote found to run on), never passed on.
@dataclass(slots=True)
class Paragraph:
    """A paragraph being read: its offsets, its story, its quotations and, once parsed, its parse."""

    start: int
    end: int
    story: int
    quotes: list[Marked]
    story_start: int = 0
    doc: Doc | None = None
    #: Where the line begins; `start` is after a dateline ("KYIV, Ukraine (AP) —") opening it, so that
    #: neither the parse nor any span takes the dateline for words or a speaker.
    line_start: int = -1


def quote_kind(text: str, para: Paragraph, q: Marked) -> QuoteKind:
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


#: Words a title leaves in lower case ("Meet the Press", "Orange is the New Black").
_TITLE_SMALL = frozenset("a an the of and or in on to for at with by from as is are be but not vs".split())
#: What names the work a title belongs to when written right before its opening mark: a possessive ("ABC’s
#: “This Week”", "television’s “Scandal”"), "on" ('said on “Meet the Press”') or a markup attribute ('author="@…"').
#: Not "of": 'proclaimed a goal of "Peace Through Strength"' quotes a slogan as what was proclaimed.
_BEFORE_TITLE = re.compile(r"(?:\w[’']s|s[’']|\bon|=)\s*$", re.IGNORECASE)


def names_a_work(text: str, para: Paragraph, q: Marked) -> bool:
    """Is the quotation the title of a show, publication or campaign rather than anyone's words? Its words are in
    title case (at most eight, every word capitalised but a title's small words) and what precedes the opening mark
    is a possessive, "on" or a markup attribute: "on Fox News’s “Fox and Friends”" names where it was said. A slogan
    after its speaker's possessive ("Trump’s “Make America Great Again”") reads the same and is lost: on PolNeAR
    train, markup aside, 69 such quotations lie in no annotated content and 13 in one. In a headline, where every
    word is capitalised, title case tells nothing and the rule stays off."""
    if q.open is None or any(c in "!?" for c in text[q.start:q.end]):
        return False  # "chants of “Ted! Ted!”": a cry, not a name
    words = re.findall(r"[^\W\d_][\w’'&-]*|\d+", text[q.start:q.end])
    if not words or len(words) > 8 or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    if not all(_title_word(w) for w in words) or _BEFORE_TITLE.search(text, max(0, q.open - 12), q.open) is None:
        return False
    around = re.findall(r"[^\W\d_][\w’'-]*", text[para.start:q.open] + " " + text[q.end:para.end])
    long_words = [w for w in around if len(w) > 3]
    return not long_words or sum(w[:1].isupper() for w in long_words) <= 0.6 * len(long_words)


def quoted_heading(text: str, para: Paragraph, q: Marked) -> bool:
    """Is the quotation a section heading: a paragraph of its own, two to ten words in title case ("'Legend in the
    Coal Fields.'")? A page's subhead, however quoted, is no one's words at that place; on all of PolNeAR train and
    dev, none of the five such lines is annotated content."""
    if q.open is None or len(para.quotes) != 1 or text[para.start:q.open].strip():
        return False
    if text[(q.close if q.close is not None else q.end) + 1:para.end].strip(" .\n\xa0"):
        return False
    words = re.findall(r"[^\W\d_][\w’'&-]*|\d+", text[q.start:q.end])
    return 2 <= len(words) <= 10 and all(_title_word(w) for w in words) and any(w[:1].isupper() for w in words[1:])


def _title_word(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in _TITLE_SMALL


#: A quotation signed off with a dash and a name ending the paragraph: “…” ― Esther Tapia (vox pops, letters).
_SIGN_OFF = re.compile(r"\s*(―|—|–|--)\s*((?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*){0,4})\s*\.?\s*$")


def sign_off(text: str, para: Paragraph, q: Marked) -> tuple[tuple[int, int], tuple[int, int]] | None:
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


# ---------------------------------------------------------------- span arithmetic
def mostly_inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) mostly inside the spans?"""
    return covered_length(spans, start, end) > 0.5 * (end - start)


def inside_any(spans: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    """Is [start, end) (one character when `end` is None) within one of the spans, give or take its last mark?"""
    end = start + 1 if end is None else end
    return any(s <= start and end <= e + 1 for s, e in spans)


def covered_length(spans: Iterable[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of [start, end) the spans cover, overlaps counted once."""
    total, reach = 0, start
    for lo, hi in sorted((max(s, start), min(e, end)) for s, e in spans if e > start and s < end):
        lo = max(lo, reach)
        if hi > lo:
            total += hi - lo
            reach = hi
    return total

