#!/usr/bin/env python3
"""Measures `flowgate zones query` end to end, in query lines per second (Docs/BENCHMARKS.md).

usage: query-bench.py [--lines N] [--jobs 1,2] [--bundle DIR] [--flowgate PATH] [--runs R] [--keep FILE]

Writes N query lines over the bundle's zones (positions uniform over the zones' bounding box plus 300 m, the
authorised drones D1-D3 and an unauthorised D9, the three altitude references, times across the demo day), then
runs `flowgate zones query --jobs J BUNDLE < lines > /dev/null` for each J, R times, and prints the wall time,
lines/s and CPU seconds per million lines of each run. Seeded: the same lines every time.

Build first: `swift build -c release --product flowgate`.
"""

import argparse
import json
import os
import pathlib
import random
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def zone_bounds(bundle):
    """The zones' bounding box, (west, east, south, north) in degrees."""
    lons, lats = [], []

    def walk(coordinates):
        if isinstance(coordinates[0], (int, float)):
            lons.append(coordinates[0])
            lats.append(coordinates[1])
        else:
            for inner in coordinates:
                walk(inner)

    for feature in json.loads((bundle / "zones.geojson").read_text())["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(lons), max(lons), min(lats), max(lats)


def write_lines(path, count, bundle, seed=42):
    west, east, south, north = zone_bounds(bundle)
    # 300 m around the zones, so that some positions are outside every area: the costliest answers.
    margin_lat = 300 / 111_320
    margin_lon = 300 / (111_320 * 0.61)
    rng = random.Random(seed)
    drones = ["D1", "D2", "D3", "D9"]
    references = [("AGL", 20, 140), ("AMSL", 60, 180), ("WGS84", 100, 220)]
    with open(path, "w") as out:
        lines = []
        for _ in range(count):
            reference, low, high = rng.choice(references)
            lat = rng.uniform(south - margin_lat, north + margin_lat)
            lon = rng.uniform(west - margin_lon, east + margin_lon)
            hour, minute, second = rng.randrange(7, 21), rng.randrange(60), rng.randrange(60)
            lines.append(
                f'{{"drone":"{rng.choice(drones)}","mission":"M-0412","lat":{lat:.6f},"lon":{lon:.6f},'
                f'"alt_m":{rng.uniform(low, high):.1f},"alt_ref":"{reference}",'
                f'"time":"2026-11-28T{hour:02d}:{minute:02d}:{second:02d}Z"}}\n')
            if len(lines) == 10_000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


def run(flowgate, bundle, lines_path, jobs):
    """Wall seconds and the child's CPU seconds (user + system) for one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(lines_path, "rb") as lines, open(os.devnull, "wb") as sink:
        status = subprocess.run(
            # Without --jobs for one job, so that builds from before the option can be compared.
            [flowgate, "zones", "query", *(["--jobs", str(jobs)] if jobs > 1 else []), str(bundle)], stdin=lines,
            stdout=sink, stderr=subprocess.PIPE).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if status not in (0, 1):
        sys.exit(f"flowgate zones query exited with {status}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    parser.add_argument("--bundle", default=str(ROOT / "Geofences/berlin-pariser-platz"))
    parser.add_argument("--flowgate", default=str(ROOT / ".build/release/flowgate"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="write the lines here and keep them (reused when it exists)")
    args = parser.parse_args()
    bundle = pathlib.Path(args.bundle)
    if not os.access(args.flowgate, os.X_OK):
        sys.exit(f"{args.flowgate} not found: swift build -c release --product flowgate")

    with tempfile.TemporaryDirectory() as scratch:
        lines_path = args.keep or os.path.join(scratch, "queries.jsonl")
        if not (args.keep and os.path.exists(lines_path)):
            write_lines(lines_path, args.lines, bundle)
        count = sum(1 for _ in open(lines_path, "rb"))
        size = os.path.getsize(lines_path) / 2**20
        print(f"flowgate zones query, {bundle.name}: {count} lines ({size:.0f} MiB), output to /dev/null, "
              f"{os.cpu_count()} cores")
        print(f"{'jobs':<6}{'run':<5}{'wall s':>8}{'lines/s':>12}{'CPU s':>8}{'CPU s per M lines':>20}")
        for jobs in [int(j) for j in args.jobs.split(",")]:
            for number in range(1, args.runs + 1):
                wall, cpu = run(args.flowgate, bundle, lines_path, jobs)
                print(f"{jobs:<6}{number:<5}{wall:>8.2f}{count / wall:>12.0f}{cpu:>8.2f}{cpu / count * 1e6:>20.2f}")


if __name__ == "__main__":
    main()
