"""times: time expressions and their values — the finder (`finder`), its settings (`config`), the surface
grammar (`patterns`), one value handler per pattern (`calendar_rules`, `relative_rules`, dispatched by `rules`),
value normalisation and calendar arithmetic (`values`), the tense around an expression (`tense`) and what a
relative expression counts from (`anchor`).
"""
