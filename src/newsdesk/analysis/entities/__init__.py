"""entities: names on a page — found (`mentions`, `toponyms`), given one type per name (`page_types`), grouped into
entities and placed (`linker`) with the gazetteer (`gazetteer`: its places `places`, built by `gazetteer_build`,
scored by `ranking`, doubted by `abstention`; `areas`, `geometry`).
"""
