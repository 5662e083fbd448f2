"""times.tense: whether the words around a time expression speak of the past or the future (`read_tense`),
from cue words read in a window either side; a bare weekday, month or season takes its year or week from it.
"""

from __future__ import annotations

import re

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
                           "start open resume hold leave return head go vote face host fly unveil".split())
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


#: "since" looks back: what follows it has already happened.
_SINCE = re.compile(r"\bsince\b[^.;!?\n]{0,25}$")
#: A past perfect right after the expression and its subject ("Until Thursday, the police had not ...").
_HAD_AFTER = re.compile(r",?\s+(?:[\w'’.-]+\s+){0,2}had\b")
#: A past perfect in the clause before a deadline ("had filed reports by Wednesday"): the limit has passed.
_HAD_BEFORE = re.compile(r"\bhad\s+(?:not\s+|already\s+|n['’]t\s+)?\w+ed\b[^.;!?\n\"“”]{0,40}$", re.IGNORECASE)
#: Words that, followed by "to", speak of what is to come ("set to resume Monday", "is to meet").
_BE_TO = frozenset("set is are due".split())


def read_tense(text: str, start: int, end: int, window: int) -> str | None:
    """`past`, `future` or None, from the words around the expression (the nearest tense cue wins)."""
    head = text[max(0, start - 40):start].lower()
    deadline = _DEADLINE.search(head)
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
            low = w.lower()
            kind = None
            following = (words[dist - 1] if dist else "") if side == 0 else (
                words[dist + 1] if dist + 1 < len(words) else "")
            if low in _FUTURE or low.endswith("'ll") or (low in _BE_TO and following.lower() == "to"):
                kind = "future"
                # "had been scheduled to expire Friday": a plan told in the past perfect has come and gone.
                earlier = words[dist + 1:dist + 3] if side == 0 else words[max(0, dist - 2):dist]
                if any(x.lower() == "had" for x in earlier):
                    kind = "past"
            elif low in _PAST:
                kind = "past"
                if side == 1 and dist + 1 < len(words) and words[dist + 1].lower() in _FUTURE:
                    kind = "future"  # "were planning to", "was expected to"
            elif low.endswith("ed") and len(low) > 4 and low not in _NOT_VERB_ED:
                # "-ed" after a determiner is an adjective ("a revitalized grouping"), not a past verb.
                neighbour = (words[dist + 1] if side == 0 and dist + 1 < len(words)
                             else (words[dist - 1] if dist else "")).lower()
                if neighbour not in _DETERMINERS:
                    kind = "past"
            elif (side == 0 and (dist == 0 or (dist == 1 and words[0].lower().endswith("ly")))
                  and low in _PRESENT_VERBS and len(words) > dist + 1
                  and (words[dist + 1].lower() in _SUBJECTS or words[dist + 1][:1].isupper())):
                # "when he meets Tuesday", "Arafat meet separately Monday": a present-tense verb
                # (with its adverb) speaks of the coming day
                kind = "future"
            if kind is not None:
                score = dist * 2 + side  # nearest first; before wins a tie
                if best is None or score < best[0]:
                    best = (score, kind)
                break
    return best[1] if best else None
