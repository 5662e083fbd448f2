"""corpus: linking across pages from plain records — one entity across spellings (`entities`, `names`), event
clusters (`events`), passage reuse (`reuse`). Nothing here reads or writes a store: the jobs above do.
"""
