"""newsdesk: reads news pages the way an analyst at a news desk does.

The stages, each a module of plain functions over the dataclasses in `newsdesk.model`:
read → clean → split (→ extract → link → store → report/serve, in later releases).
"""

import logging

from newsdesk.model import SCHEMA, Analysis, Cleaning, Dateline, Evidence, Page, Span, Story

__all__ = ["SCHEMA", "Analysis", "Cleaning", "Dateline", "Evidence", "Page", "Span", "Story"]
__version__ = "0.1.0"

# Library logging etiquette: the CLI decides where messages go.
logging.getLogger(__name__).addHandler(logging.NullHandler())
