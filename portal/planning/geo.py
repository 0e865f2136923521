"""Distances between teams and sites.

Wards carry no coordinates in the official list, and teams have none at
all: a team works in wards. So a ward's position is the average of the
positions of the sites in it, and a team's position is the average of the
positions of its wards (its main ward and its wards of activity). A ward
with no positioned site has no position; a team whose wards all lack one
is near only to the sites inside its own wards.
"""

import math
from collections import defaultdict
from collections.abc import Iterable

Point = tuple[float, float]

EARTH_RADIUS_KM = 6371.0


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance; plenty exact inside one city."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def ward_centres(
    positions: Iterable[tuple[int | None, Point | None]],
) -> dict[int, Point]:
    """Each ward's centre: the mean position of its positioned sites."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for ward_id, point in positions:
        if ward_id is None or point is None:
            continue
        entry = sums[ward_id]
        entry[0] += point[0]
        entry[1] += point[1]
        entry[2] += 1
    return {w: (s[0] / s[2], s[1] / s[2]) for w, s in sums.items()}


def area_centre(ward_ids: Iterable[int], centres: dict[int, Point]) -> Point | None:
    """The mean of the centres of the wards that have one."""
    points = [centres[w] for w in ward_ids if w in centres]
    if not points:
        return None
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )
