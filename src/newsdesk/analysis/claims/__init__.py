"""claims: numeric statements and who makes them — the finder (`finder`), its settings (`config`), the numbers
as written (`atoms`), figures with their bounds, units and rates (`figures`, `nouns`), speaker and subject
(`attribution`), the page's indexes (`page`) and the vocabulary the stages share (`words`).
"""
