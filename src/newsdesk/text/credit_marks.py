"""credit_marks: the marks a wire signs its items with by their form, not by a name in a slot, and the
credit lines that name no outlet at all.

Used by the credit grammar (`newsdesk.text.credit`): Reuters' "Reporting by …; Editing by …" sign-off,
and an agency's desk codes closing its item ("XYZ ABC DEF", "XYZ/ABC DEF/1129 hrs"): the agency's
initials, then its desk's and editors' codes and maybe the time filed, or its initials in brackets before the
writer and the item's number ("(XNA) Jane Doe/27"). Any agency signs this way, so
the initials are taken as the outlet whether a list knows them or not, when the form is full (three
codes, or a slash and a filing time, initials of three letters or more): "LIVE TV", "US UK EU" are no sign-off.
A credit naming only "agencies", "wires" or "staff" is a credit of no one outlet (`GENERIC_SOURCE`).
"""

from __future__ import annotations

import re

from newsdesk.text.outlets import known_name
from newsdesk.text.places import place_names

#: Reuters' house sign-off; it names Reuters by its form.
SIGN_OFF = re.compile(
    r"^(?:\(?\s*(?:additional\s+)?reporting\s+by\s+[A-Z][^\n]{0,200}?;\s*(?:writing|editing)\s+by\b[^\n]{0,200})$",
    re.IGNORECASE)

_DESK_CODES = re.compile(r"^(?P<agency>[A-Z]{2,5})(?:\s*/\s*|\s+)[A-Z]{2,3}(?:(?:\s*/\s*|\s+)[A-Z]{2,3}){0,3}"
                         r"(?:\s*/\s*\d{3,4}\s*(?:hrs|GMT|IST|BST)?)?\.?$")


# "(XNA) Jane Doe/27": an agency's initials in brackets, its writer and the item's number, as agencies sign
# the items they move; the initials name the agency whether a list knows them or not.
_BRACKETED_CODE = re.compile(r"^\((?P<agency>[A-Z]{2,5})\)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*/\s*"
                             r"(?:\d{1,5}|[A-Z]{2,4})\.?$")


def full_desk_codes(line: str) -> bool:
    """Desk codes in their full form: at least three codes, or a slash and a filing time, none a place."""
    codes = re.findall(r"[A-Z]{2,5}", line)
    if any(code.casefold() in place_names() for code in codes):
        return False  # "US UK EU": places, a tag line
    return len(codes) >= 3 or ("/" in line and re.search(r"\d{3,4}", line) is not None)


def desk_code_agency(line: str) -> tuple[str, int] | None:
    """The agency whose desk codes the whole line is, and where its initials end; None when it is not.

    A known agency's initials name it in any form of the codes; initials no list knows, only in the
    full form (`full_desk_codes`)."""
    bracketed = _BRACKETED_CODE.match(line)
    if bracketed and bracketed.group("agency").casefold() not in place_names():
        return known_name(bracketed.group("agency")) or bracketed.group("agency"), bracketed.end("agency")
    m = _DESK_CODES.match(line)
    if not m:
        return None
    known = known_name(m.group("agency"))
    if known is None and (len(m.group("agency")) < 3 or not full_desk_codes(line)):
        return None  # initials no list knows: three letters at least, in the full form
    return known or m.group("agency"), m.end("agency")


#: A credit that names no one outlet: "Source: Agencies", "Via: wire services", "By Web Desk" (which opens its story);
#: "— AFP/Reuters/dpa" is not this.
GENERIC_SOURCE = re.compile(
    r"^(?:(?:news\s+|original\s+|content\s+|story\s+|article\s+)?(?:source|sources|credits?|via|from|by)\s*[:|–—-]?\s*"
    r"|[-–—]+\s*|with\s+(?:inputs?|files)\s+from\s+)(?:the\s+)?(?:agencies|news\s+agencies|wires?|wire\s+services?|"
    r"agency\s+reports?|internet|social\s+media|press\s+releases?|syndicated\s+feeds?|various(?:\s+sources)?|"
    r"staff(?:\s+and\s+agencies)?|agencies\s+and\s+staff|online\s+desk|web\s+desk|news\s+desk|newswires?)\s*[.]?$",
    re.IGNORECASE)

#: A label before a credit ("Editor's note: This story first ran on X"), not part of its grammar.
NOTE_LABEL = re.compile(r"^(?:editor['’]?s?['’]?\s+note|ed(?:itor)?\.?\s+note|note|publisher['’]s\s+note)"
                        r"\s*[:.–—-]\s*", re.IGNORECASE)
