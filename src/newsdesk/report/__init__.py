"""report: the situation report over a store — built (`build`) as plain records, rendered by the CLI and the web
desk.
"""
