"""truncation: the shapes of a paragraph whose end a republisher cut off, read from its last sentence.

A paragraph that stops without closing punctuation is caught in `newsdesk.analysis.clean`. This
module reads the other common shape of a cut: the excerpt convention of feeds, aggregators and
CMS teasers, which stop a story mid-sentence and mark the cut with an ellipsis ("… which…",
"rushed for 226 yards...", "[…]"). An ellipsis a writer chose looks different, and is left alone:

* speech trailing off closes its quotation after the ellipsis ("…I just don't know…”");
* a quotation running on over paragraphs is reopened by the next paragraph, so an ellipsis in an
  open quotation there is the speaker pausing, not the page cutting;
* a speaker trailing off into the next paragraph, which goes on with the sentence: it opens in lower
  case or on a coordinating conjunction ("… leave the cities ..." / "And we heard the promise…");
* an ellipsis after a sentence's own full stop, question or exclamation mark ("It ended. …") is
  no word cut short.

A cut paragraph with no ellipsis is short and unpunctuated, so it can look like a title or a link to
another story; `runs_as_sentence` reads the grammar that tells a running sentence from headline-ese.
The other way round, a title, standfirst or teaser left among the paragraphs stops without a full
stop too: `reads_as_title` tells it from a cut sentence, which stops on a word that leaves its phrase
open ("… the plant would be") or on a piece of a word ("… this season, fol").
And a page with one paragraph a line that glues a title to a cut paragraph opening in lower case
holds the cut inside one block: `glued_cut_starts` finds it.
"""

from __future__ import annotations

import itertools
import re

from newsdesk.analysis.line_model import word_class
from newsdesk.analysis.line_shapes import FINITE_AUXILIARIES, SENTENCE_END, WORD, headline_like

#: An ellipsis ending the text (three dots or more, the one character, either one bracketed the way
#: excerpts print it), right after a word; what comes after it may only be white space.
_TRAILING_ELLIPSIS = re.compile(r"(?P<word>[\w’'%-]*\w)\s?(?:\.{3,}|…|\s*\[\s*(?:…|\.{3})\s*\])\s*$")


#: Coordinating conjunctions: a paragraph opening on one carries on the sentence before it.
_COORDINATORS = frozenset("and but or nor so yet".split())


def ellipsis_cut(text: str, quotation_continues: bool = False, next_text: str = "") -> int | None:
    """Where the last word before a closing ellipsis starts, when the ellipsis marks a cut; else None.

    `quotation_continues`: the next paragraph opens with a quotation mark (a quotation running on);
    `next_text`: the body paragraph right after this one, with nothing between them ("" if none)."""
    m = _TRAILING_ELLIPSIS.search(text)
    if m is None or carries_on(next_text):
        return None
    if quotation_continues and _quotation_open(text[:m.start("word")]):
        return None  # a speaker pausing inside a quotation that the next paragraph carries on
    return m.start("word")


def _quotation_open(text: str) -> bool:
    """Whether a double quotation opened in `text` is still open at its end (curly or straight marks)."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    return curly > 0 or straight == 1


def carries_on(text: str) -> bool:
    """Whether a paragraph goes on with the sentence before it: it opens in lower case or on a
    coordinating conjunction."""
    words = text.lstrip("\"'“‘([ ").split(maxsplit=1)
    if not words:
        return False
    first = words[0]
    return first[0].islower() or first.strip(",").casefold() in _COORDINATORS


#: Subject pronouns: a title drops them ("Charged with manslaughter"), a sentence opens on them.
_SUBJECT_PRONOUNS = frozenset("i he she it we they".split())

#: Participles that work as prepositions: they need the words after them ("according [to]",
#: "concerning [the]"), so a line that ends on one is a sentence cut off. A closed class.
_PARTICIPLE_PREPOSITIONS = frozenset("according concerning regarding including excluding involving".split())

#: The verb forms an auxiliary chains to ("has been charged", "are also holding", "was stopped").
_VERB_FORM = re.compile(r"^(?:been|being|\w{2,}(?:ing|ed|en))$")

#: Adverbs that stand between an auxiliary and its verb ("are also holding", "has not been").
_MID_ADVERBS = frozenset("also not never still now already just even only again".split())


def runs_as_sentence(line: str) -> bool:
    """Whether a line without closing punctuation is written as a running sentence, not as a title:
    it opens on a subject pronoun ("He has been charged …"), splits a verb group with an
    adverb ("are also holding"), or ends on a preposition that needs its object ("…, according")."""
    words = [w.casefold() for w in WORD.findall(line)]
    if len(words) < 2:
        return False
    if words[-1] in _PARTICIPLE_PREPOSITIONS:
        return True
    if words[0] in _SUBJECT_PRONOUNS and line.lstrip("\"'“‘( ")[:1].isupper() and WORD.findall(line)[1][:1].islower():
        return True  # "He has been charged …", "She died peacefully …": a title names its subject
    # A verb group with an adverb inside it: headlines and standfirsts keep an auxiliary now and
    # then ("… why the army has stalled"), hardly ever one split by an adverb.
    return any(word in FINITE_AUXILIARIES and words[at + 1] in _MID_ADVERBS and _VERB_FORM.match(words[at + 2])
               for at, word in enumerate(words[:-2]))


#: A line of a page with one paragraph a line is long; a hard-wrapped page's lines are at most this long.
_WRAPPED_LINE_CHARS = 110


#: How much longer than a wrapped paragraph's line the next one may run where the page wraps raggedly (a word or
#: two, as a proportional font or hand-broken lines leave them).
_RAGGED_WRAP_CHARS = 20


def glued_cut_starts(text: str, max_title_words: int = 20) -> list[int]:
    """Where a line opening in lower case starts, inside one block, right under a title-like line: a
    title glued to a paragraph whose first words were cut ("Colts win again\nhelped inspire the …").

    Only where the two lines cannot be one paragraph wrapped at a width: the line is longer than a
    hard-wrapped page's lines, or so much longer than the title line that its first word would have fitted
    on that line, ragged wrapping allowed for (a wrapped paragraph goes on in lower case under any line, a
    title among them)."""
    out = []
    pos = 0
    lines = text.split("\n")
    for line, following in itertools.pairwise(lines):
        pos += len(line) + 1
        opening = following.lstrip()
        title = line.strip()
        first_word = opening.split(maxsplit=1)[0] if opening else ""
        unwrapped = len(opening) > _WRAPPED_LINE_CHARS or (
            len(opening) > len(title) + 1 + len(first_word) + _RAGGED_WRAP_CHARS)
        if (opening[:1].islower() and unwrapped and len(title) <= _WRAPPED_LINE_CHARS
                and headline_like(line, max_title_words)):
            out.append(pos + len(following) - len(opening))
    return out


#: Words a title hardly ends on: articles, determiners, prepositions, conjunctions, auxiliaries,
#: possessives leave their phrase open; a personal pronoun or a particle ends a clause, not a title's
#: noun phrase ("… public opinion it", "… massive Internet out"). Closed classes.
_OPEN_ENDINGS = frozenset("""
    i you he she it we they me him us them
    out up off down back away
    a an the this that these those their its his her our your my some any every each no
    of in on at to for from with by about into onto over under between among through during after before
    against without within across toward towards than as like via per
    and or but nor so yet because although though while whereas if unless until since when where which who
    whom whose whether
    be been being am is are was were do does did has have had will would can could shall should may might must
""".split())

#: Longest line (in words) read as a title or standfirst rather than a paragraph cut off.
_TITLE_MAX_WORDS = 20


def _whole_word(word: str) -> bool:
    """Whether a line's last word is a whole word, not a piece cut off: an English noun or verb (its
    plural, third person or past in -ed too), or a capitalised name of four letters or more."""
    if word[:1].isupper() and len(word) >= 4:
        return True
    low = word.casefold()
    forms = {low, low.removesuffix("s"), low.removesuffix("es"), low.removesuffix("ed"), low.removesuffix("d")}
    if low.endswith("ies"):
        forms.add(low[:-3] + "y")
    return any(word_class(form) != "other" for form in forms if form)


def reads_as_title(line: str) -> bool:
    """Whether a line without closing punctuation is a whole title, standfirst or teaser, not a sentence
    cut off: one sentence of at most `_TITLE_MAX_WORDS` words, opening in capitals, that stops on a whole
    word that can end a phrase and does not run on as a sentence (`runs_as_sentence`)."""
    stripped = line.strip()
    words = WORD.findall(stripped)
    if not words or len(words) > _TITLE_MAX_WORDS or SENTENCE_END.search(stripped):
        return False
    last = words[-1]
    return (stripped.lstrip("\"'“‘(•-– ")[:1].isupper() and last.casefold() not in _OPEN_ENDINGS
            and _whole_word(last) and not runs_as_sentence(stripped))
