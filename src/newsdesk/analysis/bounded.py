"""bounded: keep every spaCy call on a piece of bounded size, whatever the page.

    pieces(text, limit)          -> [(start, end), ...]  cover text exactly, each at most `limit` chars
    BoundedPipe(nlp, limit).pipe(texts)                  like nlp.pipe, one Doc per text, offsets kept

spaCy refuses a text over `nlp.max_length` (1,000,000 characters) with its internal error E088, and
its memory grows with the text it is given. A story or paragraph longer than `MAX_PIECE_CHARS` is
cut at sentence ends (else at white space, else anywhere), each piece is run on its own, and the
pieces' Docs are joined with `Doc.from_docs`: every piece but the last ends in white space, so the
joined Doc's text is the input's exactly and its character offsets (`ent.start_char`) are the
input's. An entity cannot span a cut; cuts fall between sentences, where entities rarely do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported where it is used: the API and the CLI load this module early
    from spacy.language import Language
    from spacy.tokens import Doc

#: The longest piece of text handed to spaCy in one call: far under its 1,000,000-character limit,
#: and small enough that the tagger's memory on it stays in the tens of MB.
MAX_PIECE_CHARS = 100_000

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


_PARAGRAPH_END = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def pieces(text: str, limit: int = MAX_PIECE_CHARS, *, paragraphs: bool = False) -> list[tuple[int, int]]:
    """Consecutive (start, end) spans covering `text`, each at most `limit` characters; cuts go after
    the last paragraph end (blank line, with `paragraphs`), else sentence end, else white space of a
    window (the white space stays with the piece before), else anywhere."""
    if limit < 2:
        raise ValueError(f"limit must be >= 2, not {limit}")
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    rules = (_PARAGRAPH_END, _SENTENCE_END, _SPACE) if paragraphs else (_SENTENCE_END, _SPACE)
    while n - start > limit:
        end = start + limit
        cut = None
        # Look for a cut in the second half of the window only: pieces stay at least half full.
        half = start + limit // 2
        for rule in rules:
            for m in rule.finditer(text, half, end):
                if m.end() < end:  # white space running past the window is cut at the next try
                    cut = m.end()
            if cut is not None:
                break
        if cut is None or cut <= start or cut > end:
            cut = end
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


class BoundedPipe:
    """Wraps a spaCy `Language` so that `pipe` never hands it more than `limit` characters at once."""

    def __init__(self, nlp: Language, limit: int = MAX_PIECE_CHARS) -> None:
        self.nlp = nlp
        self.limit = limit

    def __getattr__(self, name: str) -> Any:
        # Everything but `pipe` and `__call__` (vocab, pipe_names, …) is the wrapped pipeline's.
        return getattr(self.nlp, name)

    def __call__(self, text: str) -> Doc:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Doc]:
        from spacy.tokens import Doc
        texts = list(texts)
        spans = [pieces(t, self.limit) for t in texts]
        flat = [t[a:b] for t, cuts in zip(texts, spans, strict=True) for a, b in cuts]
        docs = iter(self.nlp.pipe(flat, **kwargs))
        for t, cuts in zip(texts, spans, strict=True):
            parts = [next(docs) for _ in cuts]
            if len(parts) == 1:
                yield parts[0]
                continue
            joined = Doc.from_docs(parts, ensure_whitespace=False)
            if joined.text != t:  # a tokenizer that drops white space would shift offsets: say so
                raise ValueError("joining the pieces of a long text changed it; offsets would be wrong")
            yield joined
