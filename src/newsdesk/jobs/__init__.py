"""jobs: the work that drives the analysis and the corpus linkers over a store — `ingest` (pages in), `link`
(corpus linking over stored pages), `spark` (the same on Apache Spark). They sit above the store because they
read and write it.
"""
