"""furniture_threads: readers' replies among a reposted story's paragraphs, told by repetition and place.

A forum that reposts an article ("Thanks for posting the text, the site is paywalled.", "Source?")
prints its readers' replies between the story's paragraphs and under them, and its template shows a
reply again under each post that quotes it. What marks such a line is not its words but:

* its shape: a short line of its own (at most `MAX_WORDS` words), no title (a headline-like line
  shown twice is the duplicate rule's teaser) and no quotation (a story's quoted speaker);
* repetition: the same short line printed twice or more on the page, one copy of it right by the
  thread's furniture (an author line, a button bar, the post's credit). A story that says a short
  sentence twice says it among its own sentences;
* being about something else: it shares no content word with the story's paragraphs next to it.
  A story's own short paragraph ("He was 74.", "The vote passed.") is read with the paragraphs
  around it; a reply about the post ("This aged well.") is not.

A short line that is repeated and about nothing next to it seeds a thread; the short lines set right
beside it (over furniture already marked, such as a reply's "Reply Share Report" bar) that are also
about nothing next to them are the same thread's replies. A thread holds at least two different lines:
a single short sentence repeated, with nothing beside it, is left to the story.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.analysis.line_shapes import Block, content_words, fold, headline_like, word_count

#: Longest reply, in words: a reader's one-liner, not a story's paragraph.
MAX_WORDS = 15
#: Shortest paragraph read as the story's text that a reply beside it would not share words with.
PARAGRAPH_WORDS = 20
#: Readers' replies carry no quotation marks of their own; a story's short quoted line does (typeset, or
#: tokenised as `` and '').
_QUOTE_MARKS = frozenset("\"“”«»„`")
#: The layout hints under which a short line is the page's structure, not a reply.
_STRUCTURE_HINTS = frozenset({"heading", "list_item", "table", "caption"})


def _short_line(block: Block) -> bool:
    text = " ".join(block.text.split())
    return (block.role == "body" and block.hint not in _STRUCTURE_HINTS and 1 <= word_count(text) <= MAX_WORDS
            and not _QUOTE_MARKS & set(text) and "''" not in text and not headline_like(text))


def _paragraph_words(blocks: Sequence[Block]) -> tuple[list[set[str]], list[set[str]]]:
    """For each block, the content words of the nearest story paragraph above it and below it (one pass each
    way: a page of thousands of short lines is read in linear time)."""
    paragraph = [b.role == "body" and word_count(b.text) >= PARAGRAPH_WORDS for b in blocks]
    above: list[set[str]] = []
    last: set[str] = set()
    for b, is_paragraph in zip(blocks, paragraph, strict=True):
        above.append(last)
        if is_paragraph:
            last = content_words(b.text)
    below: list[set[str]] = []
    last = set()
    for b, is_paragraph in zip(reversed(blocks), reversed(paragraph), strict=True):
        below.append(last)
        if is_paragraph:
            last = content_words(b.text)
    return above, below[::-1]


def _about_something_else(line: str, nearby: set[str]) -> bool:
    """Whether `line` shares no content word with the story paragraphs next to it (`nearby`). A line with no
    content word to compare (stop words only, or a script `content_words` does not read) tells nothing: no."""
    words = content_words(line)
    return bool(words) and not words & nearby


def _by_furniture(blocks: Sequence[Block], i: int) -> bool:
    """Whether the block right above or right below block `i` is already marked as furniture."""
    return any(0 <= j < len(blocks) and blocks[j].role.startswith("removed:") for j in (i - 1, i + 1))


def comment_lines(blocks: Sequence[Block]) -> set[int]:
    """The indices of the blocks that are readers' replies (see the module's docstring)."""
    above, below = _paragraph_words(blocks)
    reply = {i for i, b in enumerate(blocks) if _short_line(b) and _about_something_else(b.text, above[i] | below[i])}
    copies: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        copies.setdefault(fold(b.text), []).append(i)
    # Every copy must read as a reply: a line shown once as a reply and once as a story's text is the story's.
    # And one copy must stand by furniture (its author line, a button bar, the post's credit): a story that
    # says a short sentence twice says it among its own sentences.
    seeds = [i for i in sorted(reply) if len(group := copies[fold(blocks[i].text)]) >= 2 and set(group) <= reply
             and any(_by_furniture(blocks, j) for j in group)]
    thread = set(seeds)
    todo = list(seeds)
    while todo:
        i = todo.pop()
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(blocks) and blocks[j].role.startswith("removed:"):
                j += step  # over a reply's own furniture (its author line, its button bar)
            if j in reply and j not in thread:
                thread.add(j)
                todo.append(j)
    # A thread is several readers talking: one short sentence shown twice and nothing else with it is as
    # likely a story that repeats itself (a tokenised article printing a line twice) as a reply; keep it.
    if len({fold(blocks[i].text) for i in thread}) < 2:
        return set()
    return thread


def mark_comment_threads(blocks: Sequence[Block]) -> None:
    """Mark the readers' replies among `blocks` as the site's furniture (run after the other line rules,
    so that what they already took is stepped over and not read as a reply)."""
    for i in comment_lines(blocks):
        blocks[i].role = "removed:boilerplate"
