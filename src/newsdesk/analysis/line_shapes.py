"""line_shapes: what a line of a news page looks like — the shapes of site furniture, captions, credits,
menus, bullets, headlines and sentences — and the page's blocks (`page_blocks`), as the cleaner
(`newsdesk.analysis.clean`) and the learned line model see them.

Each pattern is a whole-block shape, so a sentence that merely contains its words is never touched.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.analysis.line_model import LineView, word_class
from newsdesk.analysis.segment import STOPWORDS
from newsdesk.model import Page, Span
from newsdesk.text.credit import find_credit


@dataclass(slots=True)
class Block:
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
BULLET = re.compile(r"^[•·▪●◦‣∙■□*–—-]\s+\S")
WORD = re.compile(r"[\w’'-]+")

# Site furniture seen on CMS templates (WordPress and the like), anywhere on the page. Each is a
# whole block, so a sentence that merely contains these words is never touched.
BOILERPLATE = re.compile(
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
      | comments\s+are\s+(?:now\s+)?closed(?:\s+(?:for|on)\s+this\s+(?:story|article|post|page))?\.?
      | report\s+an\s+error
      | (?:view|show|hide|load|read)\s+(?:all\s+)?comments(?:\s*\(\d+\))?
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
      # a label and its count, as a widget shows it: "Comments (6)", "Photos (12)"
      | [a-z][\w'’-]*(?:\s+[\w'’-]+){0,2}\s*\(\d+\)
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
      # contact details, their label and a wire item's end mark: "Media contact:", "press@x.com",
      # "+1 (555) 010-2030", "(END)", "Enditem", "-- 30 --"
      | (?:(?:media|press|investor|news|editorial)\s+)?(?:contacts?|enquiries|inquiries)\s*:
      | (?:e-?mail\s*:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+
      | (?:(?:tel|phone|ph|t)\.?\s*:?\s*)?\+?\d[\d\s().-]{6,}\d
      | \(?\s*(?:end|ends|endit|enditem)\s*\)?(?:\s+[a-z]{2,4}){0,3} | -+\s*30\s*-+
      # an agency's desk codes and filing time, in capitals: "XYZ/ABC DEF/1129 hrs"
      | (?-i:[A-Z]{2,5}(?:\s*/\s*|\s+)[A-Z]{2,3}(?:(?:\s*/\s*|\s+)[A-Z]{2,3}){0,3}(?:\s*/\s*\d{3,4}\s*hrs)?)
      # a sign-up call: "Sign up for breaking news alerts", "Subscribe to our newsletter"
      | (?:sign\s+up|subscribe|register)\s+(?:for|to)\s+(?:our\s+|the\s+|free\s+)?.{0,40}?
        \b(?:alerts?|newsletters?|e-?mails?|updates|digest)\.?
      # a cookie banner: "We use cookies to improve your experience…", "Accept all cookies"
      | (?:we|this\s+(?:site|website))\s+uses?\s+cookies\b.{0,300} | (?:accept|reject|decline)\s+(?:all\s+)?cookies
      | manage\s+(?:cookie\s+)?(?:preferences|settings|consent)
      # a press release's issuer and media lines: "SOURCE Quayside Corp.", "Logo - Quayside Corp."
      | (?-i:SOURCE)\s+(?-i:[A-Z])[\w.,&'’ -]{1,80}
      | (?:logo|photo|image|video|graphic|infographic|multimedia)\s+[-–—:]\s+.{1,80}
      # a byline with a time or a reading time: "Story by News Desk • 3 hours ago", "Jane Doe • 6 min read"
      | (?:(?:story|article|words|text|report)\s+)?by\s+.{0,40}\b(?:staff|desk|team|editors?)\s*[•·|]\s*.{0,30}
      | .{0,60}[•·|]\s*\d+\s+min(?:ute)?s?\s+read
      # the site thanking its reader: "Thanks for reading Site! Subscribe for free…"
      | thanks?(?:\s+you)?\s+for\s+(?:reading|visiting)\s+(?-i:[A-Z]).{0,200}
      # a placeholder or label in square brackets: "[ad_1]", "[Editor's Pick]"
      | \[[\w'’ -]{1,30}\]
      # a live blog's clock on its own line: "13.44 BST", "10:02 am"
      | \d{1,2}[.:]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:BST|GMT|CET|CEST|EET|EEST|EST|EDT|PST|PDT|UTC|ET|PT)?
      # markup a scraper left behind: character entities, a script link, symbols with no word among them
      | (?:&(?:\#\d{1,6}|\#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,7});\s*)+ | javascript\s*:\s*\S{0,60}
      | (?:[^\w\s]\s*){3,}
      # a licence notice, verbless: "For internal use only.", "Not for redistribution."
      | (?:(?:for\s+(?:[\w-]+,?\s+){1,3}use\s+only|not\s+for\s+(?:re-?)?(?:distribution|publication|broadcast
         |sale|resale|reproduction|circulation))\.?\s*){1,3}
      # a disclaimer that the page's text is given for information only ("Translations by X are provided …")
      | .{0,80}\b(?:provided|offered|supplied|published)\s+(?:for\s+(?:general\s+)?information(?:al)?
         (?:\s+purposes)?|as\s+a\s+courtesy)\s+only\.?
      # an editor's or translator's note in brackets: "[Translator's note: some terms were adapted]"
      | \[(?:[\w-]+['’]s\s+)?note\s*:[^\[\]]{1,200}\]
      # a feedback widget: a question and its answer buttons ("Was this helpful? Yes · No")
      | .{3,80}\?\s*(?:yes|no)(?:\s*[|·•/]\s*(?:yes|no))+
      # a link to another rendering of the page: "View non-AMP version", "Switch to the desktop site"
      | (?:view|see|switch\s+to|go\s+to|open)\s+(?:the\s+)?(?:non-?amp|amp|full|desktop|mobile|classic|standard
         |original|printable|print|text-only|web)\s+(?:version|site|view|page|edition)(?:\s+of\s+this\s+\w+)?
      # a thread closed to replies and its sort control: "Archived post. New comments cannot be posted …"
      | (?:archived\s+(?:post|thread|topic)\.?\s*)?(?:new\s+)?(?:comments?|replies)\s+(?:can(?:not|['’]t)
         |can\s+no\s+longer)\s+be\s+(?:posted|added)\b.{0,80}
      | sort(?:ed)?\s+by\s*:?\s*[\w-]+(?:\s+[\w-]+)?
      # an archive's or clipping service's item number: "Clip ID 10-38", "Ref. No. 4411", "Item #2093"
      | (?:(?:[a-z]+\s+){0,2}(?:id|ref\.?|reference|\#)|(?:[a-z]+\s+){1,2}no\.)\s*[:#.]?\s*[a-z]{0,3}\d[\d/-]*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Navigation words that are furniture only at the top or bottom of a page.
EDGE_FURNITURE = re.compile(
    r"^(?:home|menu|search|news|world|politics|business|sport|sports|opinion|share|print|email|comments?"
    r"|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|log\s*in|sign\s*in|register"
    r"|(?:\w+\s*[|·]\s*){2,}\w+"
    r"|[\w'’&. -]{2,40}\s[|·]\s[\w'’&. -]{2,40})$",
    re.IGNORECASE,
)
LINK_LINE = re.compile(
    r"^(?:read\s+more|continue\s+reading|click\s+here(?:\s+to\s+read\s+more)?|read\s+the\s+full\s+(?:story|article)"
    r"|full\s+story|see\s+more|view\s+more|show\s+more|load\s+more|read\s+next|\(opens\s+new\s+tab\)"
    r"|\((?:more|read\s+more)\s*(?:…|\.\.\.)?\)|\[\s*(?:…|\.\.\.)\s*\]"
    # a short label the site set an arrow after: a link, whatever it says ("Source →", "Full coverage ›")
    r"|(?:[\w'’&-]+\s+){0,3}[\w'’&-]+\s*[→⟶➔➜»›])\s*[:.…»›>→]*$",
    re.IGNORECASE,
)
# "… the invasion. read more" — a link's text left behind after a sentence.
LINK_TAIL = re.compile(r"(?<=[.!?\"”’)\]…])\s+((?:click\s+here\s+to\s+)?(?:read\s+more|continue\s+reading"
                        r"|keep\s+reading|read\s+the\s+rest)(?:\s+(?:here|at\s+the\s+source))?(?:\s*[.…:»›>]+)?)(?=\s|$)"
                        # a short label the site set a link's arrow after, closing a paragraph ("Read full article »")
                        r"|(?<=[.!?\"”’)\]…])\s+((?:[\w'’&-]+\s+){0,3}[\w'’&-]+\s*[→⟶➔➜»›])\s*$"
                        r"|\s?(\(opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)\))"
                        # WordPress's "(more…)" link and an excerpt's "[…]", even after a word cut short
                        r"|\s*(\((?:more|read\s+more|continue(?:\s+reading)?)\s*(?:…|\.\.\.)?\)|\[\s*(?:…|\.\.\.)\s*\])\s*$",
                        re.IGNORECASE)
TEASER_PREFIX = re.compile(
    r"^(?:read\s+more|related|see\s+also|also\s+read|read\s+also|more|(?:watch|listen)(?:\s+live)?|live(?:\s+updates)?"
    r"|recommended|analysis|opinion|explainer|video)\s*[:|–—-]\s*\S",
    re.IGNORECASE,
)
# Photo credits: "(Aris Messinis/AFP/Getty Images)", "REUTERS/Name", "AP Photo/Name". Case matters
# here: "ePA/ePF" in a German sentence is not the EPA picture agency.
CREDIT = re.compile(
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
CREDIT_LABEL = re.compile(
    r"""(?:
        \((?:photo|photograph|image|picture|file\s+photo|handout|credit)\b[^()\n]{0,80}\)\s*$
      | \b(?:photograph|photo|picture|image|credit|illustration)s?\s*:\s*\S
      | \bphoto(?:graph)?\s+by\s+[A-Z]
      | ^(?:file|handout)\s+(?:photo|picture|image)\b
      # who lent the picture: "Photo courtesy of X", "Image supplied by X", "Video provided by X"
      | ^(?:photo|photograph|image|picture|video|footage)s?\s+(?:courtesy(?:\s+of)?|supplied\s+by|provided\s+by)\s+
        (?:the\s+)?(?-i:[A-Z])[\w.&'’,-]*(?:\s+(?:(?-i:[A-Z])[\w.&'’,-]*|of|and|&|the|for|de)){0,6}\.?\s*$
    )""",
    re.VERBOSE | re.IGNORECASE,
)
# Captions that describe a picture without a credit.
CAPTION_DEIXIS = re.compile(
    r"\b(?:seen\s+here|pictured(?:\s+here)?|shown\s+here|in\s+this\s+(?:photo|picture|image|handout|file\s+photo|"
    r"undated\s+photo|photograph)|poses?\s+for\s+(?:a\s+)?(?:photo|picture|portrait)|this\s+picture\s+taken)\b"
    # a line that describes its picture: "Photo taken on 21 May shows …", "A file image showing …"
    r"|^(?:an?\s+)?(?:file\s+)?(?:photo|picture|image|photograph)\s+(?:taken|showing|released|dated)\b"
    r"|^(?:photo|picture|image|photograph)\s+shows\b",
    re.IGNORECASE,
)
# The label over a list of links to other stories.
RELATED_LABEL = re.compile(
    r"^(?:related(?:\s+(?:posts|articles|stories|news|content|coverage|reading))?|you\s+(?:may|might)\s+also\s+like"
    r"|more\s+(?:from|on|stories|news)\b.{0,40}|recommended(?:\s+for\s+you)?|read\s+(?:next|also)|also\s+read|see\s+also"
    r"|trending(?:\s+now)?|most\s+(?:read|popular|viewed)|popular\s+(?:stories|posts)|(?:latest|recent)\s+(?:posts|stories|news)"
    r"|don['’]t\s+miss|further\s+reading|in\s+other\s+news|elsewhere\s+on\s+.{1,40})\s*[:.…»›>]*$", re.IGNORECASE)
_LINK_TAIL_END = re.compile(r"\s+(?:read\s+more|continue\s+reading)\s*$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


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
        item_ends = bool(current) and not wrapped and is_bullet(text[current[-1][0]:current[-1][1]])
        if current and (blank or not (wrapped or runs_into) or is_bullet(text[s:e]) or item_ends):
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
    if not (len(line.strip()) >= 40 and not ends_sentence(line) and first.islower()
            and not line.rstrip().endswith((":", "—", "-")) and not _is_furniture(" ".join(line.split()))):
        return False
    # Nor does a byline or a credit line run on, or a line run on into one ("by Jane Doe (Harbour Gazette)").
    following = " ".join(next_line.split())
    return not (_is_furniture(following) or (len(following) <= 200 and find_credit(following) is not None)
                or (len(line) <= 200 and find_credit(" ".join(line.split())) is not None))


def _is_furniture(line: str) -> bool:
    """Site furniture or a photo credit: never the first half of a wrapped paragraph."""
    return bool(BOILERPLATE.match(line) or LINK_LINE.match(line) or CREDIT.search(line)
                or CREDIT_LABEL.search(line))


_MENU_SEPARATOR = re.compile(r"\s*[|·•»›]\s*|\s+/\s+")


def is_menu(line: str) -> bool:
    """A row of three or more short items between separators ("SHARE: Facebook · Twitter · Email",
    "News | Sport | Weather"): a menu or share bar wherever it stands on the page."""
    items = [i for i in _MENU_SEPARATOR.split(line) if i.strip()]
    return (len(items) >= 3 and len(WORD.findall(line)) <= 15
            and all(len(WORD.findall(i)) <= 3 and not SENTENCE_END.search(i + " A") for i in items))


FIGURE_START = re.compile(r"(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\s+[a-z]")


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_bullet(line: str) -> bool:
    return bool(BULLET.match(line.strip()))


#: The site speaking to its reader.
#: Longer than 25 words can be, however short the words: no line a site speaks to its reader in.
_READER_MAX_CHARS = 400
_SITE_WORDS = frozenset("our us we we're we’re we'll we’ll".split())
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_READER_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def addresses_reader(line: str) -> bool:
    """A short line in which the site speaks to its reader: an imperative that names the reader or the
    site ("Download our app", "Please read our community guidelines", "Follow us"), or a question put
    to the reader with its subject left out or "you" as it ("Got a story?", "Already a subscriber?",
    "Have a news tip?"), alone or followed by such an imperative ("… Email us at …").

    A story does not address its reader in a line of its own; a quotation might, so a line with
    quotation marks is never taken. Verbs are read from the English pipeline's word index, not
    from a list of the words sites use."""
    # Asked of every paragraph: a long one is answered before it is split or searched.
    if len(line) > _READER_MAX_CHARS:
        return False
    text = " ".join(line.split())
    if not text or _QUOTE_MARKS.search(text) or len(WORD.findall(text)) > 25 or text.isupper():
        return False
    sentences = [x for x in _READER_SENTENCE.split(text) if x]
    if not 1 <= len(sentences) <= 3:
        return False
    kinds = [_reader_sentence(s) for s in sentences]
    if None in kinds:
        return False
    # An imperative naming the reader or the site, or a question with its subject left out, says it; a
    # question to "you" may be an interviewer's, unless an imperative follows ("Do you have a story?
    # Email us"); bare imperatives need one of these beside them ("Already a subscriber? Log in").
    return "names" in kinds or "elided" in kinds or (
        "you" in kinds and kinds.index("you") < len(kinds) - 1 and kinds[-1] in ("names", "bare"))


#: What may follow an imperative's verb: articles, prepositions, pronouns, particles — closed classes of
#: English ("Download the …", "Follow for …", "Sign up …", "Open in …"); a headline's noun subject is
#: followed by its verb instead ("Police arrest …").
_IMPERATIVE_NEXT = frozenset("""a an the this these our your my us me it them him her for to in on at up out into
    with from more all now here""".split())


def calls_to_action(line: str) -> bool:
    """A short line, no sentence, that is a bare imperative calling the reader to act ("Download the
    KVLA app", "Follow for more stories like this", "Open in app"): the site's furniture, whatever it
    names. The verb is read from the English pipeline's word index, and what follows it must be a
    closed-class word (see `_IMPERATIVE_NEXT`). A story's subheading of this shape introduces the text
    below it: the cleaner asks that before it acts."""
    text = " ".join(line.split())
    if not text or len(text) > 120 or _QUOTE_MARKS.search(text) or text[-1:] in ".?;:,":
        return False
    words = WORD.findall(text)
    if not 2 <= len(words) <= 10 or words[1].casefold() not in _IMPERATIVE_NEXT:
        return False
    return _reader_sentence(text) in ("bare", "names")


#: A line whose subject is the page's own text: "This article was amended on 11 March", "This story has been
#: updated", "This post contains affiliate links", "Editor's note: this article is for subscribers only".
_TEXT_DEIXIS = re.compile(r"^(?:(?:editor['’]s\s+)?note\s*:\s*)?(?:this|the\s+above|the\s+following)\s+"
                          r"(?:article|story|post|page|report|piece|content|video|item|entry|feature|column|"
                          r"newsletter|blog|version)\b", re.IGNORECASE)


#: A page naming itself as a document made for someone: a noun for a compiled document, a participle of
#: making, "for" and a name that ends the line ("Media monitoring report prepared for X", "Press digest
#: compiled for X subscribers"); "A report prepared for the council found …" goes on as a clause.
_MADE_FOR = re.compile(r"^(?:[\w'’&-]+\s+){0,4}?(?:report|digest|briefing|summary|clippings?|cuttings|selection|"
                       r"compilation|round-?up|bulletin|dossier|monitor(?:ing)?|review|newsletter|edition)\s+"
                       r"(?:prepared|compiled|produced|assembled|curated|collected|gathered|made)\s+"
                       r"(?:exclusively\s+|especially\s+|solely\s+)?for\s+(?:the\s+)?"
                       r"(?-i:[A-Z0-9][\w'’&.-]*)(?:\s+(?-i:[A-Z0-9][\w'’&.-]*)){0,5}"
                       r"(?:\s+(?:readers|subscribers|clients|members|customers|staff))?\s*$", re.IGNORECASE)


def about_the_page(line: str) -> bool:
    """A short line about the page's text itself (an editor's note, a correction, a paywall or
    affiliate notice, the page calling itself a report made for a client): a site speaking of its page,
    not a story's sentence. At most two sentences of 25 words, none quoted; credit lines of this shape
    ("This article first appeared on X") are read by the credit grammar before this."""
    if len(line) > _READER_MAX_CHARS:
        return False
    text = " ".join(line.split())
    if _MADE_FOR.match(text) and len(WORD.findall(text)) <= 14 and not ends_sentence(text):
        return True
    return (bool(_TEXT_DEIXIS.match(text)) and not _QUOTE_MARKS.search(text) and len(WORD.findall(text)) <= 25
            and len(_READER_SENTENCE.split(text)) <= 2)


#: The finite auxiliaries and copulas, a closed class: they open a question by inversion ("Will the truce
#: hold?"), and a line holding one has a clause.
FINITE_AUXILIARIES = frozenset("will would can could shall should may might must do does did is are was were has had "
                         "have am".split())


#: A condition put to the reader before an imperative: "If you enjoyed this, …", "If you have a tip, …".
_READER_CONDITION = re.compile(r"^(?:and\s+)?if\s+you\b(?:[^,.;:!?]{0,40}\b(?P<page>this|these)\b)?[^,.;:!?]{0,40},"
                               r"\s+(?=[a-z])", re.IGNORECASE)


def _reader_sentence(sentence: str) -> str | None:
    """"elided" (a question with its subject left out: "Got a story?"), "you" (a question put to
    "you"), "names" (an imperative naming the reader or the site), "bare" (another short imperative),
    or None (the sentence does not speak to the reader)."""
    # "If you liked this, subscribe to …": a condition put to the reader about the text itself is the site
    # speaking of its page; "If you see smoke, call 911" is a story's advice, read as its imperative alone.
    condition = _READER_CONDITION.match(sentence)
    if condition is not None:
        then = _reader_sentence(sentence[condition.end():])
        return "names" if then in ("bare", "names") and condition.group("page") else then
    words = [w.casefold() for w in WORD.findall(sentence)]
    if words[:1] == ["please"]:
        words = words[1:]
    if not words or len(words) > 12:
        return None
    if sentence.endswith("?"):
        if (words[0] in ("have", "got") and words[1:2] in (["a"], ["an"], ["any"])) or words[0] == "already":
            return "elided"
        if words[0] not in FINITE_AUXILIARIES and word_class(words[0]) in ("verb", "verbnoun") and not (
                words[0].endswith("ing")) and len(words) <= 6:
            return "elided"  # "Want more?", "Need help?"; "Remember the state's quest for a slogan?" asks no one
        return "you" if words[0] in FINITE_AUXILIARIES and words[1:2] == ["you"] else None
    if word_class(words[0]) not in ("verb", "verbnoun") or words[0] in _SITE_WORDS or words[0] in FINITE_AUXILIARIES:
        return None
    # "Download our app", "Tell us…": the site speaks. "Eat before your workout" is a how-to's advice:
    # the reader alone is no sign of furniture.
    # Written as words, not names: "US" is a country, "Us" a magazine.
    written = WORD.findall(sentence)
    site = any(w in _SITE_WORDS for w in written[1:]) or written[0] in ("We", "Our")
    return "names" if site else "bare"


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def fold(text: str) -> str:
    """A line's comparison key: quotes, dashes, case and white space folded."""
    return " ".join(text.translate(_FOLD).casefold().split()).strip(" .")


# Headlines do not end on these words; a line that does was cut off mid-sentence.
_FUNCTION_WORDS = frozenset("""
    a an the and or but of to in on at by for from with as that which who whose than into over
    after before about against between during without under while is are was were be been has have
    had will would could should may might can its his her their our your this these those
""".split())


def is_prose(line: str) -> bool:
    """Written as running prose, not headline-ese: titles drop articles, auxiliaries and pronouns,
    so a long line where they make up two words in five is a sentence (cut short, maybe)."""
    words = [w.casefold() for w in WORD.findall(line)]
    return len(words) >= 10 and sum(w in _FUNCTION_WORDS or w in _PRONOUNS for w in words) >= 0.4 * len(words)


_PRONOUNS = frozenset("i you he she it we they him us them me my mine".split())


_FRAGMENT = re.compile(
    r",\s+(?:but|and|or|which|who|whom|when|while|as|so|because|although|though|the|a|an|his|her|its|their)\s"
    r"|^(?:As|When|While|After|Before|Although|Though|Because|If|Since|Until|Once)\s[^,]{2,60},\s"
    # a discourse connective opens a sentence of a report, never a title
    r"|^(?:Meanwhile|However|Separately|Earlier|Later|Moreover|Furthermore|Nevertheless|Nonetheless|Instead"
    r"|Still|Also|Yet|Indeed|Overall|Elsewhere),\s")


# What opens a story's first paragraph: something new, brought in with an indefinite article or a
# count ("A bomb exploded…", "Three people have died…", "More than 200 homes…").
_BRINGS_IN = re.compile(r"^(?:An?|Some|Several|Dozens|Hundreds|Thousands|Millions|More\s+than|At\s+least|Up\s+to"
                        r"|\d[\d,.]*|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve|Twenty|Fifty)\s+[\w-]")


def opening_shape(text: str, before: str = "") -> int:
    """How a paragraph opens, as a cue of whether it starts a story: +1 when it brings in something new
    (an indefinite article or a count), -1 when it refers back to the text `before` it ("the police"
    right after a paragraph about police), 0 when its opening tells neither.

    A pronoun or a connective ("He added", "But…") is no cue here: a republished excerpt often
    starts in the middle of a report, at whatever sentence the cut fell on."""
    head = text.lstrip()
    words = WORD.findall(head[:80])
    if not words or head[:1] in "\"“‘'(":
        return 0
    if words[0] == "The" and len(words) > 1 and words[1][:1].islower() and before:
        return -1 if words[1].removesuffix("s").casefold() in content_words(before) else 0
    return 1 if _BRINGS_IN.match(head) else 0


def content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more, plural s dropped, stop words out: what a text is about."""
    return {w.removesuffix("s") for w in re.findall(r"[a-z]{4,}", text.casefold()) if w not in STOPWORDS}


def headline_like(text: str, max_words: int = 20, *, single: bool = True) -> bool:
    """A short line that does not end a sentence and starts like a title: headline, teaser, label.

    With `single`, it must also be one phrase: no sentence ends inside it (a paragraph whose last
    sentence lost its full stop is not a headline)."""
    stripped = _LINK_TAIL_END.sub("", text.strip()).strip()
    if not stripped or is_bullet(stripped) or ends_sentence(stripped) or stripped[-1] in ",-–—":
        return False
    words = WORD.findall(stripped)
    first = stripped.lstrip("\"'“‘(")[:1]
    if not (first.isupper() or first.isdigit()) or not 1 <= len(words) <= max_words:
        return False
    if words[-1].casefold() in _FUNCTION_WORDS or _FRAGMENT.search(stripped):
        return False
    # A long line whose comma runs on in lower case is a sentence (cut short, maybe), not a title.
    if len(words) >= 14 and re.search(r",\s+[a-z]", stripped):
        return False
    return not (single and SENTENCE_END.search(stripped))


# ---------------------------------------------------------------------------- the stage
def page_blocks(page: Page) -> list[Block]:
    """The page's blocks with the reader's layout hint for each and the blank lines around it."""
    text = page.text
    hints = sorted(page.hints, key=lambda h: (h.start, -h.end))
    hint_starts = [h.start for h in hints]
    blocks = []
    for span in split_blocks(text, page.hints):
        # The hint that holds the block, found by bisection: pages can have thousands of both.
        at = bisect.bisect_right(hint_starts, span.start) - 1
        hint = hints[at].kind if at >= 0 and span.end <= hints[at].end else None
        blocks.append(Block(span.start, span.end, text[span.start:span.end],
                             blank_before=_newlines_around(text, span.start, -1) != 1,
                             blank_after=_newlines_around(text, span.end, +1) != 1, hint=hint))
    return blocks


def line_views(blocks: Sequence[Block]) -> list[LineView]:
    """What the learned line model sees of each block."""
    return [LineView(b.text, b.hint, b.blank_before) for b in blocks]



def _newlines_around(text: str, pos: int, step: int) -> int:
    """How many line breaks the white space before (step -1) or after (+1) `pos` holds; at the edge
    of the text, 2 (the page's edge sets a block off like a blank line)."""
    count = 0
    i = pos - 1 if step < 0 else pos
    while 0 <= i < len(text) and text[i] in " \t\r\n\u00a0":
        count += text[i] == "\n"
        i += step
    return 2 if not 0 <= i < len(text) else count
