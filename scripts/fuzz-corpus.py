#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora (Docs/FUZZING.md) from the shared samples and the repository's own
fixtures, so that no seed is committed: the public samples (DJI, KLV, MAVLink, Remote ID, ED-269, ED-318), the
zone bundles, recordings and payload corpus, the configurations, and the JSON and YAML text literals of the
tests.

usage: fuzz-corpus.py REPO TESTDATA OUT

Each seed is written to OUT/<target>/seed-<sha1>, in the framing the target reads (Fuzz/Sources/FuzzSupport/
FuzzInput.swift): messages as their topic line and payload, parts separated by a line holding only %%.
Files the fuzzer added to OUT/<target> on earlier runs are kept.
"""

import base64
import datetime
import hashlib
import json
import pathlib
import re
import sys

SEPARATOR = b"\n%%\n"
LARGEST_SEED = 64 * 1024
# FuzzClock.now: every router message's arrival is given relative to it (" @seconds" after the topic).
FUZZ_NOW = datetime.datetime(2026, 11, 28, 13, 0, 0, tzinfo=datetime.timezone.utc)
TARGETS = [
    "json", "telemetry", "payload", "router", "dji", "klv", "mavlink", "remoteid", "ed269", "ed318", "bundle",
    "config",
]


class Corpus:
    def __init__(self, out):
        self.out = pathlib.Path(out)
        self.counts = {target: 0 for target in TARGETS}
        for target in TARGETS:
            (self.out / target).mkdir(parents=True, exist_ok=True)

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        if not data or len(data) > LARGEST_SEED:
            return
        path = self.out / target / ("seed-" + hashlib.sha1(data).hexdigest())
        if not path.exists():
            path.write_bytes(data)
            self.counts[target] += 1


def message(topic, payload, at=None):
    """One framed message; `at` is the arrival time (RFC 3339), for the router."""
    if isinstance(payload, (dict, list)):
        payload = json.dumps(payload, separators=(",", ":"))
    if isinstance(payload, str):
        payload = payload.encode()
    line = topic
    if at is not None:
        line += " @%g" % (parse_time(at) - FUZZ_NOW).total_seconds()
    return line.encode() + b"\n" + payload


def frame(parts):
    return SEPARATOR.join(parts)


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def json_lines(path):
    for line in path.read_text().splitlines():
        line = line.strip()
        if line:
            try:
                yield line, json.loads(line)
            except json.JSONDecodeError:
                continue


def payload_bytes(record):
    if "payload_b64" in record:
        return base64.b64decode(record["payload_b64"])
    return json.dumps(record["payload"], separators=(",", ":")).encode()


def native_target(topic):
    levels = topic.split("/")
    if len(levels) == 3 and levels[0] == "fleet" and levels[2] == "telemetry":
        return "telemetry"
    if len(levels) == 4 and levels[0] == "fleet" and levels[2] == "payload":
        return "payload"
    return None


def mavlink_type(payload):
    if "time_unix_usec" in payload:
        return "SYSTEM_TIME"
    if "base_mode" in payload:
        return "HEARTBEAT"
    return "GLOBAL_POSITION_INT"


def shared_samples(corpus, testdata):
    """The public samples of ../shared/testdata (see its SOURCES.md)."""
    for path in sorted(testdata.rglob("*.json")):
        corpus.add("json", path.read_bytes())
    for path in sorted((testdata / "geozones/ed269").glob("*.json")):
        corpus.add("ed269", path.read_bytes())
    for path in sorted((testdata / "geozones/ed318").glob("*.json")):
        corpus.add("ed318", path.read_bytes())
    for path in sorted((testdata / "dji").glob("*.json")):
        osd = path.read_bytes()
        corpus.add("dji", message("thing/product/1581F5BKD225D00A/osd", osd))
        corpus.add("router", message("thing/product/1581F5BKD225D00A/osd", osd))
        # The same data on a dock's high-rate channel.
        document = json.loads(osd)
        document["method"] = "osd_info_push"
        corpus.add("dji", message("thing/product/7CTDM4100B8S1Q/drc/up", document))
    for path in sorted((testdata / "klv").glob("*.bin")):
        corpus.add("klv", path.read_bytes())
        corpus.add("router", message("klv/K1/cam0", path.read_bytes()))
    for path in sorted((testdata / "mavlink").glob("*.jsonl")):
        flight = []
        for line, record in json_lines(path):
            corpus.add("json", json.dumps(record["payload"]))
            single = message(record["topic"], record["payload"])
            corpus.add("mavlink", single)
            flight.append(single)
        corpus.add("mavlink", frame(flight))
        corpus.add("router", frame(flight))
    for path in sorted((testdata / "rid").glob("*.json")):
        corpus.add("remoteid", path.read_bytes())
        for flight in json.loads(path.read_bytes()).get("flights", []):
            state = flight.get("current_state")
            if state:
                corpus.add("remoteid", json.dumps(state))
                corpus.add("router", message("rid/RID1/state", state))


def bundles(corpus, repo, testdata):
    """Every bundle folder of the repository, alone and with the ED-269 and ED-318 samples imported into it."""
    ed269 = sorted((testdata / "geozones/ed269").glob("*.json"))
    ed318 = sorted((testdata / "geozones/ed318").glob("Example_*.json"))
    folders = sorted(path.parent for path in repo.glob("**/authorisations.json") if ".build" not in str(path))
    for folder in folders:
        files = [folder / name for name in ("site.json", "zones.geojson", "authorisations.json")]
        if not all(path.exists() for path in files):
            continue
        parts = [path.read_bytes() for path in files]
        for part in parts:
            corpus.add("json", part)
        corpus.add("bundle", frame(parts))
        for path in ed269:
            corpus.add("bundle", frame(parts + [path.read_bytes()]))
        for path in ed318:
            corpus.add("bundle", frame(parts + [b"", path.read_bytes()]))
        for queries in folder.glob("*.jsonl"):
            for line, _ in json_lines(queries):
                corpus.add("json", line)


def recordings(corpus, repo):
    """Recordings (`flowgate replay` input) and the payload corpus: native messages with their topics."""
    for path in sorted(repo.glob("Docs/**/*.jsonl")):
        sequence = []
        for line, record in json_lines(path):
            if "topic" not in record:
                continue
            corpus.add("json", line)
            payload = payload_bytes(record)
            target = native_target(record["topic"])
            if target:
                corpus.add(target, message(record["topic"], payload))
            sequence.append(message(record["topic"], payload, at=record.get("time")))
            corpus.add("router", sequence[-1])
        corpus.add("router", frame(sequence))
    for path in sorted(repo.glob("Tests/**/*.jsonl")):
        for line, record in json_lines(path):
            if "topic" not in record or "payload" not in record:
                continue
            payload = payload_bytes(record)
            corpus.add("json", payload)
            target = native_target(record["topic"])
            if target:
                corpus.add(target, message(record["topic"], payload))
            corpus.add("router", message(record["topic"], payload))
    for path in sorted(repo.glob("Simulator/Scenarios/*.json")):
        corpus.add("json", path.read_bytes())


def release_sequence(corpus):
    """A fix, a payload that names identification (the stream is suspended), and the operator's release order,
    whose zero signature the router harness replaces with a valid one (FuzzSite.signingPlaceholder)."""
    fix = {
        "v": 1, "drone": "D1", "mission": "M-0412", "seq": 1, "time": "2026-11-28T13:00:00.000Z",
        "position": {"lat": 52.5163, "lon": 13.3777, "alt_m": 80, "alt_ref": "AGL"},
        "velocity": {"ground_speed_mps": 3.0, "track_deg": 90, "vertical_speed_mps": 0}, "battery_pct": 80,
    }
    density = {
        "v": 1, "drone": "D1", "mission": "M-0412", "stream": "cam0", "seq": 2, "time": "2026-11-28T13:00:00.500Z",
        "product": "crowd_density",
        "sensor": {"kind": "eo_camera", "hfov_deg": 62.0, "image_width_px": 1920, "zoom": 1.0, "slant_range_m": 110},
        "data": {"origin": {"lat": 52.516, "lon": 13.377}, "cell_m": 10, "rows": 1, "cols": 2, "counts": [14, 31]},
    }
    faces = dict(density, seq=3, time="2026-11-28T13:00:01.000Z", product="face_embedding", data={"faces": 3})
    order = {
        "action": "release", "drone": "D1", "stream": "cam0", "operator": "fuzz-operator",
        "reason": "checked: back on crowd view", "time": "2026-11-28T13:00:01.500Z",
        "nonce": "00112233445566778899aabbccddeeff", "signature": base64.b64encode(bytes(64)).decode(),
    }
    after = dict(density, seq=4, time="2026-11-28T13:00:02.000Z")
    sequence = [
        message("fleet/D1/telemetry", fix, at=fix["time"]),
        message("fleet/D1/payload/cam0", density, at=density["time"]),
        message("fleet/D1/payload/cam0", faces, at=faces["time"]),
        message("flowgate/control/streams", order, at=order["time"]),
        message("fleet/D1/payload/cam0", after, at=after["time"]),
    ]
    corpus.add("router", frame(sequence))
    corpus.add("telemetry", message("fleet/D1/telemetry", fix))
    corpus.add("payload", message("fleet/D1/payload/cam0", density))


def configurations(corpus, repo):
    for path in sorted(list(repo.glob("Deploy/*.yaml")) + list(repo.glob("Simulator/**/*.yaml"))):
        corpus.add("config", path.read_bytes())


# Swift string literals in the tests: #"..."#, and multi-line """...""" with or without #.
SINGLE_LINE = re.compile(r'#"(.*?)"#')
MULTI_LINE = re.compile(r'#?"""\n(.*?)\n([ \t]*)"""#?', re.S)


def test_literals(corpus, repo):
    """JSON and YAML text written in the tests, sent to the target of the decoder each test file is about."""
    routes = [
        ("AdapterTests/DJI", "dji"), ("AdapterTests/MAVLink", "mavlink"), ("AdapterTests/RemoteID", "remoteid"),
        ("AdapterTests/MISB", "klv"), ("Import/ED269", "ed269"), ("Import/ED318", "ed318"),
        ("Import/ImportSamples", "ed269"), ("Import/ImportSamples", "ed318"), ("Import/BundleImport", "ed318"),
        ("ComplianceTests/Telemetry", "telemetry"), ("ComplianceTests/Decoder", "telemetry"),
        ("ComplianceTests/Payload", "payload"), ("ComplianceTests/EnginePayload", "payload"),
    ]
    for path in sorted(repo.glob("Tests/**/*.swift")):
        source = path.read_text()
        # A multi-line literal's lines are indented as far as its closing delimiter, which Swift removes.
        literals = SINGLE_LINE.findall(source) + [
            "\n".join(line[len(indent):] for line in block.splitlines()) for block, indent in MULTI_LINE.findall(source)
        ]
        name = str(path.relative_to(repo / "Tests"))
        for text in literals:
            stripped = text.strip()
            if stripped.startswith(("{", "[")):
                corpus.add("json", stripped)
                for prefix, target in routes:
                    if not name.startswith(prefix) and f"/{prefix}" not in "/" + name:
                        continue
                    corpus.add(target, seed_for(target, stripped))
            elif "Config" in name and re.search(r"^\s*[a-z_]+:", stripped, re.M):
                corpus.add("config", stripped + "\n")


def seed_for(target, text):
    """A JSON literal from a test, framed as `target` reads it (with a topic where it needs one)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        document = None
    drone = document.get("drone", "D1") if isinstance(document, dict) else "D1"
    drone = drone if isinstance(drone, str) else "D1"
    if target == "telemetry":
        return message(f"fleet/{drone}/telemetry", text)
    if target == "payload":
        stream = document.get("stream", "cam0") if isinstance(document, dict) else "cam0"
        return message(f"fleet/{drone}/payload/{stream if isinstance(stream, str) else 'cam0'}", text)
    if target == "dji":
        return message("thing/product/1581F5BKD225D00A/osd", text)
    if target == "mavlink":
        kind = mavlink_type(document) if isinstance(document, dict) else "GLOBAL_POSITION_INT"
        return message(f"mavlink/drone7/{kind}", text)
    return text


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    repo, testdata, out = (pathlib.Path(argument) for argument in sys.argv[1:])
    corpus = Corpus(out)
    if testdata.is_dir():
        shared_samples(corpus, testdata)
        bundles(corpus, repo, testdata)
    else:
        print(f"fuzz-corpus: no shared samples at {testdata}; seeding from the repository only", file=sys.stderr)
        bundles(corpus, repo, pathlib.Path("/nonexistent"))
    recordings(corpus, repo)
    release_sequence(corpus)
    configurations(corpus, repo)
    test_literals(corpus, repo)
    print("fuzz-corpus: new seeds " + ", ".join(f"{target} {corpus.counts[target]}" for target in TARGETS))


if __name__ == "__main__":
    main()
