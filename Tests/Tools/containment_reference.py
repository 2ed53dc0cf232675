"""Adversarial containment cases with answers from independent implementations, for
Tests/AirspaceTests/ContainmentDifferentialTests.swift.

Zones (rectangles, rectilinear blocks, diamonds, stars with corners sharing latitudes, polygons with holes,
multipolygons, circles) are scattered over a grid far enough apart that no two interact, and each gets points
placed on purpose where containment tests go wrong: on every vertex's latitude and longitude, on edges,
within and just beyond 1 mm of the extreme latitudes and longitudes, in and around holes, on circle rims.

The answers come from GEOS through shapely (`covers`, exact orientation predicates, on the coordinates as
written) and, for circles, from GeographicLib (Karney's geodesics). flowgate counts a point within 1 mm of the
boundary as inside: a point is expected inside when it is within 0.8 mm of the boundary, expected as GEOS says
when it is farther than 1.2 mm, and left out in between, where the two metres (GEOS in a local frame, flowgate
in its own) may round to different sides of the tolerance.

Usage: python3 containment_reference.py SEED OUT.json   (needs: pip install shapely geographiclib)
"""
import json
import math
import random
import sys

import shapely
from geographiclib.geodesic import Geodesic
from shapely.geometry import MultiPolygon, Point, Polygon

WGS84 = Geodesic.WGS84
INSIDE_WITHIN = 0.0008
GEOS_BEYOND = 0.0012


def scale_at(lat, lon):
    """Metres per degree north and east at a point, measured with GeographicLib."""
    d = 1e-4
    north = WGS84.Inverse(lat - d / 2, lon, lat + d / 2, lon)["s12"] / d
    east = WGS84.Inverse(lat, lon - d / 2, lat, lon + d / 2)["s12"] / d
    return north, east


def rectangle(lat, lon, half_north, half_east):
    return [(lon - half_east, lat - half_north), (lon + half_east, lat - half_north),
            (lon + half_east, lat + half_north), (lon - half_east, lat + half_north)]


def block(rng, lat, lon, dn, de):
    """A rectilinear outline with notches: many corners share latitudes and longitudes."""
    steps = rng.randint(2, 5)
    xs = sorted(rng.uniform(-de, de) for _ in range(steps - 1))
    xs = [-de] + xs + [de]
    tops = [rng.uniform(dn * 0.3, dn) for _ in range(steps)]
    # Reuse some heights so that corners meet the same latitude from both sides.
    for i in range(1, steps):
        if rng.random() < 0.4:
            tops[i] = tops[i - 1 - rng.randint(0, i - 1)] if i > 1 else tops[0]
    ring = [(lon - de, lat - dn), (lon + de, lat - dn)]
    for i in reversed(range(steps)):
        ring.append((lon + xs[i + 1], lat + tops[i]))
        ring.append((lon + xs[i], lat + tops[i]))
    return dedupe(ring)


def diamond(lat, lon, dn, de):
    return [(lon, lat - dn), (lon + de, lat), (lon, lat + dn), (lon - de, lat)]


def star(rng, lat, lon, dn, de):
    """A star-shaped ring; some corners snapped to the latitude of an earlier one."""
    n = rng.randint(5, 24)
    ring = []
    for k in range(n):
        a = 2 * math.pi * k / n + rng.uniform(-0.2, 0.2) * math.pi / n
        r = rng.uniform(0.3, 1.0)
        ring.append([lon + r * de * math.cos(a), lat + r * dn * math.sin(a)])
    for k in range(1, n):
        if rng.random() < 0.3:
            ring[k][1] = ring[rng.randrange(0, k)][1]
    ring = [tuple(p) for p in ring]
    return ring if Polygon(ring).is_valid else diamond(lat, lon, dn, de)


def dedupe(ring):
    out = []
    for p in ring:
        if not out or out[-1] != p:
            out.append(p)
    if out[0] == out[-1]:
        out.pop()
    return out


def closed(ring):
    return [list(p) for p in ring] + [list(ring[0])]


def make_zone(rng, index, lat, lon):
    north, east = scale_at(lat, lon)
    size = rng.uniform(40, 900)
    dn, de = size / north, size * rng.uniform(0.5, 1.5) / east
    shape = index % 7
    if shape == 0:
        return {"type": "polygon", "rings": [rectangle(lat, lon, dn, de)]}
    if shape == 1:
        return {"type": "polygon", "rings": [block(rng, lat, lon, dn, de)]}
    if shape == 2:
        return {"type": "polygon", "rings": [diamond(lat, lon, dn, de)]}
    if shape == 3:
        return {"type": "polygon", "rings": [star(rng, lat, lon, dn, de)]}
    if shape == 4:
        hole = diamond(lat, lon, dn / 2, de / 2) if rng.random() < 0.5 else rectangle(lat, lon, dn / 3, de / 3)
        return {"type": "polygon", "rings": [rectangle(lat, lon, dn, de), hole]}
    if shape == 5:
        left = rectangle(lat, lon - de * 0.6, dn, de * 0.5)
        right = block(rng, lat, lon + de * 0.6, dn, de * 0.4)
        return {"type": "multipolygon", "parts": [[left], [right]]}
    return {"type": "circle", "center": (lon, lat), "radius": rng.uniform(20, 1000)}


def geos_shape(zone):
    if zone["type"] == "polygon":
        return Polygon(zone["rings"][0], zone["rings"][1:])
    return MultiPolygon([Polygon(p[0], p[1:]) for p in zone["parts"]])


def polygon_points(rng, zone):
    """Points where crossing-number tests and box tests go wrong."""
    rings = zone["rings"] if zone["type"] == "polygon" else [r for part in zone["parts"] for r in part]
    vertices = [p for ring in rings for p in ring]
    lons = [p[0] for p in vertices]
    lats = [p[1] for p in vertices]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    lat0, lon0 = (south + north) / 2, (west + east) / 2
    mn, me = scale_at(lat0, lon0)
    points = []
    for lon, lat in vertices:
        points.append((lon, lat, "vertex"))
        for _ in range(6):
            points.append((rng.uniform(west, east), lat, "vertex latitude"))
        for _ in range(3):
            points.append((lon, rng.uniform(south, north), "vertex longitude"))
        for d in (0.0003, 0.0006, 0.0015, 0.003):
            points.append((lon + rng.choice((-1, 1)) * d / me, lat, "vertex latitude, next to the corner"))
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
            for _ in range(3):
                t = rng.random()
                points.append((ax + t * (bx - ax), ay + t * (by - ay), "on an edge"))
            t = rng.random()
            px, py = ax + t * (bx - ax), ay + t * (by - ay)
            length = math.hypot((bx - ax) * me, (by - ay) * mn)
            nx, ny = -(by - ay) * mn / length, (bx - ax) * me / length
            for d in (0.0004, 0.0007, 0.0014, 0.002, 0.01, 0.5):
                side = rng.choice((-1, 1))
                points.append((px + side * d * nx / me, py + side * d * ny / mn, "near an edge"))
    # Just inside and beyond the extent, above the corners that make it.
    for lon, lat in vertices:
        for d in (0.0002, 0.0005, 0.0007, 0.0013, 0.002, 0.004):
            if lat == north:
                points.append((lon, north + d / mn, "beyond the northern extent"))
            if lat == south:
                points.append((lon, south - d / mn, "beyond the southern extent"))
            if lon == east:
                points.append((east + d / me, lat, "beyond the eastern extent"))
            if lon == west:
                points.append((west - d / me, lat, "beyond the western extent"))
    for ring in rings[1:] if zone["type"] == "polygon" else []:
        hx = sum(p[0] for p in ring) / len(ring)
        hy = sum(p[1] for p in ring) / len(ring)
        points.append((hx, hy, "in a hole"))
    for _ in range(20):
        points.append((rng.uniform(west - 0.1 * (east - west), east + 0.1 * (east - west)),
                       rng.uniform(south - 0.1 * (north - south), north + 0.1 * (north - south)), "random"))
    points.append((lon0, lat0, "centre of the extent"))
    return points, (lon0, lat0, mn, me)


def classify_polygons(zone, points, frame):
    lon0, lat0, mn, me = frame
    geometry = geos_shape(zone)
    # Distances in a local metric frame at the zone's centre: an affine map of the coordinates, so the same
    # shape, with metres accurate to parts in 10^4 across a zone (far below what matters at 1 mm).
    local = shapely.transform(geometry, lambda c: (c - [lon0, lat0]) * [me, mn])
    xs = [(p[0] - lon0) * me for p in points]
    ys = [(p[1] - lat0) * mn for p in points]
    distances = shapely.distance(shapely.points(xs, ys), shapely.boundary(local))
    covered = shapely.covers(geometry, shapely.points([p[0] for p in points], [p[1] for p in points]))
    return classify(points, distances, covered)


def classify(points, distances, covered):
    cases, skipped = [], 0
    for (lon, lat, why), distance, inside in zip(points, distances, covered):
        if distance <= INSIDE_WITHIN:
            expect = True
        elif distance >= GEOS_BEYOND:
            expect = bool(inside)
        else:
            skipped += 1
            continue
        cases.append({"lon": lon, "lat": lat, "inside": expect, "why": why})
    return cases, skipped


def circle_cases(rng, zone):
    lon, lat = zone["center"]
    r = zone["radius"]
    points = []
    for _ in range(40):
        azimuth = rng.uniform(-180, 180)
        for d in (-2, -0.0005, 0, 0.0004, 0.0007, 0.0013, 0.002, 0.005, 1):
            p = WGS84.Direct(lat, lon, azimuth, r + d)
            points.append((p["lon2"], p["lat2"], "on or near the rim"))
    for azimuth in (0, 90, 180, -90):
        p = WGS84.Direct(lat, lon, azimuth, r)
        points.append((p["lon2"], p["lat2"], "on the rim at a cardinal point"))
    points.append((lon, lat, "centre"))
    distances = [WGS84.Inverse(lat, lon, p[1], p[0])["s12"] - r for p in points]
    return classify(points, [max(0, d) for d in distances], [d <= 0 for d in distances])


def main():
    seed, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(seed)
    zones, skipped = [], 0
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 420
    for index in range(count):
        # One zone per cell of a grid hundreds of kilometres apart, from the equator to 70° in both
        # hemispheres and on both sides of Greenwich, so that the scales differ and no two zones meet.
        row, column = divmod(index, 20)
        lat = rng.choice((1, -1)) * (2 + (row * 3.3) % 68) + rng.uniform(-0.01, 0.01)
        lon = -170 + column * 17 + rng.uniform(-0.01, 0.01)
        zone = make_zone(rng, index, lat, lon)
        if zone["type"] == "circle":
            cases, left_out = circle_cases(rng, zone)
        else:
            points, frame = polygon_points(rng, zone)
            cases, left_out = classify_polygons(zone, points, frame)
        skipped += left_out
        zone["id"] = f"Z{index}"
        zone["cases"] = cases
        if "rings" in zone:
            zone["rings"] = [closed(ring) for ring in zone["rings"]]
        if "parts" in zone:
            zone["parts"] = [[closed(ring) for ring in part] for part in zone["parts"]]
        zones.append(zone)
    with open(out, "w") as f:
        json.dump({"seed": seed, "skipped_near_tolerance": skipped, "zones": zones}, f)


main()
