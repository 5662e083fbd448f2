"""claims.atoms: the numbers on a page as written (`find_atoms`) — numerals ("100,000", "1.5", "3bn"), runs
of number words ("three hundred and forty", converted with `text2num`), vague amounts ("dozens", "tens of
thousands") and shares ("a third") — and the rules that tell the numbers that are no claim (`is_figure`:
dates, times, years, ages, ordinals, phone and street numbers, numbers inside names, page furniture) and
the lists of numbers (`listed_atoms`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from text_to_num import text2num

from newsdesk.analysis.claims.nouns import counted_noun, is_plural
from newsdesk.analysis.claims.page import PageIndex
from newsdesk.analysis.claims.words import (
    BEFORE_CHARS,
    BOUND_BEFORE,
    CURRENCY_BEFORE,
    FEW_BEFORE,
    FRACTIONS,
    MONTHS,
    NEAR_CHARS,
    NUMBER_WORD,
    PERCENT_AFTER,
    SCALE_WORDS,
    WEEKDAYS,
)

#: Glued or spaced abbreviations of scales as news styles write them ("3bn", "€40m", "5 mln").
_SCALE_ABBR = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
#: Vague plurals and the least they can mean (the convention is in `claims.finder`'s docstring).
_VAGUE = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0, "millions": 2e6,
          "billions": 2e9, "tens of thousands": 2e4, "hundreds of thousands": 2e5, "tens of millions": 2e7,
          "hundreds of millions": 2e8}

# One pattern for every atom: a numeral, a number word or a vague plural. Numerals refuse to start
# inside a word or right after "," "." ":" "/" "^" (the tail of "1,2345", "10:30", "3/4", "10^400")
# or after "letter-" ("COVID-19", "F-16": numbers inside names).
ATOM = re.compile(
    # "a third", "one quarter", "half" (of something, or ending a clause) are shares; "half a percentage
    # point" is a figure. "a third storm", "half an hour" are neither.
    # The numeral comes first and the fractions open on a one-letter test: most positions fail at once.
    r"(?P<num>(?<![\w,.:/^])(?<![A-Za-z]-)(?<!\d\()\d[\d,]*(?:\.\d+)?)"
    r"|(?P<frac>(?=[aoh])\b(?:(?:a|one)\s+(?:third|quarter|fifth|tenth)|(?<!\ba\s)(?<!\band\s)half)"
    r"(?=\s+of\b|\s*[.,;:!?)]|\s*$))"
    r"|(?P<halfa>(?=h)\bhalf\s+an?(?=\s+percentage\s+points?\b))"
    r"|(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores(?=\s+of\b)|hundreds|thousands"
    r"|millions"
    r"|billions)\b)"
    r"|(?P<word>" + NUMBER_WORD.pattern + r")",
    re.IGNORECASE,
)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

# --- what follows an atom (matched at the atom's end with `.match(text, pos)`: no slicing, O(1))
_SCALE_AFTER = re.compile(r"(?P<sp>\s?)(?P<s>thousand|million|billion|trillion|bn|mn|mln|tn|trn|k|m|b)\b",
                          re.IGNORECASE)
#: Measures written glued to the number ("12km", "8kg", "41.2C"): the unit the figure counts.
_GLUED_UNIT = re.compile(r"(?P<u>km/h|km|kg|cm|mm|mph|kph|ml|mg|lbs?|ft|°[CF]|[CF])(?![\w/])")
#: A bare "C"/"F" is degrees only where the sentence talks of heat; elsewhere it is a name ("Group C").
_HEAT_CUE = re.compile(r"(?i:temperat\w*|degrees|heat\w*|warm\w*|hot\w*|cold\w*|°|thermometer)")
#: "212p": pence glued to a share price or a sum in pounds.
_PENCE_CUE = re.compile(r"£|\b(?:shares?|pence|price[sd]?|stock|pay|cost)\b", re.IGNORECASE)
#: Dates ("22 May", "May 22"), times ("10:30", "9 pm", "1800 GMT") and ages ("45-year-old") after an atom.
_NOT_AFTER = re.compile(
    r"(?:\s*(?:st|nd|rd|th)\b)?\s*(?:of\s+)?" + MONTHS + r"\b\.?(?!\w)"  # "22 May", "22nd of May"
    r"|:\d|\^"  # "10:30", "10^400"
    r"|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|hrs\b|local time\b)"
    r"|-years?-old\b|\s+years?\s+old\b|-year-olds?\b"
    r"|(?:\s+[A-Z][\w'’.-]*){1,3}\s+(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Boulevard|Blvd\.?|Drive|Way"
    r"|Place|Square|Court|Terrace)\b",  # street numbers: "10 Downing Street"
)

_CLOCK_STAMP = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d(?=\s*$|\s*(?:GMT|BST|UTC|CET)?\s*\n|\s*[A-Z“\"])",
                          re.MULTILINE)

# --- what stands before an atom (searched in a short window that ends at the atom: O(1))
_NOT_BEFORE = re.compile(
    r"(?-i:\b" + MONTHS + r"\.?|\b" + WEEKDAYS + r",?)\s*$"  # "May 22", "Feb. 24" (capitalised: "may" is a verb)
    r"|\b(?:aged|age|ages|aged\s+between)\s+$"  # ages
    r"|(?:\bNo\.|#|\bnumber|\bpage|\bphoto|\bimage|\bpicture|\bslide|\bvideo|\bpart|\bchapter|\bepisode|\bstep"
    r"|\bseason|\bissue|\bvol\.|\bvolume|\bsection|\bpp?\.|\barticle|\bclause|\bparagraph|\bresolution"
    r"|\bwar|\bjunctions?|\brunways?|\bplatforms?|\bgates?|\bflight|\broom|\bexit|\broutes?|\bbus|\bchannel"
    r"|\bfamily\s+of|\bhousehold\s+of)\s*$"
    # page furniture, references ("article 5", "junction 4", "runway 27"), "world war three", and the
    # size that describes who a claim is about ("a family of four pays"), not a figure of its own
    r"|\b(?:junctions?|runways?|platforms?|gates?|routes?|exits?)\s+\d+\s*(?:and|or|to|-|–)\s*$"  # "4 and 6"
    r"|\b(?:people|those|anyone|adults|children|men|women|everyone|patients|pupils|residents|drivers)\s+"
    r"(?:aged\s+)?(?:over|under|above|below)\s+$"  # "people over 70": an age group
    r"|\b(?:a|an)\s+\w+\s+or\s+$"  # "an hour or two", "a thing or two": idioms, not figures
    r"|\b(?:page|photo|image|picture|slide|part)\s+\d+\s+(?:of|/)\s*$",  # "Page 2 of 5", "photo 3/12"
    re.IGNORECASE,
)
_CAPITAL_BEFORE = re.compile(r"(?:^|(?P<lead>[.!?\"“”‘’(\n]\s*|\s))(?P<w>[A-Z][\w’'&-]*)\s$")
_BYLINE_AGE = re.compile(r"\b[A-Z][a-z]+,\s*$|\b[A-Z][a-z]+\s+\($")
_HAS_WORD = re.compile(r"[^\W\d_]|[#$€£¥₴₽]")
_HALF_BEFORE = re.compile(r"\bhalf\s+a\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Atom:
    """One number as written: `value` with its scale; `raw` before the scale; `end` after the scale."""

    start: int
    end: int
    value: float
    raw: float
    scaled: bool
    vague: bool
    word: bool
    #: "one": a figure only inside a range or a ratio ("one or two", "one in five"); alone it is mostly a
    #: pronoun or determiner ("one of the last cities", "one more bridge").
    weak: bool = False
    #: A fraction word ("a third", "half"): a share, given as a percentage.
    share: bool = False
    #: A measure glued to the numeral ("12km"), or a currency code when the numeral carries one ("212p").
    unit: str | None = None
    currency: str | None = None


def find_atoms(text: str, page: PageIndex, max_digits: int) -> list[Atom]:
    """The page's numbers in text order, leaving out those in removed text, phone numbers and web addresses;
    numerals with more than `max_digits` significant digits are identifiers, never a count."""
    atoms: list[Atom] = []
    words: list[tuple[int, int]] = []  # a run of number words waiting to be converted as one number

    def flush() -> None:
        if words:
            atoms.extend(_word_atoms(text, words))
            words.clear()

    consumed = 0  # where the last numeral's scale word ended ("1.5 million": "million" is taken)
    for m in ATOM.finditer(text):
        if m.start() < consumed:
            continue
        if m.lastgroup == "word":
            # Runs of number words ("three hundred and forty") are joined here rather than in the
            # pattern: a joined pattern with optional separators would backtrack on long runs.
            if words and _joins_words(text, words[-1][1], m.start()) and len(words) < 12:
                words.append((m.start(), m.end()))
                continue
            flush()
            words.append((m.start(), m.end()))
            continue
        flush()
        if m.lastgroup == "frac":
            head = m.group().split()[-1].lower()
            share = round(100 / FRACTIONS[head], 1)
            atoms.append(Atom(m.start(), m.end(), share, share, False, False, True, share=True))
            continue
        if m.lastgroup == "halfa":
            atoms.append(Atom(m.start(), m.end(), 0.5, 0.5, False, False, True))
            continue
        if m.lastgroup == "vague":
            phrase = re.sub(r"\s+", " ", m.group().lower())
            atoms.append(Atom(m.start(), m.end(), _VAGUE[phrase], _VAGUE[phrase], False, True, False))
            continue
        atom = _numeral(text, m.start(), m.end(), max_digits)
        if atom is not None:
            atoms.append(atom)
            consumed = atom.end
    flush()
    return [a for a in atoms if not page.in_noise(a.start, a.end) and not page.in_phone(a.start)
            and not page.in_url(a.start)]

def _numeral(text: str, start: int, end: int, max_digits: int) -> Atom | None:
    """A numeral's value, or None when it is no number a claim is made of."""
    grouped = _GROUPED.match(text, start, end)
    if grouped is None:
        return None
    end_num = grouped.end()
    rest = text[end_num:end]
    # "1,2,3,4" or "1,2345": digits left over after the grouping are a list or a malformed number.
    if rest.strip(",") or (end_num < len(text) - 1 and text[end_num] in ",." and text[end_num + 1].isdigit()):
        return None
    digits = grouped.group().replace(",", "")
    if len(digits.replace(".", "").lstrip("0")) > max_digits:
        return None  # identifiers, serial numbers, "10^400" written out: no count has that many digits
    raw = float(digits)
    value, pos, scaled = raw, end_num, False
    scale = _SCALE_AFTER.match(text, end_num)
    if scale is not None:
        word = scale.group("s").lower()
        if word in SCALE_WORDS:
            value, pos, scaled = raw * SCALE_WORDS[word], scale.end(), True
        elif word in _SCALE_ABBR and (word not in {"m", "b", "k"} or (
                not scale.group("sp") and CURRENCY_BEFORE.search(text, max(0, start - 4), start))):
            # "3bn", "40 mln" are unambiguous; a lone "m" or "k" is million/thousand only glued and
            # after a currency sign ("€40m"), otherwise it is more often metres or a model name.
            value, pos, scaled = raw * _SCALE_ABBR[word], scale.end(), True
        elif not scale.group("sp") and word == "m":
            if not is_plural(counted_noun(text, scale.end())[0] or "x"):
                return None  # "a 40m drop": metres, a measurement, not a claim
            value, pos, scaled = raw * 1e6, scale.end(), True  # "40m people": the Guardian's million
        elif not scale.group("sp"):
            return None  # "5k", "3b": glued letters we cannot read for sure
    elif pos < len(text) and (text[pos].isalpha() or text[pos] in "_°"):
        glued = _GLUED_UNIT.match(text, pos)
        if glued is not None and (len(glued.group("u")) > 1 or _HEAT_CUE.search(text, max(0, start - 60), start)):
            return Atom(start, glued.end(), value, raw, False, False, False, unit=glued.group("u").lstrip("°"))
        if text[pos] == "p" and not text[pos + 1:pos + 2].isalnum() and "." not in digits \
                and _PENCE_CUE.search(text, max(0, start - 80), start):
            return Atom(start, pos + 1, raw / 100, raw / 100, False, False, False, currency="GBP")  # "212p"
        return None  # glued letters: ordinals "3rd", names "A320"-tails, units we cannot read ("5x")
    if not math.isfinite(value):
        return None
    return Atom(start, pos, value, raw, scaled, False, False)

def _word_atoms(text: str, words: list[tuple[int, int]]) -> list[Atom]:
    """Number words → atoms: greedy longest runs that `text2num` accepts ("twenty fifteen" is two)."""
    out: list[Atom] = []
    i = 0
    while i < len(words):
        found = None
        for j in range(len(words), i, -1):
            phrase = re.sub(r"[\s-]+", " ", text[words[i][0]:words[j - 1][1]].lower())
            value = _words_value(phrase)
            if value is not None:
                found = (j, value, phrase)
                break
        if found is None:
            i += 1
            continue
        j, value, phrase = found
        start, end = words[i][0], words[j - 1][1]
        i = j
        weak = phrase in {"one", "zero"}
        # "a hundred", "a dozen", "half a million": the article is part of the number.
        if phrase.split()[0] in {"hundred", "thousand", "million", "billion", "trillion", "dozen"}:
            half = _HALF_BEFORE.search(text, max(0, start - BEFORE_CHARS), start)
            few = FEW_BEFORE.search(text, max(0, start - BEFORE_CHARS), start)
            if half is not None:
                start, value = half.start(), value / 2
            elif few is not None and few.group("f").lower() == "a":
                start = few.start()
        scaled = phrase.split()[-1] in SCALE_WORDS and phrase != "hundred"
        out.append(Atom(start, end, value, value, scaled, False, True, weak))
    return out

def is_figure(text: str, atom: Atom) -> bool:
    """False for the numbers that are no claim: each rule names what it keeps out."""
    if _NOT_AFTER.match(text, atom.end):
        return False  # a date, a time of day, an age, a list number or a street number
    if _CLOCK_STAMP.match(text, atom.start) and (atom.start == 0 or text[atom.start - 1] == "\n"):
        return False  # a live blog's timestamp opening a line: "13.44", "00:58Rescuers…"
    if atom.start >= 2 and text[atom.start - 1] in "-−" and text[atom.start - 2].isspace() and not atom.word:
        return False  # a negative number (a temperature, a score difference): no count is negative
    # The rules below read the words before the number; digit soup ("1-1-1-…") has none, and
    # skipping them there keeps a page of numbers fast.
    if not atom.word and _furniture_start(text, atom.start):
        return False
    before_start = max(0, atom.start - NEAR_CHARS)
    if not _HAS_WORD.search(text, before_start, atom.start):
        return atom.vague or atom.word or not _is_year(text, atom)
    if _NOT_BEFORE.search(text, before_start, atom.start):
        return False  # "May 22", ages, "page 3", "No. 10"
    if atom.vague:
        return True
    if _is_year(text, atom) and not CURRENCY_BEFORE.search(text, before_start, atom.start):
        return False  # a year ("in 2014", "the 2014 annexation"): counts this size are written "2,014"
    if not atom.word:
        cap = _CAPITAL_BEFORE.search(text, before_start, atom.start)
        if cap is not None and cap.group("lead") is not None and cap.group("lead").strip() == "" \
                and not BOUND_BEFORE.search(text, before_start, atom.start) \
                and cap.group("w").lower() not in {"some", "about", "around", "nearly", "almost", "over", "only",
                                                   "just", "between", "and", "to"} \
                and not CURRENCY_BEFORE.search(text, before_start, atom.start):
            # "Boeing 737", "Article 5", "Windows 10", "Route 66": a capitalised word right before a
            # numeral inside a sentence is a name the number belongs to. Sentence-initial words
            # ("Some 40 people") are exempt because capitals there say nothing.
            return False
        if atom.raw < 120 and _BYLINE_AGE.search(text, before_start, atom.start) \
                and re.match(r"\s*[,)]", text[atom.end:atom.end + 2]):
            return False  # "Jane Doe, 45, said": an age in a byline or an introduction
    return True


def _words_value(phrase: str) -> float | None:
    """A run of number words as a number, or None. `text2num` does the grammar; it lacks "dozen" and
    "trillion", which are taken here as a multiplier of a small head ("two dozen", "1.5 trillion")."""
    words = phrase.split()
    for word, mult, head_max in (("dozen", 12.0, 100.0), ("trillion", 1e12, 1000.0)):
        if word not in words:
            continue
        if words.count(word) > 1 or words[-1] != word:
            return None  # "two dozen dozen", "two trillion five billion": not a number we read
        if len(words) == 1:
            return mult
        head = _words_value(" ".join(words[:-1]))
        return None if head is None or head >= head_max else head * mult
    try:
        return float(text2num(phrase, "en"))
    except (ValueError, OverflowError):
        return None


def _is_year(text: str, atom: Atom) -> bool:
    """A bare four-digit whole number from 1800 to 2100 with no scale or percent sign."""
    return not atom.word and not atom.vague and not atom.scaled and atom.raw == int(atom.raw) \
        and 1800 <= atom.raw <= 2100 and "," not in text[atom.start:atom.end] \
        and not PERCENT_AFTER.match(text, atom.end)


def _joins_words(text: str, end: int, start: int) -> bool:
    """Two number words belong to one number when only a space or hyphen separates them, or " and "
    after a scale ("three hundred and forty"): "five and ten" are two numbers."""
    gap = text[end:start]
    if gap in {" ", "-", "\u00a0"}:
        return True
    return gap.lower() == " and " and text[max(0, end - 8):end].lower().endswith(
        ("hundred", "thousand", "million", "billion"))


def listed_atoms(text: str, atoms: list[Atom]) -> set[int]:
    """Atoms in a run of three or more numbers separated only by commas, semicolons or spaces: a list
    or a table ("1, 2, 3, 4"), no statement a reader checks."""
    out: set[int] = set()
    run = [0] if atoms else []
    for k in range(1, len(atoms) + 1):
        joined = k < len(atoms) and not atoms[k].word and not atoms[k - 1].word and \
            re.fullmatch(r"[\s,;|]+", text[atoms[k - 1].end:atoms[k].start] or "x") is not None
        if joined:
            run.append(k)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [k]
    return out


def _furniture_start(text: str, start: int) -> bool:
    """A numeral opening a line and followed by "." or ")" numbers a list item: layout, not a claim."""
    newline = text.rfind("\n", max(0, start - 6), start)
    if newline < 0 and start > 6:
        return False
    line_start = newline + 1
    return text[line_start:start].strip(" •*-\t") == "" and re.match(r"\d+[.)]\s", text[start:start + 6]) is not None

