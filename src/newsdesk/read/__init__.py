"""read: pages as the web serves them — files, folders, JSONL, HTML, WARC records — into `Page`s (text as read,
offsets kept). Imports only `model`, `errors` and `text`.

`files` is the public surface (sources, folders, JSONL, and the names of the modules below): `pages` makes
one page from bytes or text, `encoding` decodes and flags defects, `html` extracts the main content,
`dates` parses dates and ranks a page's reference date, `warc` reads web archives record by record.
"""
