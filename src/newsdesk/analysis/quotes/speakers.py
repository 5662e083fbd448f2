"""speakers: who said it — each cue's source as written (its subject, or the name written beside a quotation) and
what it stands for (`find_speakers`): a pronoun the nearest compatible speaker of the story, a description ("the
officer") its first mention, a described speaker the organisation it speaks for ("an EDS spokesman").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsdesk.analysis.quotes.marks import Pair, Paragraph

if TYPE_CHECKING:
    from spacy.tokens import Token

PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
RELATIVES = frozenset({"who", "which", "that", "whom"})

#: Each cue's subject as written, what it resolves to and the organisation a description speaks for.
# cue index -> (source, antecedent, organisation, candidates when the antecedent was left open)
Who = dict[int, tuple[Pair | None, Pair | None, Pair | None, tuple[Pair, ...]]]


@dataclass(frozen=True, slots=True)
class SpeakerCandidate:
    """Someone a later pronoun may point back to: a speaker or a named subject, with what the text tells of them."""

    at: int
    ref: Pair
    #: "m", "f", or None when nothing in the text says (a title, a gendered noun, a pronoun bound to the name)
    gender: str | None
    plural: bool
    #: some evidence it names a person (a title, a full name, a role noun, a gendered word), not "Reuters"
    person: bool
    #: where its sentence starts: two candidates of one sentence are equally near a later pronoun
    sentence: int
    #: the surname (the last capitalised word), by which later mentions share the gender found
    key: str
    #: the subject of its sentence's main verb ("the officer recalled"), not of a clause inside it
    main: bool = False


#: Titles and nouns that tell a person's gender.
_MALE = frozenset("""mr mr. sir lord king prince he his him himself man men spokesman chairman congressman businessman
ombudsman father husband son brother boy uncle nephew grandfather councilman alderman""".split())
_FEMALE = frozenset("""mrs mrs. ms ms. miss dame lady queen princess she her hers herself woman women spokeswoman
chairwoman congresswoman businesswoman ombudswoman mother wife daughter sister girl aunt niece grandmother
councilwoman actress""".split())
#: Nouns naming someone by what they do: a person, though not named.
ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson official officer aide adviser advisor executive director
chairman chairwoman chair representative envoy ambassador diplomat minister secretary president senator governor
mayor lawyer attorney analyst economist strategist researcher scientist professor source sources staffer employee
manager chief head leader member members commander general colonel captain sergeant lieutenant soldier resident
witness doctor nurse teacher student voter officials aides advisers executives analysts residents witnesses man woman
person people""".split())
#: Role nouns that speak for an organisation: "an EDS spokesman", "a spokeswoman for the ministry".
_AGENT_NOUNS = frozenset("""spokesman spokeswoman spokesperson spokesmen spokeswomen official officials representative
representatives aide aides adviser advisers advisor executive executives source sources staffer staffers employee
employees lawyer lawyers attorney attorneys analyst analysts economist economists strategist researcher
researchers director officer officers insider insiders member members""".split())


def _features(para: Paragraph, tok: Token, ref_text: str) -> tuple[str | None, bool, bool]:
    """(gender, plural, person) of the noun phrase headed by `tok`, from its own words and its sentence."""
    words = [t.lower_ for t in tok.subtree if t.i <= tok.i]
    gender = next(("m" if w in _MALE else "f" for w in words if w in _MALE or w in _FEMALE), None)
    plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
    names = sum(1 for t in tok.subtree if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper())
    person = gender is not None or names >= 2 or any(w in ROLE_NOUNS for w in words)
    if gender is None and not plural and tok.dep_ in ("nsubj", "nsubjpass"):
        # a pronoun bound to the subject in its own clause tells its gender ("Vold said she would …"):
        # the first third-person singular pronoun after it, with no other name in between
        for t in tok.sent:
            if t.i <= tok.i:
                continue
            if t.pos_ == "PROPN" and t.head is not tok and t not in tok.subtree:
                break
            if t.lower_ in ("he", "him", "his", "himself"):
                gender = "m"
                break
            if t.lower_ in ("she", "her", "hers", "herself"):
                gender = "f"
                break
        person = person or gender is not None
    return gender, plural, person


def _key(text: str, ref: Pair) -> str:
    caps = re.findall(r"[A-Z][\w’'-]+", text[ref[0]:ref[1]])
    return caps[-1].removesuffix("’s").removesuffix("'s") if caps else text[ref[0]:ref[1]].lower()


def _candidate(text: str, para: Paragraph, tok: Token, at: int, ref: Pair,
               like: SpeakerCandidate | None = None) -> SpeakerCandidate:
    """A candidate for `ref`, mentioned at `at` by `tok`; a pronoun resolved to `like` takes its features."""
    sentence = para.start + tok.sent.start_char
    if like is not None:
        return replace(like, at=at, sentence=sentence, main=tok.head.dep_ == "ROOT")
    gender, plural, person = _features(para, tok, text[ref[0]:ref[1]])
    main = tok.head.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.head.dep_ == "ROOT")
    return SpeakerCandidate(at, ref, gender, plural, person, sentence, _key(text, ref), main)


def _organisation(para: Paragraph, tok: Token) -> Pair | None:
    """The organisation a described speaker speaks for: "EDS" in "an EDS spokesman", "the ministry" in "a
    spokeswoman for the ministry" or "the ministry's spokesman"; None for a name or an unaffiliated description."""
    if tok.pos_ != "NOUN" or tok.lower_ not in _AGENT_NOUNS:
        return None
    span: list[Token] = []
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "with")
                 and c.i > tok.i), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    named = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN"]
    if poss is not None:
        span = [t for t in poss.subtree if t.dep_ != "case"]
    elif named:
        span = [t for c in named for t in c.subtree]
    elif pobj is not None and (pobj.pos_ == "PROPN" or any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in pobj.children)):
        # "a spokeswoman for the ministry": a definite or named organisation, without its own clauses
        span = [t for t in pobj.subtree if not any(a.dep_ in ("relcl", "acl", "prep") and a is not pobj
                                                    and t in a.subtree for a in pobj.children)]
    span = [t for t in span if not t.is_punct]
    if not span:
        return None
    first, last = min(span, key=lambda t: t.i), max(span, key=lambda t: t.i)
    return para.start + first.idx, para.start + last.idx + len(last.text)


def find_speakers(text: str, para: Paragraph, cues: list[Token], speakers: list[SpeakerCandidate]) -> Who:
    """Each cue's subject as written and what it resolves to; every subject found joins `speakers`.

    Every cue's subject counts as the story's latest speaker, chosen or not: in "…screaming: 'You all
    are…!' the officer recalled", the officer is the one a following "he added" points back to."""
    out: Who = {}
    for cue in cues:
        tok = cue_subject(cue)
        if tok is not None:
            source = _phrase(para, tok, exclude=swallowed_comma(cue) or cue)
        else:
            beside = _beside_quote(cue)
            if beside is None:
                continue
            tok, (left, right) = beside
            source = (para.start + left.idx, para.start + right.idx + len(right.text))
        while source[1] - source[0] > 1 and text[source[0]] in "-—–•*":
            source = (source[0] + 1, source[1])  # a list's dash glued to the name ("-Lynn Vavreck finds")
        ties: list[SpeakerCandidate] = []
        found = _resolve(text, para, tok, source, para.story_start, speakers, ties)
        antecedent = found.ref if isinstance(found, SpeakerCandidate) else found
        organisation = _organisation(para, tok)
        if organisation is not None and not (source[0] <= organisation[0] and organisation[1] <= source[1]):
            organisation = None
        # A pronoun left open between people equally near: who it may mean, not a guess.
        out[cue.i] = (source, antecedent, organisation, tuple(dict.fromkeys(c.ref for c in ties)))
        ref = antecedent or source
        if text[ref[0]:ref[1]].lower() not in PRONOUNS and cue.lower_ != "according":
            speakers.append(_candidate(text, para, tok, source[0], ref,
                                       found if isinstance(found, SpeakerCandidate) else None))
    if para.doc is not None:
        # a named subject of a main clause ("President Zelenskiy renewed a plea") is someone a later
        # pronoun may point back to, speaker or not
        for sent in para.doc.sents:
            subj = next((c for c in sent.root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"
                         and sum(t.pos_ == "PROPN" for t in c.lefts) >= 1 and c.text[:1].isupper()
                         and not c.text.isupper()), None)  # a full name, not "CNN"
            if subj is not None and sent.root.i not in {c.i for c in cues}:
                phrase = _phrase(para, subj, exclude=sent.root)
                speakers.append(_candidate(text, para, subj, phrase[0], phrase))
                # "Anna Berg and Tom Lind met …": each member of a joined subject is someone too
                members = [c for c in subj.conjuncts if c.pos_ == "PROPN" and c.i > subj.i]
                if members:
                    first = para.start + min(t.idx for t in subj.lefts) if any(True for _ in subj.lefts) \
                        else para.start + subj.idx
                    own = (first, para.start + subj.idx + len(subj.text))
                    speakers.append(replace(_candidate(text, para, subj, own[0], own), ref=own, plural=False,
                                            key=_key(text, own)))
                for conj in members:
                    part = _phrase(para, conj)
                    speakers.append(_candidate(text, para, conj, part[0], part))
        speakers.sort(key=lambda c: c.at)
    return out


def swallowed_comma(cue: Token) -> Token | None:
    """The comma ending "According to X," when the parser made "according" the sentence's root and hung the
    reported clause under X ("According to Rush Limbaugh, the move reeks…"); None for a sound parse."""
    if cue.lower_ != "according" or cue.dep_ != "ROOT":
        return None
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    return next((t for t in cue.sent if t.i > obj.i and t.text == ","), None)


def cue_subject(cue: Token) -> Token | None:
    """The cue's subject; for "according to X", X; for "…, saying/telling", the subject of the clause."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        if to is None and cue.i + 1 < len(cue.doc):
            to = cue.doc[cue.i + 1]
        if to is not None:
            return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        # "they were told to leave": the subject is the listener; the speaker is the agent, if named
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    tok = cue
    for _ in range(5):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj
        if tok.dep_ in ("xcomp", "advcl", "conj", "acl") and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head is not tok.head:
            # "Obama responded by saying …": the speaker is the subject of the verb the preposition hangs on
            tok = tok.head.head
            continue
        return None
    return None


#: Where a name written after "said" stops when no comma came first ("said Mr. Hale in an interview").
_AFTER_NAME = frozenset({"in", "at", "on", "during", "after", "before", "while", "when", "as", "to", "of"})


def _beside_quote(cue: Token) -> tuple[Token, tuple[Token, Token]] | None:
    """The speaker of a cue written next to a quotation whose subject the parser lost: the words after it
    ('…,” said David Brock, a Clinton confidant.') or between the closing mark and it ('…,” Gene Sperling,
    an adviser, said'). The parser often reads such a name as an object or a clause; the marks and commas
    still say where it is. Returns (its head token, (first, last token)), or None when the words are no
    noun phrase (a verb outside a relative clause) or no quotation is next to the cue."""
    doc = cue.doc
    sent = cue.sent
    i = cue.i - 1
    while i >= sent.start and doc[i].text in (",", "—", "–"):
        i -= 1
    toks: list[Token] = []
    if i >= sent.start and doc[i].is_quote:
        # '…," said X': the name runs to the sentence's end, a colon or the next quotation
        k, comma = cue.i + 1, False
        while k < sent.end and not doc[k].is_quote and doc[k].text not in (".", ":", ";", "!", "?") \
                and not doc[k].is_space:
            if doc[k].text == ",":
                comma = True
            elif not comma and doc[k].lower_ in _AFTER_NAME and doc[k].pos_ == "ADP" and toks:
                break
            toks.append(doc[k])
            k += 1
    elif cue.i > sent.start and doc[cue.i - 1].text == ",":
        # '…,” Gene Sperling, an adviser, said': back to the closing mark
        # the parser often starts a sentence at the name after a closing mark, so this may cross one
        k = cue.i - 2
        while k >= 0 and not doc[k].is_quote and cue.i - k < 40 and doc[k].text not in (".", "!", "?"):
            toks.insert(0, doc[k])
            k -= 1
        if k < 0 or not doc[k].is_quote:
            return None
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if not toks or toks[0].pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "NUM") \
            or not any(t.pos_ in ("PROPN", "NOUN") for t in toks):
        return None
    for t in toks:
        if t.lower_ in RELATIVES or t.text == ",":
            break  # a relative clause or an apposition may hold verbs ("a confidant who heads …")
        if t.pos_ in ("VERB", "AUX"):
            return None
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside or t.head is t]
    head = next((t for t in heads if t.pos_ in ("PROPN", "NOUN")), toks[0])
    return head, (toks[0], toks[-1])


def _phrase(para: Paragraph, tok: Token, exclude: Token | None = None) -> tuple[int, int]:
    """The token's subtree as a span, trimmed of punctuation and stopped before `exclude`."""
    # a relative clause is part of the naming phrase ("Ms. Vale, who led the inquiry"), as PolNeAR
    # marks it; a clause or participle set off by a comma ("Trump, speaking in Ohio") is not
    cut = {t.i for r in tok.subtree if r is not tok and r.dep_ in ("acl", "advcl", "ccomp", "parataxis")
           and r.i > 0 and any(x.text == "," for x in r.doc[max(0, min(y.i for y in r.subtree) - 1):r.i])
           for t in r.subtree}
    toks = [t for t in tok.subtree if t.i not in cut and (exclude is None or not (t.i >= exclude.i > tok.i))]
    # a dateline glued to the subject ("WASHINGTON -- President Obama said") is not part of the name
    dash = max((t.i for t in toks if t.i < tok.i and t.text in ("—", "--", "–")), default=None)
    if dash is not None:
        toks = [t for t in toks if t.i > dash]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("cc", "mark", "advmod", "preconj")):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc" or toks[-1].is_space):
        if toks[-1].text == ")" and sum(t.text == "(" for t in toks) > sum(t.text == ")" for t in toks[:-1]):
            break  # the closing bracket of "Sen. Jane Roe (D-Ore.)"
        toks.pop()
    if not toks:
        return para.start + tok.idx, para.start + tok.idx + len(tok.text)
    last = toks[-1]
    return para.start + toks[0].idx, para.start + last.idx + len(last.text.rstrip())


def _resolve(text: str, para: Paragraph, tok: Token, source: Pair, story_start: int, speakers: list[SpeakerCandidate],
             ties: list[SpeakerCandidate] | None = None) -> SpeakerCandidate | Pair | None:
    """What a pronoun, relative pronoun or description stands for: the nearest compatible speaker for a
    pronoun (a candidate), the first mention in the story for a description. A pronoun that may mean
    several people equally stands for none of them; they are added to `ties`."""
    word = tok.lower_
    if word in PRONOUNS:
        return _antecedent(word, source, speakers, ties)
    if word in RELATIVES and tok.head.dep_ == "relcl":
        noun = tok.head.head
        left = min(t.idx for t in noun.subtree if t.i <= noun.i)
        return para.start + left, para.start + noun.idx + len(noun.text)
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        # "the officer": its first mention in the story, article and a few modifiers included
        pattern = re.compile(r"\b(?:(?:the|a|an|this|that)\s+(?:[\w’'-]+\s+){0,3}?)?" + re.escape(tok.text) + r"\b",
                             re.IGNORECASE)
        m = pattern.search(text, story_start, source[0] + len(text[source[0]:source[1]]))
        if m is not None and m.start() < source[0]:
            return m.start(), m.end()
        if not any(c.dep_ in ("prep", "appos", "relcl", "compound", "acl") for c in tok.children):
            # a bare definite description never introduced ("said the man") points back: the
            # definite article marks someone already in the story, most likely its last speaker, when
            # that speaker is a person ("the authority" after a mayor is the authority, not the mayor)
            last = next((c for c in reversed(speakers) if c.at < source[0]), None)
            return last if last is not None and tok.ent_type_ != "ORG" and _personal(tok) else None
    return None


def _personal(noun: Token) -> bool:
    """A noun that may name a person, by its form: the English pipeline's word index (WordNet) has
    no noun classes, so an agent suffix ("man", "spokesman", "officer", "director", "resident") it is;
    "authority", "government", "statement" are not."""
    word = (noun.lemma_ or noun.lower_).lower()  # the quote parser may run without its lemmatizer
    return word.endswith(("man", "men", "person", "er", "ers", "or", "ors", "ist", "ant", "ent", "ian", "ee")) and (
        not word.endswith(("ment", "ence", "ance", "ity")))


def _antecedent(word: str, source: Pair, speakers: list[SpeakerCandidate],
                ties: list[SpeakerCandidate] | None = None) -> SpeakerCandidate | None:
    """The nearest earlier candidate a pronoun agrees with in number and gender (a person for he/she); None
    when none does, or when two different ones are equally near (one sentence) with equal evidence."""
    before = [c for c in speakers if c.at < source[0]]
    # what one mention tells of a name holds for the story ("Ms. Vold … Vold said")
    gender = {c.key: c.gender for c in before if c.gender is not None}
    person = {c.key for c in before if c.person}
    plural = word in ("they", "them")
    want = None if plural else ("m" if word in ("he", "him") else "f")

    def fits(c: SpeakerCandidate) -> int:
        """0: no; 1: possible (nothing says otherwise); 2: the text says so."""
        if plural:
            return 2 if c.plural else 0
        g = c.gender or gender.get(c.key)
        if c.plural or (g is not None and g != want) or not (c.person or c.key in person):
            return 0
        return 2 if g == want else 1

    best = next((c for c in reversed(before) if fits(c)), None)
    if best is None:
        return None
    # in the nearest sentence with someone it may mean, the best evidence wins, then the subject of the
    # main verb (the one the sentence is about); a tie between two people is not clear
    near = [c for c in before if c.sentence == best.sentence and fits(c)]
    top = max((fits(c), c.main) for c in near)
    keys = {c.key for c in near if (fits(c), c.main) == top}
    if len(keys) > 1:
        if ties is not None:
            ties.extend(c for c in near if (fits(c), c.main) == top)
        return None
    best = next(c for c in reversed(near) if (fits(c), c.main) == top)
    return best
