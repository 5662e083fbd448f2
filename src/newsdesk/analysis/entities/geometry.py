"""geometry: distances and centres of places on the sphere, for the gazetteer and the benches.

Kept apart from `gazetteer` because it knows nothing of names: points, great-circle distances, and
the few ways a place's single point is made from many (a mean, the middle of an extent, the centre
of a country's main landmass).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088

Ring = Sequence[Sequence[float]]  # GeoJSON: [lon, lat] pairs, first ring of a polygon = its outline


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6371.0088 km (the IUGG mean radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class SphereMean:
    """A running spherical mean of points (safe across the antimeridian)."""

    __slots__ = ("n", "x", "y", "z")

    def __init__(self) -> None:
        self.x = self.y = self.z = 0.0
        self.n = 0

    def add(self, x: float, y: float, z: float) -> None:
        self.x += x
        self.y += y
        self.z += z
        self.n += 1

    def add_point(self, lat: float, lon: float, weight: float = 1.0) -> None:
        """Add a point; `weight` scales its pull on the mean (an area, say)."""
        p, q = math.radians(lat), math.radians(lon)
        self.add(weight * math.cos(p) * math.cos(q), weight * math.cos(p) * math.sin(q), weight * math.sin(p))

    def mean(self) -> tuple[float, float]:
        lat = math.degrees(math.atan2(self.z, math.hypot(self.x, self.y)))
        return round(lat, 5), round(math.degrees(math.atan2(self.y, self.x)), 5)


class Extent:
    """The places of a division; its point is the middle of the area they cover."""

    __slots__ = ("lats", "lons")

    def __init__(self) -> None:
        self.lats: list[float] = []
        self.lons: list[float] = []

    def add(self, lat: float, lon: float) -> None:
        self.lats.append(lat)
        self.lons.append(lon)

    def middle(self, trim: float = 0.05) -> tuple[float, float]:
        """The middle of the box holding all but the outermost `trim` of the places on each side
        (a misplaced village does not move it); across the antimeridian, the spherical mean."""
        lats, lons = sorted(self.lats), sorted(self.lons)
        k = int(len(lats) * trim)
        if lons[-1 - k] - lons[k] > 180:
            sphere = SphereMean()
            for lat, lon in zip(self.lats, self.lons, strict=True):
                sphere.add_point(lat, lon)
            return sphere.mean()
        return round((lats[k] + lats[-1 - k]) / 2, 5), round((lons[k] + lons[-1 - k]) / 2, 5)


def midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The point halfway between two points on the great circle through them."""
    sphere = SphereMean()
    sphere.add_point(*a)
    sphere.add_point(*b)
    return sphere.mean()


def landmass_centroid(polygons: Sequence[Ring]) -> tuple[float, float] | None:
    """The area centroid of the largest polygon (a country's main landmass: the contiguous United States,
    not Alaska or Hawaii), on a local equirectangular projection; None when no polygon has an area."""
    best: tuple[float, float, float] | None = None
    for ring in polygons:
        if len(ring) < 3:
            continue
        lat0 = math.fsum(p[1] for p in ring) / len(ring)
        k = math.cos(math.radians(lat0))  # a degree of longitude is k times a degree of latitude
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            cross = x1 * k * y2 - x2 * k * y1
            area += cross
            cx += (x1 + x2) * k * cross
            cy += (y1 + y2) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area) / k)
    return None if best is None else (round(best[1], 5), round(best[2], 5))
