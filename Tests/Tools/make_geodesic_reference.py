"""Writes Tests/GeoTests/Fixtures/geodesic_reference.json: point pairs with their true WGS84 geodesic
distance from GeographicLib (Karney's algorithm, accurate to nanometres). The Swift tests hold flowgate's
distance functions to these values. Run: pip install geographiclib && python3 Tests/Tools/make_geodesic_reference.py
"""
import json
import math
import random
from pathlib import Path

from geographiclib.geodesic import Geodesic

random.seed(20261128)
g = Geodesic.WGS84
cases = []


def add(label, lat1, lon1, azi, s):
    r = g.Direct(lat1, lon1, azi, s)
    lon2 = (r["lon2"] + 180) % 360 - 180
    inv = g.Inverse(lat1, lon1, r["lat2"], lon2)
    cases.append({"label": label, "lat1": lat1, "lon1": lon1, "lat2": r["lat2"], "lon2": lon2, "s12": inv["s12"]})


for i in range(300):
    lat = random.uniform(-89.0, 89.0)
    lon = random.uniform(-180.0, 180.0)
    s = 10 ** random.uniform(0, math.log10(50_000))
    add("random", lat, lon, random.uniform(-180, 180), s)
for lat in (0.0, 30.0, 52.5163, 60.0, 75.0, 80.5, 85.0, 89.9, -45.0, -89.9):
    for azi in (0.0, 45.0, 90.0, 180.0, -90.0):
        for s in (1.0, 100.0, 5_000.0, 50_000.0):
            add(f"grid lat={lat} azi={azi}", lat, 13.3777, azi, s)
for azi in (90.0, -90.0, 60.0):
    add("antimeridian", 10.0, 179.9, azi, 40_000.0)
    add("antimeridian", -65.0, -179.95, azi, 30_000.0)
add("over the north pole", 89.95, 0.0, 0.0, 20_000.0)
add("over the south pole", -89.9, 45.0, 180.0, 30_000.0)
add("long line", 52.5, 13.4, 45.0, 2_000_000.0)
add("very long line", 10.0, 10.0, 120.0, 15_000_000.0)

out = Path(__file__).resolve().parents[1] / "GeoTests" / "Fixtures" / "geodesic_reference.json"
out.write_text(json.dumps({"source": "GeographicLib %s, WGS84" % __import__("geographiclib").__version__,
                           "cases": cases}, indent=1))
print(f"wrote {len(cases)} cases to {out}")
