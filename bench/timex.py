"""TempEval-3 Task A (time expressions) on the TBAQ-cleaned TimeML files, with the official scorer's measures.

    python -m bench.timex [--data DIR] [--split TimeBank|AQUAINT|AQUAINT-even|AQUAINT-odd|dev|all] [--errors N]
                          [--group]

Development and held-out parts: the rules are chosen on TimeBank and on the even-numbered AQUAINT files
(in name order, `AQUAINT-even`); the odd-numbered ones (`AQUAINT-odd`) are held out, read only as a
figure, to tell rules that generalise from rules fitted to one corpus's habits; `--split dev` scores the
two development parts alone, so that rules are chosen without the held-out figure in sight. (TBAQ is
TempEval-3's training data; its test set is not here.)

Also scores `timex_cases.py` (invented sentences: wire and live-blog clock times, numbers that are not
years, quotations that set their own day) as `cases_right`, the share of sentences read exactly right.

DIR is `../shared/data/tempeval3` (its `TBAQ-cleaned/<split>/*.tml`). Each document's DCT (the
`CREATION_TIME` TIMEX3) is the reference date and is not scored; the text inside `<TEXT>` is what the
finder reads, as one story without a dateline.

The measures are those of TempEval-3's `evaluate_entities.py` (Python 2 + Java, which we do not have,
so they are reimplemented here):
* a system expression and a gold one *match* (relaxed) when they overlap, each used once (the official
  TimeML-Normalizer gives an overlapping system tag the gold tag's id); *strict* when the text is the same;
* precision = matches / system expressions, recall = matches / gold expressions, F1 their harmonic mean;
* type / value *accuracy* = right type (value) among relaxed matches, and type / value *F1* = accuracy x
  relaxed F1 (the official "performance" figure: value F1 is what TempEval-3 ranks normalisation by).
Prints the figures of each part (TimeBank, AQUAINT-even, AQUAINT-odd) and of the whole split, optionally
the first N errors and (`--group`) the errors of each development part counted by class (`error_class`:
missed, extra, extent, and a wrong value's granularity, duration or point, reference, count, direction,
year or anchor) and the value errors by kind (`error_kind`), then the figures as one JSON line (the parts
under `parts`). Errors are printed for development files only: the held-out AQUAINT-odd files are scored,
never shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file (`python bench/seed.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import DATA, last_line, skip
from bench.timex_cases import CASES, REFERENCE
from newsdesk.analysis.times.finder import TimeConfig, TimeFinder
from newsdesk.model import Story

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


def read_tml(path: Path) -> tuple[str, list[Gold], dt.date | None]:
    """The plain text inside <TEXT>, its TIMEX3s as offsets into that text, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        value = dict(ATTR.findall(m.group(0))).get("value", "")
        try:
            dct = dt.date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    golds: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[pos:tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            if length > start and attrs.get("functionInDocument") != "CREATION_TIME":
                golds.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    return "".join(parts), golds, dct


@dataclass(slots=True)
class Tally:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0
    docs: int = 0
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        """Counts another tally's documents in this one."""
        for name in ("gold", "system", "relaxed", "strict", "type_ok", "value_ok", "docs"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds

    def figures(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp = self.strict / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        rp = self.relaxed / self.system if self.system else 0.0
        rr = self.relaxed / self.gold if self.gold else 0.0
        rf = f1(rp, rr)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict_p": round(100 * sp, 2), "strict_r": round(100 * sr, 2), "strict_f1": round(100 * f1(sp, sr), 2),
            "relaxed_p": round(100 * rp, 2), "relaxed_r": round(100 * rr, 2), "relaxed_f1": round(100 * rf, 2),
            "type_accuracy": round(100 * type_acc, 2), "value_accuracy": round(100 * value_acc, 2),
            "type_f1": round(100 * type_acc * rf, 2), "value_f1": round(100 * value_acc * rf, 2),
            "gold": self.gold, "system": self.system, "docs": self.docs,
            "docs_per_s": round(self.docs / self.seconds, 1) if self.seconds else 0.0,
        }


def score_doc(text: str, golds: list[Gold], found: list[tuple[int, int, str, str | None]], tally: Tally,
              errors: list[str], dct: dt.date | None = None, classes: Counter[str] | None = None) -> None:
    """Align gold and system expressions one-to-one by overlap (largest first) and count; each error is
    told in `errors` and counted by class (`error_class`) in `classes`."""
    classes = Counter() if classes is None else classes
    pairs = []
    for gi, g in enumerate(golds):
        for si, (s, e, _, _) in enumerate(found):
            ov = min(g.end, e) - max(g.start, s)
            if ov > 0:
                pairs.append((ov, gi, si))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g = golds[gi]
        s, e, typ, value = found[si]
        tally.relaxed += 1
        tally.strict += (s, e) == (g.start, g.end)
        tally.type_ok += typ == g.type
        tally.value_ok += value == g.value
        if (s, e) != (g.start, g.end):
            classes["extent"] += 1
        if value != g.value:
            classes[f"value: {error_class(g.value, value, dct)}"] += 1
            errors.append(f"value  [{error_kind(g.value, value)}] {text[g.start:g.end]!r} gold={g.value} sys={value} "
                          f"sys_text={text[s:e]!r} "
                          f"…{text[max(0, g.start - 60):g.end + 40]!r}".replace("\n", " "))
    for gi, g in enumerate(golds):
        if gi not in used_g:
            classes["missed"] += 1
            errors.append(f"missed {text[g.start:g.end]!r} gold={g.value} ({g.type}) "
                          f"…{text[max(0, g.start - 40):g.end + 30]!r}".replace("\n", " "))
    for si, (s, e, typ, value) in enumerate(found):
        if si not in used_s:
            classes["extra"] += 1
            errors.append(f"extra  {text[s:e]!r} sys={value} ({typ}) …{text[max(0, s - 40):e + 30]!r}"
                          .replace("\n", " "))
    tally.gold += len(golds)
    tally.system += len(found)


def part_files(root: Path) -> dict[str, list[Path]]:
    """The TimeBank files, and the AQUAINT ones split by position in name order into even (development)
    and odd (held out)."""
    aquaint = sorted((root / "AQUAINT").glob("*.tml"))
    return {"TimeBank": sorted((root / "TimeBank").glob("*.tml")), "AQUAINT-even": aquaint[0::2],
            "AQUAINT-odd": aquaint[1::2]}


#: The parts whose errors may be read; AQUAINT-odd is held out (its figures only).
DEV_PARTS = ("TimeBank", "AQUAINT-even")


def shape(value: str | None) -> str:
    """A value's form with its digits hidden ("1998-W12" is "9999-W99"), to group errors by kind."""
    return "None" if value is None else re.sub(r"\d", "9", value)


def error_kind(gold: str, system: str | None) -> str:
    """What kind of value error this is: a different form ("9999-W99 -> 9999-99-99"), or the same form
    off in its year, month, week or day."""
    if system is None or shape(gold) != shape(system):
        return f"{shape(gold)} -> {shape(system)}"
    for label, (a, b) in (("year", (0, 4)), ("month/week/quarter", (4, 8)), ("day", (8, 11))):
        if gold[a:b] != system[a:b]:
            return f"{shape(gold)} {label} off"
    return f"{shape(gold)} time off"


_POINT = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-W(\d\d)|-Q(\d)|-H(\d))?(?:T.*)?")


def _side(value: str, dct: dt.date) -> int | None:
    """Whether a calendar value lies before (-1), at (0) or after (1) the period of the same size that holds
    the DCT; None for a value that is no dated point ("XXXX-05", "PAST_REF", "P3D", a season)."""
    m = _POINT.fullmatch(value)
    if m is None:
        return None
    year, month, day, week, quarter, half = m.groups()
    if day:
        here: tuple[int, ...] = (dct.year, dct.month, dct.day)
        there: tuple[int, ...] = (int(year), int(month), int(day))
    elif month:
        here, there = (dct.year, dct.month), (int(year), int(month))
    elif week:
        here, there = tuple(dct.isocalendar())[:2], (int(year), int(week))
    elif quarter:
        here, there = (dct.year, (dct.month - 1) // 3 + 1), (int(year), int(quarter))
    elif half:
        here, there = (dct.year, 1 if dct.month <= 6 else 2), (int(year), int(half))
    else:
        here, there = (dct.year,), (int(year),)
    return (there > here) - (there < here)


def error_class(gold: str, system: str | None, dct: dt.date | None) -> str:
    """What is wrong with a matched expression's value, as normalisation goes wrong: no value at all; a
    duration for a point or a point for a duration; a TimeML reference (`PAST_REF`) for a value or the
    reverse; another count of units; a part left unknown on one side only ("1998-WXX" for "1998-W32");
    another granularity (a week for a day, `TNI` added, a year for a quarter); the other side of the
    document's date (past for future: `direction`); or, on the same side, another year or another month,
    week or day (`anchor`: counted from another point)."""
    if system is None:
        return "no value"
    if gold.endswith("_REF") or system.endswith("_REF"):
        return "reference"
    if gold.startswith("P") != system.startswith("P"):
        return "duration or point"
    if gold.startswith("P"):
        return "count" if shape(gold) == shape(system) else "granularity"
    if shape(gold) != shape(system):
        # the same form but for a part one side leaves unknown ("1998-WXX" for "1998-W32")
        same_form = shape(gold).replace("X", "9") == shape(system).replace("X", "9")
        return "unknown part" if same_form else "granularity"
    sides = (_side(gold, dct), _side(system, dct)) if dct else (None, None)
    if None not in sides and sides[0] != sides[1]:
        return "direction"
    return "year" if gold[:4] != system[:4] else "anchor"


def run(folder: Path, split: str, show: int, group: bool) -> dict[str, object]:
    root = folder / "TBAQ-cleaned"
    by_part = part_files(root)
    wanted = {"all": list(by_part), "AQUAINT": ["AQUAINT-even", "AQUAINT-odd"], "dev": list(DEV_PARTS)}.get(
        split, [split])
    if not any(by_part[part] for part in wanted):
        skip("timex", f"no .tml files under {root} for split {split!r}")
    finder = TimeFinder(TimeConfig())
    tally = Tally()
    parts: dict[str, dict[str, float]] = {}
    errors: list[str] = []
    kinds: Counter[str] = Counter()
    classes: dict[str, Counter[str]] = {}
    for part in wanted:
        part_tally = Tally()
        part_classes: Counter[str] = Counter()
        for path in by_part[part]:
            text, golds, dct = read_tml(path)
            started = time.perf_counter()
            times = finder(text, [Story(0, len(text))], [], dct)
            part_tally.seconds += time.perf_counter() - started
            part_tally.docs += 1
            found: list[str] = []
            score_doc(text, golds, [(x.start, x.end, x.type, x.value) for x in times], part_tally, found, dct,
                      part_classes)
            if part in DEV_PARTS:
                errors += [f"{path.stem} dct={dct} {line}" for line in found]
                kinds.update(line.split("[", 1)[1].split("]", 1)[0] for line in found if line.startswith("value"))
        parts[part] = part_tally.figures()
        tally.add(part_tally)
        if part in DEV_PARTS:
            classes[part] = part_classes
    for line in errors[:show]:
        print(line)
    if group:
        for kind, count in kinds.most_common():
            print(f"{count:4d}  {kind}")
        for part, counted in classes.items():
            print(f"{part} errors by class: " + ", ".join(f"{name} {n}" for name, n in counted.most_common()))
    for part, figures in parts.items():
        print(f"{part:13s} value_f1 {figures['value_f1']:.2f}  strict_f1 {figures['strict_f1']:.2f}  "
              f"relaxed_f1 {figures['relaxed_f1']:.2f}  ({figures['gold']} gold, {figures['docs']} docs)")
    brief = {part: {k: f[k] for k in ("value_f1", "strict_f1", "relaxed_f1")} for part, f in parts.items()}
    return {"bench": "timex", "split": split, **tally.figures(), **score_cases(finder), "parts": brief}


def score_cases(finder: TimeFinder) -> dict[str, object]:
    """The invented clock-time, non-year and quotation cases (`timex_cases.py`): the share of
    sentences whose expressions are all found with the right text, type and value, and nothing else."""
    right = 0
    for sentence, expected in CASES:
        found = [(sentence[t.start:t.end], t.type, t.value)
                 for t in finder(sentence, [Story(0, len(sentence))], [], REFERENCE)]
        if found == expected:
            right += 1
        else:
            print(f"case wrong: {sentence[:60]!r}: expected {expected}, got {found}")
    return {"cases": len(CASES), "cases_right": round(right / len(CASES), 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA / "tempeval3")
    ap.add_argument("--split", default="all",
                    choices=["TimeBank", "AQUAINT", "AQUAINT-even", "AQUAINT-odd", "dev", "all"])
    ap.add_argument("--errors", type=int, default=0,
                    help="print the first N errors (misses, extras, values) of the development files")
    ap.add_argument("--group", action="store_true", help="count the development files' value errors by kind")
    args = ap.parse_args()
    if not (args.data / "TBAQ-cleaned").is_dir():
        skip("timex", f"{args.data}/TBAQ-cleaned is absent")
    figures = run(args.data, args.split, args.errors, args.group)
    for key, value in figures.items():
        if isinstance(value, float):
            print(f"{key:16s} {value:.2f}")
    last_line(figures)


if __name__ == "__main__":
    main()
