"""text: knowledge of how news text is written, shared by the reader and the analysis: outlet names and domains
(`outlets`), the credit-line grammar (`credit`).
"""
