"""text: knowledge of how news text is written, shared by the reader, the analysis and the store —
outlet names and domains (`outlets`), the credit-line grammar (`credit`), the names a page gives its
site (`sites`), and the comparison keys of names (`keys`).
"""
