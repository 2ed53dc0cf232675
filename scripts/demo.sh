#!/usr/bin/env bash
# The demo of what flowgate does so far: validate the demo site's zones and authorisations, answer the sample
# position queries for a drone mission over an assembly in Berlin, then run a recorded flight through the
# gateway's telemetry engine (compliant fixes, a breach, a replay, a GPS jump, clock skew, spoofing, garbage).
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-Geofences/berlin-pariser-platz}

echo "==> Building flowgate (release)"
swift build -c release --product flowgate
flowgate=$(swift build -c release --show-bin-path)/flowgate

echo
echo "==> flowgate zones check $site"
"$flowgate" zones check "$site"

echo
echo "==> flowgate zones query --format text $site < $site/queries.jsonl"
status=0
"$flowgate" zones query --format text "$site" <"$site/queries.jsonl" || status=$?
# The sample queries end with one deliberately malformed line, which makes the command exit 1 after
# answering everything else; any other status is a real failure.
if [ "$status" -ne 1 ]; then
    echo "demo: expected exit status 1 (one malformed sample line), got $status" >&2
    exit 1
fi

echo
echo "==> The same answers as JSON lines, for programs (first two):"
"$flowgate" zones query "$site" <"$site/queries.jsonl" 2>/dev/null | head -n 2 || true
echo
echo "==> The gateway's engine on a recorded flight: flowgate replay --format text Docs/examples/demo-recording.jsonl"
"$flowgate" replay --format text Docs/examples/demo-recording.jsonl --config Deploy/flowgate.example.yaml

echo
echo "Demo done. Try your own positions:"
echo "  echo '{\"drone\":\"D1\",\"mission\":\"M-0412\",\"lat\":52.5163,\"lon\":13.3777,\"alt_m\":60,\"alt_ref\":\"AGL\",\"time\":\"2026-11-28T13:00:00Z\"}' \\"
echo "    | $flowgate zones query --format text $site"
