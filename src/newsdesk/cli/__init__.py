"""cli: the `newsdesk` command — `main` (dispatch), one module per command group, terminal rendering (`render`,
`terminal`).
"""
