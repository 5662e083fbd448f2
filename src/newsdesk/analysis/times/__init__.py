"""times: time expressions and their values — surface patterns (`patterns`), anchors from datelines and quotations
(`anchor`), the finder (`finder`).
"""
