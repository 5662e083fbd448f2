"""quotes: who said what — quotation spans and paragraphs (`marks`), cues and the clauses they report (`reported`),
sources and what they stand for (`speakers`), the learned cue model (`cues`), the parser's cheaper tail (`parse`),
the finder that runs them story by story (`finder`).
"""
