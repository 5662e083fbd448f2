"""times.tense: whether the words around a time expression speak of the past or the future (`read_tense`),
from cue words read in a window either side; a bare weekday, month or season takes its year or week from it.

A cue is read with its grammar, not as a bare word: a participle after a present or future "be" is a
passive that speaks of what is scheduled, no past ("the case is heard in May", "would be paid in
January"); an "-ed" word after a determiner (and an adverb) is an adjective ("a still unspecified date"); a
past verb followed by a word of intent is a plan only after "was"/"were" ("was expected to", not
"announced plans to"); "through" after another time expression ends a range ("this year through August"),
it sets no deadline.
"""

from __future__ import annotations

import re

from newsdesk.analysis.times.patterns import MONTH

# Tense cues, read in a window around a bare weekday or month (nearest cue wins).
_FUTURE = frozenset("will 'll shall plans plan planning planned scheduled expected expects due intends intend "
                    "aims hopes going upcoming would could might slated intended effective".split())
_PAST = frozenset("said was were had did told announced reported added noted earlier ago last ended began came "
                  "went got made took gave met held left saw spoke wrote broke fell rose won lost sent "
                  "shot hit struck built brought bought sold paid ran led fought kept found became "
                  "thought felt heard meant".split())
#: Present-tense verbs that, just before a weekday after their subject, speak of a coming day.
_PRESENT_VERBS = frozenset("meets visits travels arrives begins starts opens resumes holds leaves returns heads "
                           "goes votes faces hosts addresses flies unveils announces meet visit travel arrive begin "
                           "start open resume hold leave return head go vote face host fly unveil ends closes expires "
                           "concludes end close expire conclude".split())
_SUBJECTS = frozenset("he she it they we i who which that".split())
_DEADLINE = re.compile(r"\b(?:by|until|till|through|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|"
                       r"starting|beginning|ahead\s+of(?:\s+the)?)\s+(?:on\s+|early\s+|late\s+|mid-)?$")
_NOT_VERB_ED = frozenset("need speed indeed red bed hundred seed feed bled shed wed fed united based "
                         "armed related alleged detailed limited supposed so-called".split())
_DETERMINERS = frozenset("a an the this that its his her their our your".split())
#: A word (not ending in an apostrophe, so "said''" is "said"), or a sentence end or a quotation mark,
#: including the doubled '' and `` of wire copy.
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?|''|``|[.!?;\"“”]")
#: Tokens that end the stretch of words whose tense an expression shares.
_BREAKS = frozenset(['.', '!', '?', ';', '"', '“', '”', "''", "``"])


#: A time expression just before "through" makes what follows the end of a range, not a deadline.
_RANGE_START = re.compile(rf"(?i:\b(?:year|month|week|quarter|\d{{4}})|{MONTH})\s*$")
#: "since" looks back: what follows it has already happened.
_SINCE = re.compile(r"\bsince\b[^.;!?\n]{0,25}$")
#: A past perfect right after the expression and its subject ("Until Thursday, the police had not ...").
_HAD_AFTER = re.compile(r",?\s+(?:[\w'’.-]+\s+){0,2}had\b")
#: A past perfect in the clause before a deadline ("had filed reports by Wednesday"): the limit has passed.
_HAD_BEFORE = re.compile(r"\bhad\s+(?:not\s+|already\s+|n['’]t\s+)?\w+ed\b[^.;!?\n\"“”]{0,40}$", re.IGNORECASE)
#: Words that, followed by "to", speak of what is to come ("set to resume Monday", "is to meet").
_BE_TO = frozenset("set is are due".split())
#: Past forms of "be", which with a word of intent after them speak of a plan ("was expected to").
_BE_PAST = frozenset("was were".split())
#: Past verbs of commitment: with "to" after them, what follows is an act still to come ("agreed to sell").
_COMMITTED = frozenset("agreed decided promised pledged vowed voted offered threatened".split())
#: Present forms of "be": a participle after them is a present passive, no past.
_BE_PRESENT = frozenset("is are am being".split())
#: Words before "be" that make a participle after it a future or unreal passive ("would be paid", "may be
#: heard"); not "could", the past of "can" ("could be located Wednesday").
_WILL = frozenset("will would shall to 'll may might can should must".split())
#: Adverbs that may stand between a determiner and an adjective in "-ed" ("a still unspecified date").
_ADVERBS = frozenset("still yet as so very not newly recently".split())


def read_tense(text: str, start: int, end: int, window: int) -> str | None:
    """`past`, `future` or None, from the words around the expression (the nearest tense cue wins)."""
    head = text[max(0, start - 40):start].lower()
    deadline = _DEADLINE.search(head)
    if deadline and _RANGE_START.search(head, 0, deadline.start()):
        deadline = None  # "this year through August", "from May through July": a range's end, no deadline
    if deadline:
        # "Until Thursday, police had not named him": a limit told in the past perfect has passed.
        if deadline.group(0).lower().startswith(("until", "till")) and _HAD_AFTER.match(text, end):
            return "past"
        if _HAD_BEFORE.search(text, max(0, start - 90), start - len(deadline.group(0))):
            return "past"  # "two members had filed reports by Wednesday"
        return "future"  # "by May", "until Tuesday", "as soon as Monday"
    if _SINCE.search(head):
        return "past"  # "since March", "since the Oct. 23 slaying"
    if re.match(r"['’]s\b", text[end:end + 3]) or text[end - 2:end] in ("'s", "’s"):
        return "past"  # "Wednesday's ruling": a weekday naming an event's day is nearly always a past one
    width = 12 * window
    left = text[max(0, start - width):start]
    right = text[end:min(len(text), end + width)]
    nl = left.rfind("\n")  # stay inside the paragraph
    if nl >= 0:
        left = left[nl + 1:]
    nr = right.find("\n")
    if nr >= 0:
        right = right[:nr]
    before = _WORD.findall(left)[::-1][: window]
    after = _WORD.findall(right)[: window]
    best: tuple[int, str] | None = None
    for side, words in ((0, before), (1, after)):
        for dist, w in enumerate(words):
            if w in _BREAKS:
                break  # a sentence end or a quotation: its tense is not the expression's
            kind = _cue(words, side, dist)
            if kind is not None:
                score = dist * 2 + side  # nearest first; before wins a tie
                if best is None or score < best[0]:
                    best = (score, kind)
                break
    return best[1] if best else None


def adjacent_past(text: str, start: int) -> bool:
    """Whether a past verb governs the expression right before it, alone or through "on" or "in" ("met on
    3 June", "the quarter ended July 31", "resumed in January"): a cue too close to belong to another
    clause, so the day or month it dates has come, unlike a cue read further off ("declared a dividend,
    payable Dec. 7")."""
    words = _WORD.findall(text[max(0, start - 40):start])[::-1][:4]
    dist = 1 if words and words[0].lower() in ("on", "in") else 0
    return len(words) > dist and words[dist] not in _BREAKS and _cue(words, 0, dist) == "past"


def _noun_phrase_subject(words: list[str], at: int) -> bool:
    """Whether words[at] (words before the expression, reversed) ends a noun phrase that a determiner opens
    within two words ("the summit", "the two-day summit"): the subject of a present verb after it."""
    if words[at].lower() in _DETERMINERS or words[at] in _BREAKS:
        return False
    for back in (1, 2):
        w = words[at + back].lower() if at + back < len(words) else ""
        if w in _DETERMINERS:
            return True
        if w in _BREAKS or not w:
            return False
    return False


def _preceding(words: list[str], side: int, dist: int, back: int = 1) -> str:
    """The word `back` places before words[dist] in text order (words before the expression are reversed)."""
    at = dist + back if side == 0 else dist - back
    return words[at].lower() if 0 <= at < len(words) else ""


def _cue(words: list[str], side: int, dist: int) -> str | None:
    """The tense words[dist] speaks of (`past`, `future`), or None when it is no tense cue."""
    w = words[dist]
    low = w.lower()
    following = (words[dist - 1] if dist else "") if side == 0 else (words[dist + 1] if dist + 1 < len(words) else "")
    if low in _FUTURE or low.endswith("'ll") or (low in _BE_TO and following.lower() == "to"):
        # "had been scheduled to expire Friday": a plan told in the past perfect has come and gone.
        earlier = words[dist + 1:dist + 3] if side == 0 else words[max(0, dist - 2):dist]
        return "past" if any(x.lower() == "had" for x in earlier) else "future"
    past = low in _PAST
    if not past and low.endswith("ed") and len(low) > 4 and low not in _NOT_VERB_ED:
        # "-ed" after a determiner (and an adverb) is an adjective ("a revitalized grouping", "a still
        # unspecified date"), not a past verb.
        neighbour = _preceding(words, side, dist)
        adverb = neighbour.endswith("ly") or neighbour in _ADVERBS
        past = neighbour not in _DETERMINERS and not (adverb and _preceding(words, side, dist, 2) in _DETERMINERS)
    if past:
        be = _preceding(words, side, dist)
        if be in _BE_PRESENT or (be == "be" and _preceding(words, side, dist, 2) in _WILL):
            # A present or future passive with a time ("when the case is heard in May", "would be paid in
            # January") speaks of what is scheduled: the present simple of a timetable is a future.
            return "future"
        if side == 1 and low in _BE_PAST and following.lower() in _FUTURE:
            return "future"  # "were planning to", "was expected to" (not "announced plans to")
        if side == 0 and low in _COMMITTED and following.lower() == "to":
            # "agreed to buy the line in February": the time belongs to the act agreed on, which comes
            # after the agreement, not to the agreement itself
            return "future"
        return "past"
    # the verb right before, or before its adverb or a preposition ("opens Monday", "starts in November")
    linked = dist == 0 or (dist == 1 and (words[0].lower().endswith("ly") or words[0].lower() in ("on", "in")))
    if (side == 0 and linked
            and low in _PRESENT_VERBS and len(words) > dist + 1
            and (words[dist + 1].lower() in _SUBJECTS or words[dist + 1][:1].isupper()
                 or _noun_phrase_subject(words, dist + 1))):
        # "when he meets Tuesday", "Arafat meet separately Monday": a present-tense verb
        # (with its adverb) speaks of the coming day
        return "future"
    return None
