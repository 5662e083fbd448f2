"""credit_names: how credit lines write an outlet's name, in one place for the credit grammar and the
shape reader.

A name is capitalised words (initials, digits and a brand's punctuation too: "NBC10", "Yahoo!") joined by
small words. The grammar (`newsdesk.text.credit`) reads a slot whose end its phrase and tail decide, so it
joins a name with more small words ("Voice of America", "Le Monde", "Post on Sunday"). The shape reader
(`newsdesk.text.credit_shape`) finds a slot by where the line ends after a preposition: there "on", "in"
or "at" is as likely the credit's own ("… by Quillnet on behalf of X") as a name's, so its slot joins
names with fewer words, and a word may end in a period ("Harbour Media Inc.").
"""

from __future__ import annotations

#: One word of an outlet's name: capitalised or a digit first, with a brand's inner punctuation.
NAME_WORD = r"(?:[A-Z0-9][\w'’&!+]*(?:[./-][\w'’&!+]+)*)"
#: The small words inside outlets' names, as the grammar reads them.
NAME_JOINERS = r"(?:of|and|for|de|du|la|le|des|del|am|on|in|the|&|at)"
#: An outlet name as credit lines write it: capitalised words, joined by "of", "and", "the" and the like.
OUTLET_NAME = rf"(?:[Tt]he\s+)?{NAME_WORD}(?:\s+(?:{NAME_JOINERS}\s+)*{NAME_WORD}){{0,7}}"
#: The small words a slot read by its shape joins a name with: never a preposition a credit says itself.
SLOT_JOINERS = r"(?:of|and|for|the|&|de|la)"
#: An outlet name in a slot read by its shape (no leading "the": the slot's pattern adds it).
SLOT_NAME = rf"(?:{NAME_WORD}\.?(?:\s+(?:{SLOT_JOINERS}\s+)*{NAME_WORD}\.?){{0,5}})"
