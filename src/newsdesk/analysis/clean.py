"""clean: mark what on a page is not article text, what is structure, and what is damaged.

Nothing is deleted: the cleaner returns spans into `Page.text`.

* `removed` — site furniture (`boilerplate`), left-over link text (`link_residue`), links to other
  stories (`teaser`), photo captions and credits (`caption`), later copies of a line (`duplicate`),
  lines naming where a story came from (`credit`: "© 2022 Reuters", "The post … appeared first on
  …", read by the grammar in `newsdesk.text.credit`; a credit naming the republishing site itself is
  `boilerplate`);
* `structure` — kept but not body text: `headline`, `subheading`, `highlights` (summary bullets),
  `byline`, `credits` (a wire's "Reporting by …" sign-off);
* `flags` — `truncated_start`, `truncated_end`, `unbalanced_quote`.

The unit of judgement is the block: a paragraph, or a line where the page puts one paragraph on a
line (republished pages mostly do). Each rule below looks at one block and its neighbours, because
furniture is recognised by its shape and place (a short unpunctuated line between paragraphs, a
repeated line, a credit in brackets at the end), not by the words of any one site.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.analysis.line_model import LineView, folded_counts, line_features, load_line_model
from newsdesk.analysis.origin import match_dateline
from newsdesk.analysis.segment import STOPWORDS
from newsdesk.errors import check_numbers
from newsdesk.model import Cleaning, Page, Span
from newsdesk.text.credit import Credit, copyright_holder, find_credit, find_tail_credit, names_on_page, site_names
from newsdesk.text.outlets import letters


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """The cleaner's knobs, defaults in one place."""

    #: Longest line (in words) still read as a headline, teaser or subheading rather than a sentence.
    headline_max_words: int = 20
    #: Longest unpunctuated line always read as a subheading; longer ones must share a word with the
    #: paragraphs below them, or they are teasers for another story.
    subheading_max_words: int = 6
    #: Longest block read as a photo caption when only its wording ("seen here") says so.
    caption_max_words: int = 45
    #: A body block shorter than this (in words) is not judged cut off at its end: it may be a label.
    truncation_min_words: int = 6
    #: A repeated body paragraph is a duplicate from this many words on (shorter ones may repeat by design).
    duplicate_min_words: int = 20
    #: A page with more distinct repeated lines than this repeats by design (see `_mark_duplicates`).
    max_repeated_lines: int = 4
    #: How many blocks at each end of the page count as its top and bottom (nav and footer live there).
    edge_blocks: int = 4
    #: A paragraph of at least this many words (with a sentence in it) is article text: the page's
    #: top edge ends at the first.
    edge_paragraph_words: int = 20
    #: Longest line (in words) above the first paragraph read as furniture when it is no sentence.
    edge_line_words: int = 15
    #: The learned line model asked about lines the rules leave as text (`newsdesk.analysis.line_model`):
    #: `newsdesk:NAME` in newsdesk/models, a directory holding lines.json, or None for rules only.
    line_model: str | None = "newsdesk:lines"
    #: Fewest blocks on a page for the line model to be asked at all.
    line_model_min_blocks: int = 6

    def __post_init__(self) -> None:
        check_numbers(self, "clean", ("headline_max_words", "subheading_max_words", "caption_max_words",
                                      "truncation_min_words", "edge_blocks", "duplicate_min_words",
                                      "max_repeated_lines", "edge_paragraph_words", "edge_line_words",
                                      "line_model_min_blocks"), whole=True)


@dataclass(slots=True)
class _Block:
    start: int
    end: int
    text: str
    blank_before: bool
    blank_after: bool
    hint: str | None = None  # the reader's layout hint (heading, list_item, caption…) when it gave one
    role: str = "body"  # body, removed:<kind>, structure:<kind>


# ---------------------------------------------------------------------------- patterns
# Quotes and dashes are folded before comparing lines: a teaser shown twice is often once with
# straight and once with curly quotes.
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_CLOSERS = "\"'”’)]»"
_TERMINAL = ".!?…:;"
_BULLET = re.compile(r"^[•·▪●◦‣∙■□*–—-]\s+\S")
_WORD = re.compile(r"[\w’'-]+")

# Site furniture seen on CMS templates (WordPress and the like), anywhere on the page. Each is a
# whole block, so a sentence that merely contains these words is never touched.
_BOILERPLATE = re.compile(
    r"""^(?:
        by\s+(?:admin|administrator|editor|staff|webmaster|guest|newsroom|author|team|[a-z0-9_.]+)
      | by\s+.{0,40}\b(?:staff|desk|team|editors?|correspondents?)
      | (?:posted|written|published|submitted)(?:\s+on\s+.{0,40}?)?\s+by\b.{0,60}
      | posted\s+(?:on|at)\s+.{0,40}
      | leave\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?
      | cancel\s+reply | post\s+comment | submit\s+comment | \d+\s+comments?
      | your\s+email\s+address\s+will\s+not\s+be\s+published\.?(?:\s*required\s+fields\s+are\s+marked\s*\*?)?
      | required\s+fields\s+are\s+marked\s*\*?
      | save\s+my\s+name,?\s+email,?\s+and\s+website\b.{0,80}
      | you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?
      | (?:name|email|website|comment)\s*\*
      | share\s+(?:this|this\s+article|this\s+story|(?:on|via)\s+\w+(?:\s+\w+)?)\s*:?
      | comments\s+are\s+closed\.? | report\s+an\s+error | (?:view|show|hide)\s+comments
      | listen\s+to\s+this\s+(?:article|story)(?:\s*[-–—:]?\s*\d+\s+min(?:ute)?s?)?
      | (?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|ad))?
      | continue\s+reading\s+(?:below|the\s+main\s+story)
      | home\s*[»/>›|]\s*.{1,60}
      | like\s+this:?(?:\s+like\s+loading\.*)? | like\s+loading\.*
      | \(?(?:except\s+for\s+the\s+headline,?\s+)?this\s+(?:story|article|report|post)\s+has\s+not\s+been
        \s+edited\b.{0,200}
      | click\s+to\s+(?:share|print|email)\b.{0,60}
      | related(?:\s+(?:posts|articles|stories|news|content|coverage))?\s*:?
      | (?:you\s+(?:may|might)\s+also\s+like|more\s+from\s+\w+(?:\s+\w+)?|recommended(?:\s+for\s+you)?
         |trending(?:\s+now)?|most\s+read|popular\s+stories)\s*:?
      | advertisement | sponsored(?:\s+content)? | scroll\s+to\s+continue(?:\s+with\s+content)?
      | (?:sign\s+up|subscribe)\b.{0,80}newsletter.{0,40}
      | subscribe(?:\s+now)?(?:\s+to\s+\w+(?:\s+\w+)?)?
      | follow\s+us\s+on\b.{0,60}
      | (?:posted|filed)\s+(?:in|under)\b.{0,80}
      | (?:tags?|categories|category|topics)\s*:.{0,200}
      | (?:previous|next)\s+(?:post|article|story)\b.{0,120}
      | (?:©|\(c\)|copyright\b).{0,120}
      | all\s+rights\s+reserved\.?
      | (?:privacy\s+policy|terms\s+of\s+(?:use|service)|cookie\s+(?:policy|settings))(?:\s*[|·]\s*.{0,60})?
      | skip\s+to\s+(?:main\s+)?content
      | (?:published|updated|last\s+updated)\b.{0,50}\d.{0,30}
      | \d+\s+min(?:ute)?s?\s+read
      | our\s+standards:.{0,80}
      | (?:print|email|e-mail)\s+this\s+(?:article|page)
      # comment widgets, script and cookie notices: the words of a plugin, not of a story
      | (?:please\s+)?(?:enable|turn\s+on)\s+javascript\b.{0,160}
      | .{0,80}\bcomments\s+powered\s+by\s+\w+.{0,40}
      | (?:we|this\s+(?:site|website))\s+uses?\s+cookies\b.{0,240}
      | (?:accept|reject|manage)(?:\s+all)?\s+cookies.{0,40}
      | loading\s+comments.{0,10} | join\s+the\s+(?:discussion|conversation).{0,60}
      | (?:log\s+in|sign\s+in|register)\s+to\s+(?:comment|reply|post\s+a\s+comment).{0,40}
      | notify\s+me\s+of\s+(?:new\s+posts|follow-?up\s+comments)\b.{0,80}
      | \d+\s+(?:responses?|replies|thoughts)\s+(?:to|on)\b.{0,160}
      | (?:no\s+)?comments?\s+yet.{0,60} | be\s+the\s+first\s+to\s+comment.{0,40}
      | your\s+browser\s+does\s+not\s+support\b.{0,120}
      | (?:this\s+)?(?:video|embed|content|media)\s+(?:is\s+)?(?:not\s+available|unavailable)\b.{0,120}
      | advertisement\s*[-–—:|]\s*(?:continue|scroll|story|article|content)\b.{0,40}
      | (?:last\s+)?(?:modified|updated|edited)(?:\s+on)?\s*:?\s*.{0,20}\d.{0,40}
      | enter\s+your\s+e-?mail\b.{0,200}
      | (?:subscribe|sign\s+up|get)\b.{0,120}\b(?:by\s+e-?mail|inbox|notifications?\s+of\s+new\s+posts)\b.{0,80}
      # a posting line: "11 March 2022 by admin", "By editor | May 4, 2013", "by Jane Doe"
      | (?:posted\s+)?(?:on\s+)?(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d
         |\d{1,2}[./]\d{1,2}[./]\d{2,4})\s+by\s+[\w.-]+
      | by\s+[\w.-]+\s*[|·•,–—-]\s*.{0,30}\d.{0,20}
      | by\s+(?-i:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|el|da|di|le|la)){0,3})\s*
      # Blogger's post footer and navigation
      | posted\s+by\s+.{1,60}?\s+(?:at|on)\s+\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?.{0,20}
      | labels?\s*:.{0,200} | reactions?\s*: .{0,80}
      | email\s+this\s*blog\s*this!?.{0,160} | share\s+to\s+(?:twitter|facebook|pinterest).{0,120}
      | (?:no|\d+)\s+comments?\s*:? | post\s+a\s+comment | newer\s+posts?\s+older\s+posts?(?:\s+home)?
      | (?:newer|older)\s+posts? | subscribe\s+to\s*:\s*post\s+comments.{0,40}
      # tagDiv and other magazine themes
      | (?:related\s+articles|more\s+from\s+(?:the\s+)?author|leave\s+a\s+reply|most\s+popular|recent\s+comments
         |popular\s+posts?|editor['’]s\s+picks?|latest\s+(?:articles|posts|news|stories)|trending\s+(?:articles|posts))
      | please\s+enter\s+your\s+(?:comment|name|e-?mail)\b.{0,40}
      | you\s+have\s+entered\s+an\s+incorrect\s+e-?mail\s+address!?
      | [-–—]\s*advertisement\s*[-–—] | advertisements? | ad\s*:.{0,60} | sponsored\s+links?
      | (?:tweet|pin|print|email|e-mail|share|whatsapp|telegram|facebook|twitter|linkedin|reddit)(?:\s*[|·•/,]?\s*
         (?:tweet|pin|print|email|e-mail|share|whatsapp|telegram|facebook|twitter|linkedin|reddit|x))+
      | powered\s+by\s+.{1,60} | proudly\s+powered\s+by\b.{0,60} | theme\s+(?:by|:)\s+.{1,60}
      | source\s+link | (?:view|see)\s+(?:original|source)(?:\s+(?:article|post|story))?
      | all\s+(?:content|material|articles?)\s+(?:©|\(c\)|copyright).{0,120}
      # syndication disclaimers: "Disclaimer: this story is auto-aggregated by a computer program…"
      | disclaimer\s*:.{0,400}
      | .{0,80}\bauto-?(?:aggregated|generated|published)\b.{0,240}
      | .{0,120}\bhas\s+not\s+been\s+(?:created\s+or\s+)?(?:edited|modified|reviewed)\s+by\b.{0,200}
      # a rule between stories: "———", "* * *", "~~~"
      | (?:[-–—_=*~·•#+]\s*){2,}
      # a live blog's clock on its own line: "13.44 BST", "10:02 am"
      | \d{1,2}[.:]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:BST|GMT|CET|CEST|EET|EEST|EST|EDT|PST|PDT|UTC|ET|PT)?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Navigation words that are furniture only at the top or bottom of a page.
_EDGE_FURNITURE = re.compile(
    r"^(?:home|menu|search|news|world|politics|business|sport|sports|opinion|share|print|email|comments?"
    r"|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|log\s*in|sign\s*in|register"
    r"|(?:\w+\s*[|·]\s*){2,}\w+"
    r"|[\w'’&. -]{2,40}\s[|·]\s[\w'’&. -]{2,40})$",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(
    r"^(?:read\s+more|continue\s+reading|click\s+here(?:\s+to\s+read\s+more)?|read\s+the\s+full\s+(?:story|article)"
    r"|full\s+story|see\s+more|view\s+more|show\s+more|load\s+more|read\s+next|\(opens\s+new\s+tab\)"
    r"|\((?:more|read\s+more)\s*(?:…|\.\.\.)?\)|\[\s*(?:…|\.\.\.)\s*\])\s*[:.…»›>]*$",
    re.IGNORECASE,
)
# "… the invasion. read more" — a link's text left behind after a sentence.
_LINK_TAIL = re.compile(r"(?<=[.!?\"”’)\]…])\s+((?:click\s+here\s+to\s+)?(?:read\s+more|continue\s+reading"
                        r"|keep\s+reading|read\s+the\s+rest)(?:\s+(?:here|at\s+the\s+source))?(?:\s*[.…:»›>]+)?)(?=\s|$)"
                        r"|\s?(\(opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)\))"
                        # WordPress's "(more…)" link and an excerpt's "[…]", even after a word cut short
                        r"|\s*(\((?:more|read\s+more|continue(?:\s+reading)?)\s*(?:…|\.\.\.)?\)|\[\s*(?:…|\.\.\.)\s*\])\s*$",
                        re.IGNORECASE)
_TEASER_PREFIX = re.compile(
    r"^(?:read\s+more|related|see\s+also|also\s+read|read\s+also|more|watch|listen|live(?:\s+updates)?"
    r"|recommended|analysis|opinion|explainer|video)\s*[:|–—-]\s*\S",
    re.IGNORECASE,
)
# Photo credits: "(Aris Messinis/AFP/Getty Images)", "REUTERS/Name", "AP Photo/Name". Case matters
# here: "ePA/ePF" in a German sentence is not the EPA picture agency.
_CREDIT = re.compile(
    r"""(?:
        \((?:(?:Photo|Photograph|Image|Picture)(?:\s+by)?:?\s*)?[A-Z][\w.'’ -]*(?:\s*/\s*[A-Z][\w.'’ -]*)+\)\s*$
      | \b(?:REUTERS|AP\s+Photo|AFP\s+PHOTO|AFP|EPA|EPA-EFE|Getty\s+Images)\s*/\s*[A-Z]
      | \bvia\s+Getty\s+Images\b
      | [.!?]\s*\((?:Reuters|AP|AFP|EPA|Getty\s+Images|Bloomberg|dpa|Xinhua|TASS|Anadolu|Shutterstock)\)\s*$
      | [.!?]\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}\s*/\s*
        (?:[A-Z][\w.&-]*|dpa|picture\s+alliance)(?:\s+[A-Z][\w.&-]*)*\s*$  # "… morning. Jane Doe/dpa"
    )""",
    re.VERBOSE,
)
# Credit labels, in any case: "Photograph: Jane Doe/Reuters", "(File photo)", "Credit: …".
_CREDIT_LABEL = re.compile(
    r"""(?:
        \((?:photo|photograph|image|picture|file\s+photo|handout|credit)\b[^()\n]{0,80}\)\s*$
      | \b(?:photograph|photo|picture|image|credit|illustration)s?\s*:\s*\S
      | \bphoto(?:graph)?\s+by\s+[A-Z]
      | ^(?:file|handout)\s+(?:photo|picture|image)\b
    )""",
    re.VERBOSE | re.IGNORECASE,
)
# Captions that describe a picture without a credit.
_CAPTION_DEIXIS = re.compile(
    r"\b(?:seen\s+here|pictured(?:\s+here)?|shown\s+here|in\s+this\s+(?:photo|picture|image|handout|file\s+photo|"
    r"undated\s+photo|photograph)|poses?\s+for\s+(?:a\s+)?(?:photo|picture|portrait)|this\s+picture\s+taken)\b",
    re.IGNORECASE,
)
# The label over a list of links to other stories.
_RELATED_LABEL = re.compile(
    r"^(?:related(?:\s+(?:posts|articles|stories|news|content|coverage|reading))?|you\s+(?:may|might)\s+also\s+like"
    r"|more\s+(?:from|on|stories|news)\b.{0,40}|recommended(?:\s+for\s+you)?|read\s+(?:next|also)|also\s+read|see\s+also"
    r"|trending(?:\s+now)?|most\s+(?:read|popular|viewed)|popular\s+(?:stories|posts)|(?:latest|recent)\s+(?:posts|stories|news)"
    r"|don['’]t\s+miss|further\s+reading|in\s+other\s+news|elsewhere\s+on\s+.{1,40})\s*[:.…»›>]*$", re.IGNORECASE)
_LINK_TAIL_END = re.compile(r"\s+(?:read\s+more|continue\s+reading)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


# ---------------------------------------------------------------------------- blocks
def split_blocks(text: str, hints: Sequence[Span] = ()) -> list[Span]:
    """The page's blocks, trimmed of white space: one per line, or one per paragraph when the text
    is hard-wrapped (most lines run on into the next without ending a sentence)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    filled = [(s, e) for s, e in lines if text[s:e].strip()]
    # Hard-wrapped text: short lines of even length, many running on into a line that starts in lower
    # case. A page with one paragraph a line has long lines, and its short ones (headings, furniture)
    # do not run on into lower case.
    runs_on = sum(1 for (s, e), (s2, e2) in itertools.pairwise(lines) if _continues(text[s:e], text[s2:e2]))
    lengths = sorted(e - s for s, e in filled)
    short_lines = bool(lengths) and lengths[int(0.9 * (len(lengths) - 1))] <= 110
    wrapped = len(filled) >= 4 and short_lines and runs_on >= 0.25 * len(filled)
    spans: list[Span] = []
    current: list[tuple[int, int]] = []
    for s, e in [*lines, (len(text), len(text))]:
        blank = not text[s:e].strip()
        # Even on a page with one paragraph a line, a line that does not end its sentence and a next
        # line that starts in lower case are one paragraph wrapped in two.
        runs_into = bool(current) and not blank and _continues(text[current[-1][0]:current[-1][1]], text[s:e])
        # A list item is one line unless the whole text is hard-wrapped.
        item_ends = bool(current) and not wrapped and _is_bullet(text[current[-1][0]:current[-1][1]])
        if current and (blank or not (wrapped or runs_into) or _is_bullet(text[s:e]) or item_ends):
            spans.append(_trim(text, current[0][0], current[-1][1]))
            current = []
        if not blank:
            current.append((s, e))
    if hints:
        spans = _split_at_hints(text, spans, hints)
    return spans


def _split_at_hints(text: str, spans: list[Span], hints: Sequence[Span]) -> list[Span]:
    """Blocks never straddle two of the reader's layout blocks (an HTML caption glued to a paragraph)."""
    cuts = sorted({h.start for h in hints} | {h.end for h in hints})
    out: list[Span] = []
    for span in spans:
        edges = [span.start, *[c for c in cuts if span.start < c < span.end], span.end]
        for lo, hi in itertools.pairwise(edges):
            if text[lo:hi].strip():
                out.append(_trim(text, lo, hi))
    return out


def _trim(text: str, start: int, end: int) -> Span:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    tail = len(piece) - len(piece.rstrip())
    return Span(start + lead, end - tail, "block")


def _continues(line: str, next_line: str) -> bool:
    first = next_line.lstrip()[:1]
    # Wrapped lines are long; a short line ("Posted by admin") above a cut-off paragraph is not its start.
    if not (len(line.strip()) >= 40 and not _ends_sentence(line) and first.islower()
            and not line.rstrip().endswith((":", "—", "-")) and not _is_furniture(" ".join(line.split()))):
        return False
    # Nor does a byline or a credit line run on, or a line run on into one ("by Jane Doe (Harbour Gazette)").
    following = " ".join(next_line.split())
    return not (_is_furniture(following) or (len(following) <= 200 and find_credit(following) is not None)
                or (len(line) <= 200 and find_credit(" ".join(line.split())) is not None))


def _is_furniture(line: str) -> bool:
    """Site furniture or a photo credit: never the first half of a wrapped paragraph."""
    return bool(_BOILERPLATE.match(line) or _LINK_LINE.match(line) or _CREDIT.search(line)
                or _CREDIT_LABEL.search(line))


_MENU_SEPARATOR = re.compile(r"\s*[|·•»›]\s*|\s+/\s+")


def _is_menu(line: str) -> bool:
    """A row of three or more short items between separators ("SHARE: Facebook · Twitter · Email",
    "News | Sport | Weather"): a menu or share bar wherever it stands on the page."""
    items = [i for i in _MENU_SEPARATOR.split(line) if i.strip()]
    return (len(items) >= 3 and len(_WORD.findall(line)) <= 15
            and all(len(_WORD.findall(i)) <= 3 and not _SENTENCE_END.search(i + " A") for i in items))


_FIGURE_START = re.compile(r"(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\s+[a-z]")


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line.strip()))


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def fold(text: str) -> str:
    """A line's comparison key: quotes, dashes, case and white space folded."""
    return " ".join(text.translate(_FOLD).casefold().split()).strip(" .")


# Headlines do not end on these words; a line that does was cut off mid-sentence.
_FUNCTION_WORDS = frozenset("""
    a an the and or but of to in on at by for from with as that which who whose than into over
    after before about against between during without under while is are was were be been has have
    had will would could should may might can its his her their our your this these those
""".split())


def _prose(line: str) -> bool:
    """Written as running prose, not headline-ese: titles drop articles, auxiliaries and pronouns,
    so a long line where they make up two words in five is a sentence (cut short, maybe)."""
    words = [w.casefold() for w in _WORD.findall(line)]
    return len(words) >= 10 and sum(w in _FUNCTION_WORDS or w in _PRONOUNS for w in words) >= 0.4 * len(words)


_PRONOUNS = frozenset("i you he she it we they him us them me my mine".split())


_FRAGMENT = re.compile(
    r",\s+(?:but|and|or|which|who|whom|when|while|as|so|because|although|though|the|a|an|his|her|its|their)\s"
    r"|^(?:As|When|While|After|Before|Although|Though|Because|If|Since|Until|Once)\s[^,]{2,60},\s"
    # a discourse connective opens a sentence of a report, never a title
    r"|^(?:Meanwhile|However|Separately|Earlier|Later|Moreover|Furthermore|Nevertheless|Nonetheless|Instead"
    r"|Still|Also|Yet|Indeed|Overall|Elsewhere),\s")


def _content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more, plural s dropped, stop words out: what a text is about."""
    return {w.removesuffix("s") for w in re.findall(r"[a-z]{4,}", text.casefold()) if w not in STOPWORDS}


def headline_like(text: str, max_words: int = 20, *, single: bool = True) -> bool:
    """A short line that does not end a sentence and starts like a title: headline, teaser, label.

    With `single`, it must also be one phrase: no sentence ends inside it (a paragraph whose last
    sentence lost its full stop is not a headline)."""
    stripped = _LINK_TAIL_END.sub("", text.strip()).strip()
    if not stripped or _is_bullet(stripped) or _ends_sentence(stripped) or stripped[-1] in ",-–—":
        return False
    words = _WORD.findall(stripped)
    first = stripped.lstrip("\"'“‘(")[:1]
    if not (first.isupper() or first.isdigit()) or not 1 <= len(words) <= max_words:
        return False
    if words[-1].casefold() in _FUNCTION_WORDS or _FRAGMENT.search(stripped):
        return False
    # A long line whose comma runs on in lower case is a sentence (cut short, maybe), not a title.
    if len(words) >= 14 and re.search(r",\s+[a-z]", stripped):
        return False
    return not (single and _SENTENCE_END.search(stripped))


# ---------------------------------------------------------------------------- the stage
def page_blocks(page: Page) -> list[_Block]:
    """The page's blocks with the reader's layout hint for each and the blank lines around it."""
    text = page.text
    hints = sorted(page.hints, key=lambda h: (h.start, -h.end))
    hint_starts = [h.start for h in hints]
    blocks = []
    for span in split_blocks(text, page.hints):
        # The hint that holds the block, found by bisection: pages can have thousands of both.
        at = bisect.bisect_right(hint_starts, span.start) - 1
        hint = hints[at].kind if at >= 0 and span.end <= hints[at].end else None
        blocks.append(_Block(span.start, span.end, text[span.start:span.end],
                             blank_before=_newlines_around(text, span.start, -1) != 1,
                             blank_after=_newlines_around(text, span.end, +1) != 1, hint=hint))
    return blocks


def line_views(blocks: Sequence[_Block]) -> list[LineView]:
    """What the learned line model sees of each block."""
    return [LineView(b.text, b.hint, b.blank_before) for b in blocks]


class Cleaner:
    """Finds noise, structure and defects; built once, used for many pages (it holds no page state)."""

    def __init__(self, config: CleanConfig | None = None) -> None:
        self.config = config or CleanConfig()
        self.line_model = load_line_model(self.config.line_model) if self.config.line_model else None

    def __call__(self, page: Page) -> Cleaning:
        text = page.text
        blocks = page_blocks(page)
        removed: list[Span] = []
        structure: list[Span] = []
        credit_spans = self._mark_credits(page, blocks)
        self._mark_furniture(blocks)
        self._mark_duplicates(blocks)
        self._mark_related_lists(blocks)
        self._mark_highlights(blocks)
        self._mark_edges(blocks)
        self._mark_link_headlines(blocks)
        self._mark_learned(blocks)
        self._mark_headings(blocks)
        for b in blocks:
            kind = b.role.partition(":")[2]
            if b.role.startswith("removed:"):
                removed.append(Span(b.start, b.end, kind))
            elif b.role.startswith("structure:"):
                structure.append(Span(b.start, b.end, kind))
        removed.extend(self._link_tails(blocks))
        removed.extend(credit_spans)
        flags = self._flags(text, blocks, removed)
        return Cleaning(removed=tuple(sorted(removed, key=lambda s: (s.start, s.end))),
                        structure=tuple(structure), flags=tuple(flags),
                        blocks=tuple(Span(b.start, b.end, b.role) for b in blocks))

    def _mark_credits(self, page: Page, blocks: list[_Block]) -> list[Span]:
        """Credit lines (whole blocks) and credits that end a paragraph; returns the latter's spans.

        A credit that names the republishing site itself (its name in the page title or in other
        furniture) is the site's own furniture, not a story's credit. So is a copyright line set off
        from every story by other furniture at the top or the bottom of the page: a footer."""
        short = [b.text for b in blocks if len(b.text) <= 600]
        names = names_on_page(page.title, short)
        found: dict[int, Credit] = {}
        for i, b in enumerate(blocks):
            if b.hint == "heading" or len(b.text) > 600:
                continue
            credit = find_credit(b.text, b.start, names)
            if credit is not None:
                found[i] = credit
        # The site's own lines: its furniture (by shape), and its masthead, the page's first line when short.
        own = [b.text for i, b in enumerate(blocks) if i not in found and self._furniture_shape(b.text)]
        if blocks and 0 not in found and _words(blocks[0].text) <= 4 and not _ends_sentence(blocks[0].text):
            own.append(blocks[0].text)
        site = site_names(page.title, [b.text for i, b in enumerate(blocks) if i not in found and len(b.text) <= 600],
                          found.values(), own)
        body_like = [i for i, b in enumerate(blocks) if i not in found and not self._furniture_shape(b.text)]
        first_body, last_body = (body_like[0], body_like[-1]) if body_like else (len(blocks), -1)
        for i, credit in found.items():
            mine = {o.name for o in credit.outlets}
            footer = credit.family == "copyright" and (
                (i > last_body and i - 1 not in found and i - 1 != last_body) or i < first_body - 1)
            # "By Site Staff" above the page's first story: the site signing its own page.
            footer = footer or (credit.family == "staff_byline" and i < first_body)
            blocks[i].role = "removed:boilerplate" if (mine & site or footer) else "removed:credit"
            if footer:
                site |= mine
        holders = {copyright_holder(b.text) for i, b in enumerate(blocks) if i not in found and len(b.text) <= 300}
        self._mark_masthead(blocks, site | {h for h in holders if h})
        tails: list[Span] = []
        for b in blocks:
            if b.role == "body" and len(b.text) > 80:
                credit = find_tail_credit(b.text, b.start, names)
                if credit is not None and not {o.name for o in credit.outlets} & site:
                    tails.append(Span(credit.start, b.end, "credit"))
        return tails

    def _mark_masthead(self, blocks: list[_Block], site: set[str]) -> None:
        """The site's name at the top of the page, and a tagline right under it, are its masthead."""
        names = {letters(name) for name in site if len(letters(name)) >= 3}
        if not names:
            return
        for i, b in enumerate(blocks[:self.config.edge_blocks + 2]):
            if b.role != "body" or letters(b.text) not in names:
                continue
            b.role = "removed:boilerplate"
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.role == "body" and _words(nxt.text) <= 8 and not _ends_sentence(nxt.text):
                nxt.role = "removed:boilerplate"

    @staticmethod
    def _furniture_shape(text: str) -> bool:
        line = " ".join(text.split())
        return bool(_BOILERPLATE.match(line) or _LINK_LINE.match(line) or _EDGE_FURNITURE.match(line))

    def _mark_furniture(self, blocks: list[_Block]) -> None:
        cfg = self.config
        n = len(blocks)
        for i, b in enumerate(blocks):
            if b.role != "body":
                continue
            line = " ".join(b.text.split())
            at_edge = i < cfg.edge_blocks or i >= n - cfg.edge_blocks
            if _BOILERPLATE.match(line) or (at_edge and _EDGE_FURNITURE.match(line)) or (
                    b.hint != "table" and _is_menu(line)):
                b.role = "removed:boilerplate"
            elif _LINK_LINE.match(line):
                b.role = "removed:link_residue"
            elif b.hint == "caption" or self._is_caption(line):
                b.role = "removed:caption"
            elif _TEASER_PREFIX.match(line) and _words(line) <= cfg.headline_max_words + 5 and (
                    headline_like(line, cfg.headline_max_words + 5, single=False) or line.endswith("?")):
                b.role = "removed:teaser"

    def _is_caption(self, line: str) -> bool:
        if _CREDIT.search(line) or _CREDIT_LABEL.search(line):
            # A credit in a long, many-sentence paragraph is a sentence about a photographer, not a caption.
            return _words(line) <= self.config.caption_max_words + 15
        one_sentence = not _SENTENCE_END.search(line)
        return bool(_CAPTION_DEIXIS.search(line)) and one_sentence and _words(line) <= self.config.caption_max_words

    def _mark_duplicates(self, blocks: list[_Block]) -> None:
        """Repeated lines. A headline-like line shown exactly twice is a teaser (a link to another story
        rendered twice, as image text and as link text): both copies are teasers, the second also a
        copy. A later copy of furniture or of a whole paragraph is a duplicate. Lines that recur three
        times or more, headings and list items the reader marked, and short sentences are left alone:
        a meal plan repeats its labels, an interview its questions."""
        groups: dict[str, list[_Block]] = {}
        for b in blocks:
            key = fold(b.text)
            if len(key) >= 12:  # "Advertisement", "Share": too short to call a copy of anything
                groups.setdefault(key, []).append(b)
        repeated = [copies for copies in groups.values() if len(copies) >= 2]
        # Many different lines repeating is a page built of repetition (a plan, a table, a Q&A series),
        # not furniture: only copies of furniture are duplicates there.
        structured = len(repeated) > self.config.max_repeated_lines
        for copies in repeated:
            if structured and not copies[0].role.startswith("removed:"):
                continue
            first, later = copies[0], copies[1:]
            labelled = any(c.hint in ("heading", "list_item", "table") for c in copies)
            teaser = (len(copies) == 2 and not labelled and first.role == "body"
                      and (headline_like(first.text, self.config.headline_max_words, single=False)
                           or (first.text.endswith("?") and _words(first.text) <= self.config.headline_max_words)))
            if teaser:
                first.role = "removed:teaser"
            elif (len(copies) >= 3 and not labelled and first.role == "body" and _words(first.text) <= 12
                  and not _ends_sentence(first.text)):
                # A short line that is no sentence, shown three times or more between a page's stories
                # (a share bar, a sign-up line): the site's furniture, whatever its words.
                first.role = "removed:boilerplate"
            if teaser or first.role.startswith("removed:") or _words(first.text) >= self.config.duplicate_min_words:
                for copy in later:
                    copy.role = "removed:duplicate"

    def _mark_related_lists(self, blocks: list[_Block]) -> None:
        """The headlines listed under a "Related posts" or "You may also like" label are teasers."""
        cfg = self.config
        for i, b in enumerate(blocks):
            if not (b.role == "removed:boilerplate" and _RELATED_LABEL.match(" ".join(b.text.split()))):
                continue
            for item in blocks[i + 1:]:
                line = _BULLET.sub("", item.text, count=1).strip()
                listed = item.role in ("body", "removed:duplicate") and _words(line) <= cfg.headline_max_words + 5 and (
                    _is_bullet(item.text) or item.hint == "list_item"
                    or headline_like(line, cfg.headline_max_words + 5, single=False) or line.endswith("?"))
                if not listed:
                    break
                item.role = "removed:teaser"

    def _mark_edges(self, blocks: list[_Block]) -> None:
        """Short lines above the page's first paragraph that are not sentences: the site's masthead,
        tagline and menus, whatever their words. The headline (the last title-like line above the
        paragraph) and a standfirst (a sentence) stay. Below the last paragraph the same rule would
        take real text (a closing list, a poll, a sign-off: measured on AEB's pages), so the bottom is
        left to the furniture, credit and related-list rules."""
        cfg = self.config
        paragraphs = [i for i, b in enumerate(blocks) if b.role == "body" and _words(b.text) >= cfg.edge_paragraph_words
                      and _SENTENCE_END.search(b.text + " A")]
        if not paragraphs:
            return
        first = paragraphs[0]
        headline_kept = False
        for b in reversed(blocks[:first]):
            if b.role != "body" or b.hint in ("heading", "list_item"):
                headline_kept = headline_kept or b.role.startswith("structure:") or b.hint == "heading"
                continue
            words = _words(b.text)
            if _ends_sentence(b.text) and words >= 6:
                continue  # a standfirst, or a paragraph of its own
            if not headline_kept and headline_like(b.text, cfg.headline_max_words):
                headline_kept = True
                continue
            if words <= cfg.edge_line_words and not _is_bullet(b.text):
                b.role = "removed:boilerplate"

    def _mark_highlights(self, blocks: list[_Block]) -> None:
        """Runs of short bullets, most of them unpunctuated like headlines, are summary highlights."""
        i = 0
        while i < len(blocks):
            j = i
            while j < len(blocks) and blocks[j].role == "body" and _is_bullet(blocks[j].text):
                j += 1
            run = blocks[i:j]
            if run:
                titles = sum(headline_like(_BULLET.sub("X", b.text, count=1), self.config.headline_max_words)
                             or _words(b.text) <= 12 for b in run)
                if titles * 3 >= len(run) * 2:
                    for b in run:
                        b.role = "structure:highlights"
                i = j
            else:
                i += 1

    def _mark_link_headlines(self, blocks: list[_Block]) -> None:
        """Headline-like lines right above a "Read the full story" link are that link's headlines."""
        for i, b in enumerate(blocks):
            if b.role != "removed:link_residue":
                continue
            j = i - 1
            while j >= 0 and blocks[j].role == "body" and headline_like(blocks[j].text, self.config.headline_max_words,
                                                                        single=False):
                blocks[j].role = "removed:teaser"
                j -= 1

    def _mark_learned(self, blocks: list[_Block]) -> None:
        """Lines the rules left as text that the learned model calls furniture with confidence.

        Furniture is told by its place among other lines, so a page of a few blocks gives the model
        nothing to go on; and what it may take is limited to what furniture looks like: no sentence
        of a dozen words or more, no running prose (a sentence cut short), no line the reader marked
        as a heading, and no headline-like line that the paragraphs below it are about (a story's own
        title, not a link to another story).
        A credit line the grammar could not read names no outlet, so it is only furniture here."""
        model = self.line_model
        if model is None or len(blocks) < self.config.line_model_min_blocks:
            return
        views = line_views(blocks)
        counts = folded_counts(views)
        for i, b in enumerate(blocks):
            if b.role != "body" or b.hint == "heading" or _prose(b.text) or (
                    _ends_sentence(b.text) and _words(b.text) >= 12):
                continue
            probs = model.probabilities(line_features(views, i, counts))
            best = max(probs, key=lambda c: probs[c])
            if best == "body" or probs[best] < model.threshold:
                continue
            if best == "teaser" and headline_like(b.text, self.config.headline_max_words) and self._introduces(
                    b, blocks[i + 1:]):
                continue
            b.role = "removed:" + ("boilerplate" if best == "credit" else best)

    def _mark_headings(self, blocks: list[_Block]) -> None:
        """Unpunctuated short lines: the page's headline, subheadings inside a story, or teasers."""
        cfg = self.config
        body_seen = False
        for i, b in enumerate(blocks):
            if b.role != "body":
                body_seen = body_seen or b.role.startswith("structure:")
                continue
            if match_dateline(b.text, b.start, None) is None and (
                    b.hint == "heading" or headline_like(b.text, cfg.headline_max_words)):
                nxt = next((x for x in blocks[i + 1:] if not x.role.startswith("removed:")), None)
                followed_by_body = nxt is not None and not headline_like(nxt.text, cfg.headline_max_words)
                words = _words(b.text)
                if not body_seen:
                    b.role = "structure:headline"
                elif b.hint == "heading" or (followed_by_body and (
                        words <= cfg.subheading_max_words or self._introduces(b, blocks[i + 1:]))):
                    b.role = "structure:subheading"
                elif b.hint is None:
                    prev = next((x for x in reversed(blocks[:i]) if not x.role.startswith("removed:")), None)
                    if prev is not None and prev.role == "body" and words >= 8 and (
                            len(_content_words(b.text) & _content_words(prev.text)) >= 2 or _prose(b.text)
                            or b.text.count("“") > b.text.count("”")):
                        # It goes on with the paragraph above it, names and all, or opens a quotation it
                        # never closes: the story's last sentence, cut short, not a headline.
                        body_seen = True
                        continue
                    # A headline-like line that is not a short label and shares nothing with the text
                    # below it: a link to another story, left behind by the page it was copied from.
                    b.role = "removed:teaser"
                continue
            body_seen = True

    @staticmethod
    def _introduces(heading: _Block, following: list[_Block]) -> bool:
        """A subheading is about the paragraphs it opens: it shares a content word with the next two."""
        body = [b.text for b in following if b.role == "body"][:2]
        return bool(_content_words(heading.text) & _content_words(" ".join(body)))

    @staticmethod
    def _link_tails(blocks: list[_Block]) -> list[Span]:
        out = []
        for b in blocks:
            if b.role != "body":
                continue
            for m in _LINK_TAIL.finditer(b.text):
                group = m.lastindex or 0
                out.append(Span(b.start + m.start(group), b.start + m.end(group), "link_residue"))
        return out

    # -- defects
    def _flags(self, text: str, blocks: list[_Block], removed: list[Span]) -> list[Span]:
        flags: list[Span] = []
        body = [b for b in blocks if b.role == "body"]
        tails = {s.start: s for s in removed if s.kind == "link_residue"}
        previous: _Block | None = None
        position = {id(x): k for k, x in enumerate(blocks)}
        for index, b in enumerate(body):
            stripped = b.text.lstrip("\"'“‘([ ")
            # News style spells out a number that opens a sentence (years aside): a paragraph that
            # opens "60 people spent…" lost the words before the figure.
            starts_low = bool(stripped) and (stripped[0].islower() or _FIGURE_START.match(stripped) is not None)
            # A page (or paragraph) that opens in lower case lost its first words, unless it goes on
            # with the paragraph right above it: not across a title, a credit line or other furniture.
            cut_off = previous is None or _ends_sentence(previous.text) or headline_like(
                previous.text, self.config.headline_max_words) or any(
                x.role.startswith("removed:") for x in blocks[position[id(previous)] + 1:position[id(b)]])
            if starts_low and (index == 0 or cut_off):
                flags.append(Span(b.start, b.start + _first_sentence_len(b.text), "truncated_start"))
            flags.extend(self._quote_flags(b, blocks))
            # Link text left at the end of a paragraph ("… invasion. read more") is not where it ends.
            end_text = b.text
            for start, tail in tails.items():
                if b.start <= start < b.end and not text[tail.end:b.end].strip():
                    end_text = text[b.start:start]
            end_text = end_text.rstrip()
            if (_words(end_text) >= self.config.truncation_min_words and not _ends_sentence(end_text)
                    and end_text[-1:].isalnum()):
                last = _WORD.findall(end_text)[-1]
                cut = b.start + len(end_text)
                flags.append(Span(cut - len(last), cut, "truncated_end"))
            previous = b
        return flags

    @staticmethod
    def _quote_flags(b: _Block, blocks: list[_Block]) -> list[Span]:
        """Curly double quotes must pair up. A closing mark with no opening one means the start of
        the quotation (and of the paragraph) was cut; an opening mark never closed is fine only when
        the next paragraph reopens the quotation (the convention for quotes over several paragraphs)."""
        out: list[Span] = []
        depth, opened_at = 0, -1
        for m in re.finditer(r"[“”]|(?<![\w.,!?])\"(?=\w)|(?<=[\w.,!?])\"", b.text):
            mark = m.group()
            opening = mark == "“" or (mark == '"' and m.end() < len(b.text) and b.text[m.end()].isalnum()
                                      and (m.start() == 0 or not b.text[m.start() - 1].isalnum()))
            if opening:
                depth, opened_at = depth + 1, m.start()
            elif depth:
                depth -= 1
            else:
                out.append(Span(b.start, b.start + m.end(), "unbalanced_quote"))
                if m.start() < _first_sentence_len(b.text):
                    out.append(Span(b.start, b.start + m.end(), "truncated_start"))
        if depth:
            position = blocks.index(b)
            nxt = next((x for x in blocks[position + 1:] if x.role == "body"), None)
            if nxt is None or nxt.text.lstrip()[:1] not in "“\"":
                out.append(Span(b.start + opened_at, b.end, "unbalanced_quote"))
        return out


def _newlines_around(text: str, pos: int, step: int) -> int:
    """How many line breaks the white space before (step -1) or after (+1) `pos` holds; at the edge
    of the text, 2 (the page's edge sets a block off like a blank line)."""
    count = 0
    i = pos - 1 if step < 0 else pos
    while 0 <= i < len(text) and text[i] in " \t\r\n\u00a0":
        count += text[i] == "\n"
        i += step
    return 2 if not 0 <= i < len(text) else count


def _first_sentence_len(text: str) -> int:
    m = _SENTENCE_END.search(text)
    return m.start() + 1 if m else len(text)


def clean(page: Page, config: CleanConfig | None = None) -> Cleaning:
    """Clean one page with a throw-away `Cleaner` (build a `Cleaner` once for many pages)."""
    return Cleaner(config)(page)
