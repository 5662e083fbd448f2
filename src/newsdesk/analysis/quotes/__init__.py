"""quotes: who said what — quotation spans and attribution cues (`cues`), parse-based speaker frames (`parse`), the
finder (`finder`).
"""
