"""The benches: each measures one part of newsdesk on gold data from ../shared/data and prints its figures
last, as one JSON line. Run from the repository's root as `python -m bench.NAME --help`."""
