"""analysis: the stages that read one page — clean, segment, split, origin, entities, quotes, claims, times, events
— run by `pipeline`. Each stage passes frozen dataclasses from `newsdesk.model`; nothing here knows of a corpus
or a store.
"""
