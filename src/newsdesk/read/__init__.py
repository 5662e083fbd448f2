"""read: pages as the web serves them — files, folders, JSONL, HTML, WARC records — into `Page`s (text as read,
offsets kept). Imports only `model`, `errors` and `text`.
"""
