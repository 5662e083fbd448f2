"""report: the situation report over a store, as plain records, rendered by the CLI and the web desk.

`build` reads the pages (`build_report`, `report_from_analyses`), `sentences` splits and keys their
sentences, `sections` makes the report's sections, `claims` compares claims, `items` holds the records
and their JSON form, `render` writes Markdown, `config` holds `ReportConfig`.
"""
