"""claims.nouns: what a figure counts — the head of the short noun phrase after it (`counted_noun`: "Ukrainian
soldiers", "aid workers", "thousands of troops"), read by shape without a tagger, and whether a word is a
plural (`is_plural`).
"""

from __future__ import annotations

import re

from newsdesk.analysis.claims.words import NUMBER_WORD, PERSON_UNITS

#: Measures that head what a figure counts ("1.2 km long": "km", not "long").
_MEASURES = frozenset("km kilometre kilometres kilometer kilometers kg kilo kilos kilogram kilograms cm mm m metre "
                      "metres meter meters mile miles ft feet foot inch inches yard yards mph kph tonne tonnes ton "
                      "tons lb lbs ounce ounces oz litre litres liter liters gallon gallons hectare hectares acre "
                      "acres".split())
#: Words that end the noun phrase after a figure: function words, auxiliaries, common verbs, adverbs.
_STOP = frozenset(
    "a an the this that these those it its their his her our my your of in on at by for to from with without into "
    "onto over under about across after before since during until than as and or but nor so yet if while when where "
    "who whom whose which what why how is are was were be been being am has have had do does did will would shall "
    "should can could may might must not no also only just still even already ago away later earlier back too very "
    "more most less least each apiece total altogether alone there here then now say says said told tell "
    "die dies died kill kills killed wound wounded flee fled remain remained remain live lived left leave leaves "
    "according per every daily weekly monthly yearly annually hourly up down out off own against among between "
    "through per cent percent he she they we you i them us him thought believed feared estimated expected reported "
    "behind ahead home inside outside overnight today yesterday tonight abroad".split())
#: Words run together where a page lost its layout ("refugeesRead more").
_GLUED = re.compile(r"[a-z][A-Z]")
#: A model number inside the name of what is counted ("Challenger 2", "Leopard 2A6").
_MODEL = re.compile(r"\d+[A-Za-z]{0,3}\d*(?=[ \t\u00a0]+[A-Za-z])")
_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[A-Za-z0-9][\w'’]*)*")


def counted_noun(text: str, pos: int, of_only: bool = False) -> tuple[str | None, int]:
    """The noun a figure counts: the head of the short noun phrase after it ("Ukrainian soldiers",
    "aid workers", "F-16 jets"), after "of" for vague or scaled amounts ("thousands of troops").

    Without a tagger the phrase is read by shape: it ends at a function word or common verb
    (`_STOP`), or right after a plural ("people", "soldiers"), because a plural noun is the head and
    what follows it is the verb ("100 people need help"). A singular lowercase word may be a noun
    modifier ("crew members"), so the phrase goes on after it. Words ending in -ed/-ing/-ly can be
    inside the phrase ("armed men") but never its head ("remaining", "killed")."""
    m = re.match(r"\s+of\s+(?:the\s+)?", text[pos:pos + 12])
    if m is not None:
        pos += m.end()
    elif of_only:
        return None, pos
    words: list[tuple[str, int]] = []
    cur = pos
    for _ in range(4):
        gap = re.match(r"[ \t\u00a0]*" if m is not None and not words else r"[ \t\u00a0]+", text[cur:cur + 4])
        if gap is None:
            break
        w = _WORD.match(text, cur + gap.end())
        if w is None and words and words[-1][0][0].isupper():
            # "14 Challenger 2 tanks", "two Leopard 2A6 tanks": a model number inside the name of what is counted
            model = _MODEL.match(text, cur + gap.end())
            if model is not None:
                cur = model.end()
                continue
        if w is None or w.group().lower() in _STOP or NUMBER_WORD.fullmatch(w.group()):
            break
        if w.group().lower() in _MEASURES:  # "1.2 km long", "120 km/h": the measure is the unit
            per_hour = re.match(r"/h(?:r|our)?\b", text[w.end():w.end() + 6])
            if per_hour is not None:
                words.append((w.group() + "/h", w.end() + per_hour.end()))
            else:
                words.append((w.group(), w.end()))
            break
        if words and words[-1][0].lower().endswith(("ed", "ing", "ly")) and not is_plural(w.group()):
            break  # "300 stayed behind": the -ed word was the verb, not an adjective of a noun ("armed men")
        glued = _GLUED.search(w.group())
        if glued is not None:  # "refugeesRead more": words run together where a page lost its layout
            words.append((w.group()[:glued.start() + 1], w.start() + glued.start() + 1))
            break
        words.append((w.group(), w.end()))
        cur = w.end()
        if is_plural(w.group()):
            break
    while words and words[-1][0].lower().endswith(("ed", "ing", "ly")):
        words.pop()
    if not words:
        return None, pos
    return words[-1][0], words[-1][1]


def is_plural(word: str) -> bool:
    """Plural by shape. Capitalised words ending in -s are names ("Abrams") unless they end like a
    people's name ("Ukrainians", "Britons" does not: it then heads the phrase only by ending it)."""
    low = word.lower()
    if low in PERSON_UNITS:
        return True
    if word[0].isupper():
        return low.endswith(("ans", "ians", "ers", "ites", "ists"))
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2

