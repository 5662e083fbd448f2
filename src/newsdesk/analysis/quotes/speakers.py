"""speakers: who said it — each cue's source as written (its subject, never one inside the quotation; the name
written beside a quotation or hung by the parser inside the clause before the cue) with its span's asides cut, and
what it stands for (`find_speakers`): a pronoun the nearest compatible speaker of the story (or the one speaker later
said to speak at the occasion its cue names, `resolve_by_occasion`), a description ("the officer") its first
mention, a described speaker the organisation it speaks for ("an EDS spokesman").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsdesk.analysis.quotes.marks import Pair, Paragraph
from newsdesk.model import Quote

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
            if t.pos_ == "PROPN" and t.head.i != tok.i and t not in tok.subtree:
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
        span = [t for t in pobj.subtree if not any(a.dep_ in ("relcl", "acl", "prep") and a.i != pobj.i
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
    cue_ids = frozenset(c.i for c in cues)
    for cue in cues:
        # a name the parser hung inside the clause before the cue is its speaker, not that clause's subject
        tok = None if trailing_speaker(cue) is not None else cue_subject(cue)
        if tok is not None:
            source = _with_split_apposition(para, tok, cue, _phrase(para, tok, exclude=swallowed_comma(cue) or cue,
                                                                     cues=cue_ids))
        else:
            beside = _beside_quote(cue) or trailing_speaker(cue)
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


def _with_split_apposition(para: Paragraph, tok: Token, cue: Token, source: Pair) -> Pair:
    """The source with the apposition the parser split from it as a second subject of the cue ("Ban Ki-moon, the
    secretary general of the United Nations, vowed …": two nsubj): a noun phrase between commas, right after
    the source and right before the cue's own words, names the same speaker."""
    doc = cue.doc
    if tok.i > cue.i:
        return source
    for other in cue.children:
        if other.i <= tok.i or other.dep_ not in ("nsubj", "nsubjpass") or other.i > cue.i:
            continue
        words = sorted(other.subtree, key=lambda t: t.i)
        first, last = words[0].i, words[-1].i
        while last > first and doc[last].is_punct:
            last -= 1
        comma_before = first > 0 and doc[first - 1].text == "," and para.start + doc[first - 1].idx >= source[1]
        gap = text_between = doc[first - 1].idx + para.start - source[1] if first > 0 else -1
        del text_between
        if not comma_before or gap > 1 or other.pos_ not in ("NOUN", "PROPN") \
                or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in words):
            continue
        after = last + 1
        while after < cue.i and doc[after].dep_ in ("aux", "auxpass", "neg", "advmod"):
            after += 1
        if after < len(doc) and (doc[after].text == "," or after == cue.i):
            return source[0], para.start + doc[last].idx + len(doc[last].text)
    return source


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
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is not None or any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        # "they were told to leave": the subject is the listener; the speaker is the agent, if named, also in a
        # passive without an auxiliary ("When pressed by Holt about …")
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    tok = cue
    for _ in range(5):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        if tok.i == cue.i:
            # a subject inside the quotation before the cue ('"Full panic mode," said Leslie Wimes') is the quoted
            # words' own, never the speaker: the speaker is the other subject, or the name beside the quotation
            own = [c for c in subjects if not _quoted_apart(c, cue)]
            if subjects and not own:
                return None
            subjects = own
        if subjects:
            return subjects[0]
        controller = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None) \
            if tok.dep_ == "xcomp" and tok.head.i < tok.i else None
        if controller is not None and controller.pos_ == "PROPN":
            # "forced Stumpf to admit …", "prompted NATO to order …": the object of the verb over an open
            # complement is who does it (object control), not that verb's subject
            return controller
        if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "attr") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # "Trump never missed an opportunity to remind …": the one who has the object does it
            tok = tok.head.head
            continue
        if tok.dep_ in ("xcomp", "advcl", "conj", "acl", "acomp") and tok.head.i != tok.i:
            # "acomp": "He was able to tout …", the adjective's holder is the verb's subject
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.i != tok.head.i:
            # "Obama responded by saying …": the speaker is the subject of the verb the preposition hangs on
            tok = tok.head.head
            continue
        return None
    return None


def _quoted_apart(subject: Token, cue: Token) -> bool:
    """Does a quotation mark stand between the subject (all its words) and the cue? Before the cue, the subject is
    the quoted words' own; after it, a title the parser read as one ('said on “Harbour Talk.”')."""
    if subject.i > cue.i:
        return any(t.is_quote for t in subject.doc[cue.i + 1:subject.left_edge.i + 1])
    return any(t.is_quote for t in subject.doc[subject.right_edge.i + 1:cue.i])


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
    heads = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    head = next((t for t in heads if t.pos_ in ("PROPN", "NOUN")), toks[0])
    return head, (toks[0], toks[-1])


#: A calendar word as a preposition's object: "a group of doctors in 2015", "a poll released in late August".
_CALENDAR = re.compile(r"(?:1[89]|20)\d\d|(?:january|february|march|april|may|june|july|august|september|october"
                       r"|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.IGNORECASE)
#: Relative pronouns that speak of a person: a clause they open describes the speaker, whatever noun the parser
#: hangs it on ("Peter Morgan, a lawyer for the Sierra Club, who has been challenging …").
_PERSONAL_RELATIVES = frozenset({"who", "whom", "whose"})


#: Prepositions of comparison: a phrase they open beside the speaker names someone else ("X, like Obama, said").
_COMPARISONS = frozenset({"like", "unlike"})


def _set_off(tok: Token) -> bool:
    """Is the phrase `tok` heads set off by a comma (or a dash) right before it (a no-break space between)?"""
    first = min(t.i for t in tok.subtree)
    while first > 0 and tok.doc[first - 1].is_space:
        first -= 1
    return first > 0 and tok.doc[first - 1].text in (",", "—", "–", "―", "--")


def _aside(tok: Token, head: Token, core: set[int]) -> Token | None:
    """What to cut from the subject phrase for `tok` (in the subject's subtree), when it says something of
    someone or something other than the speaker, or when, rather than naming the speaker: a relative clause set
    off by a comma that speaks of a thing ("Mulgrew, president of the union, which represents teachers"; "The
    U.N., which imposed sanctions", an aside on the speaker itself), or a time ("a group of doctors in 2015", "a
    poll released in late August"). None: keep it. A "who" clause stays: PolNeAR keeps it as often as not."""
    if tok.dep_ == "relcl" and _set_off(tok) and not any(
            t.lower_ in _PERSONAL_RELATIVES for t in tok.subtree if t.i < tok.i):
        return tok
    if tok.dep_ == "prep" and tok.lower_ in _COMPARISONS and tok.head.i in core and _set_off(tok):
        return tok  # "Hillary Clinton, like Obama, has encouraged …": someone else compared, not the speaker
    if tok.dep_ == "prep" and not any(a.dep_ in ("relcl", "ccomp", "advcl") for a in tok.ancestors
                                      if a.i not in core and a in head.subtree):
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None or not _CALENDAR.match(obj.text):
            return None
        if tok.head.pos_ in ("NOUN", "PROPN"):
            return tok
        if tok.head.dep_ == "acl" and tok.head.pos_ == "VERB" and [c.i for c in tok.head.children] == [tok.i]:
            return tok.head  # a participle that only dates the noun ("a poll released in late August")
    return None


def _spaced_dash(tok: Token) -> bool:
    """A dash, or a hyphen standing between spaces ("BRUSSELS - European leaders"), not one inside a word."""
    if tok.text in ("—", "--", "–"):
        return True
    return tok.text == "-" and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


#: What a name written before a cue may be made of: "interior ministry adviser Vadym Denysenko", "Mr. Hale's aide".
_NAME_PARTS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})


def trailing_speaker(cue: Token) -> tuple[Token, tuple[Token, Token]] | None:
    """The speaker of a cue ending its sentence after a comma ("The fighting focused on the cities, interior
    ministry adviser Vadym Denysenko told television") when the parser hung the name inside the clause before
    and left the cue with no subject: the words between the comma and the cue, when they are a noun phrase.
    Returns (its head, (first, last token)), or None (a cue with a subject, no comma, or no noun phrase)."""
    doc = cue.doc
    if cue.pos_ != "VERB" or cue.dep_ not in ("ROOT", "conj", "ccomp", "parataxis") \
            or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in cue.children):
        return None
    k = cue.i - 1
    while k >= cue.sent.start and doc[k].dep_ in ("aux", "neg", "advmod") and doc[k].head.i == cue.i:
        k -= 1
    last = k
    while k >= cue.sent.start and doc[k].text != "," and cue.i - k <= 9 and (
            doc[k].pos_ in _NAME_PARTS or doc[k].text in (".", "-", "’s", "'s")):
        k -= 1
    if k < cue.sent.start + 3 or doc[k].text != "," or last <= k or doc[last].pos_ not in ("PROPN", "NOUN"):
        return None
    words = doc[k + 1:last + 1]
    if words[0].pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "NUM") or not (
            any(t.pos_ == "PROPN" for t in words) or any(t.lower_ in ROLE_NOUNS for t in words)):
        return None  # a name, or a description by role ("a senior official"), not any noun
    return doc[last], (words[0], doc[last])


def _phrase(para: Paragraph, tok: Token, exclude: Token | None = None,
            cues: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The token's subtree as a span, trimmed of punctuation and asides and stopped before `exclude`.

    A relative clause set off by a comma whose verb is one of `cues` (the paragraph's cues) is an attribution of
    its own ("Ms. Vale, who argued that …": "who" is that cue's source), not a description of this speaker."""
    # a relative clause is part of the naming phrase ("Ms. Vale, who led the inquiry"), as PolNeAR
    # marks it; a clause or participle set off by a comma ("Trump, speaking in Ohio") is not
    cut = {t.i for r in tok.subtree if r.i != tok.i and (r.dep_ in ("acl", "advcl", "ccomp", "parataxis")
                                                          or (r.dep_ == "relcl" and r.i in cues))
           and r.i > 0 and any(x.text == "," for x in r.doc[max(0, min(y.i for y in r.subtree) - 1):r.i])
           for t in r.subtree}
    # the speaker's own noun and those joined to it name the speaker; what hangs deeper describes others
    named = [tok, *tok.conjuncts]
    core = {t.i for t in named} | {c.i for t in named for c in t.children if c.dep_ == "appos"}
    asides = [_aside(r, tok, core) for r in tok.subtree if r.i != tok.i]
    cut |= {t.i for r in asides if r is not None and r.i != tok.i for t in r.subtree}
    toks = [t for t in tok.subtree if t.i not in cut and (exclude is None or not (t.i >= exclude.i > tok.i))]
    # a dateline glued to the subject ("WASHINGTON -- President Obama said") is not part of the name
    dash = max((t.i for t in toks if t.i < tok.i and _spaced_dash(t)), default=None)
    if dash is not None:
        toks = [t for t in toks if t.i > dash]
    # a word leading the phrase that only links it ("and", "also") goes; one that measures it ("Nearly eight of
    # 10 voters", "far fewer publications", "Only 52 percent") stays
    while toks and (toks[0].is_punct or toks[0].dep_ in ("cc", "mark", "preconj")
                    or (toks[0].dep_ == "advmod" and toks[0].head.i in (tok.i, *(t.i for t in tok.ancestors)))):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc" or toks[-1].is_space):
        if toks[-1].text == ")" and sum(t.text == "(" for t in toks) > sum(t.text == ")" for t in toks[:-1]):
            break  # the closing bracket of "Sen. Jane Roe (D-Ore.)"
        toks.pop()
    if not toks:
        return para.start + tok.idx, para.start + tok.idx + len(tok.text)
    last = toks[-1]
    doc = tok.doc
    dashes = [t.text for t in toks if t.text in ("—", "–", "--")]
    if len(dashes) % 2 and last.i + 1 < len(doc) and doc[last.i + 1].text == dashes[-1] \
            and (exclude is None or last.i + 1 < exclude.i):
        last = doc[last.i + 1]  # the dash closing an aside a dash opened ("Jo Sims — a teacher —"), as a bracket
    while toks[0].i >= 2 and doc[toks[0].i - 1].text[:1].isupper() and doc[toks[0].i - 1].is_alpha \
            and doc[toks[0].i - 2].is_quote and toks[0].i >= 3 and doc[toks[0].i - 3].text == "," \
            and toks[0].i - 1 not in cut:
        # a capitalised word between a closing quotation mark and the name ('…,” Tulsa police Chief Chuck Jordan
        # said') that the parser hung inside the quotation starts the name
        toks.insert(0, doc[toks[0].i - 1])
    while last.i + 2 < len(doc) and not last.whitespace_ and doc[last.i + 1].text == "-" \
            and not doc[last.i + 1].whitespace_ and doc[last.i + 2].is_alpha \
            and (exclude is None or last.i + 2 < exclude.i):
        last = doc[last.i + 2]  # a hyphenated word the parser split ("His ex-wife"): the whole word
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
            fits = last is not None and tok.ent_type_ != "ORG" and _personal(tok) and _may_be(text, tok, last)
            return last if fits else None
    return None


def _may_be(text: str, noun: Token, someone: SpeakerCandidate) -> bool:
    """May the description headed by `noun` ("the driver") be `someone`? Not when their genders differ ("the man",
    a woman) nor when `someone` was itself described by another noun ("a woman", "the officer"): only a name
    leaves who they are open."""
    gender = "m" if noun.lower_ in _MALE else "f" if noun.lower_ in _FEMALE else None
    if gender is not None and someone.gender is not None and gender != someone.gender:
        return False
    words = re.findall(r"[\w’'-]+", text[someone.ref[0]:someone.ref[1]])
    named = any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())
    return named or noun.lower_ in (w.lower() for w in words)


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


#: The prepositions that place a cue at an occasion: "said in an interview", "told reporters during a briefing".
_OCCASION_PREPOSITIONS = frozenset({"in", "during", "at"})


def occasion(cue: Token) -> tuple[tuple[str, ...], bool] | None:
    """The occasion a cue names, as its nouns, head first ("said in a television interview broadcast Saturday":
    ("broadcast", "interview", "television"), the parser's head being the last noun), with whether it is written
    as one already mentioned ("in the interview": True); None when the cue names none."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in _OCCASION_PREPOSITIONS:
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
        det = next((c for c in noun.children if c.dep_ == "det"), None) if noun is not None else None
        if noun is not None and det is not None and det.lower_ in ("a", "an", "the", "this", "that"):
            nouns = [noun, *(t for t in noun.subtree if t.dep_ == "compound" and t.pos_ == "NOUN")]
            return tuple((t.lemma_ or t.lower_).lower() for t in nouns), det.lower_ not in ("a", "an")
    return None


#: An occasion a cue names: its nouns, head first, and whether it is written as already mentioned ("the interview").
Occasion = tuple[tuple[str, ...], bool]


def resolve_by_occasion(text: str, quotes: Sequence[Quote], occasions: dict[Pair, Occasion]) -> list[Quote]:
    """Pronoun sources left open, resolved by the occasion their cue names: in '"… bloody," he said in a television
    interview' (the quote cut from what introduced "he") followed by '"…," Zelensky said in the interview', the
    definite "the interview" is the one just mentioned, so he is Zelensky. Only when one named speaker, and no
    other, is later said to speak at that occasion; a pronoun with candidates or any antecedent is left alone."""
    out = list(quotes)
    for i, q in enumerate(out):
        if q.cue is None or q.source is None or q.antecedent is not None or q.candidates \
                or text[q.source[0]:q.source[1]].lower() not in PRONOUNS:
            continue
        told = occasions.get(q.cue)
        if told is None or told[1]:
            continue
        later = {(a.antecedent or a.source) for a in out[i + 1:]
                 if a.cue is not None and a.source is not None and a.cue[0] > q.cue[1]
                 and _same_occasion(told, occasions.get(a.cue))
                 and text[a.source[0]:a.source[1]].lower() not in PRONOUNS}
        names = {text[s:e] for s, e in (x for x in later if x is not None)}
        if len(names) == 1:
            named = next(x for x in later if x is not None)
            out = [replace(a, antecedent=named) if a.cue == q.cue and a.antecedent is None else a for a in out]
    return out


def _same_occasion(first: Occasion, later: Occasion | None) -> bool:
    """Does `later`, written as already mentioned ("the interview"), name the occasion `first` introduced?"""
    return later is not None and later[1] and not first[1] and later[0][0] in first[0]
