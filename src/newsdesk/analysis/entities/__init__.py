"""entities: names on a page — found (`mentions`), grouped into entities and placed (`linker`) with the gazetteer
(`gazetteer`, `areas`, `geometry`).
"""
