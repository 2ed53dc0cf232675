#!/usr/bin/env bash
# The one-command demo: check the demo site's zones and authorisations, then `flowgate demo`: a private
# mosquitto with the shipped ACLs, the gateway on the training-day site with its audit record, the training-day
# exercise at 25x with a live view, the HTML review report and the scorecard. Exits non-zero when a scripted
# fault is missed or compliant traffic is blocked.
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-Geofences/berlin-pariser-platz}
out=${DEMO_OUT:-.build/demo}

echo "==> Building flowgate (release)"
swift build -c release --product flowgate
flowgate=$(swift build -c release --show-bin-path)/flowgate

echo
echo "==> flowgate zones check $site"
"$flowgate" zones check "$site"

echo
echo "==> flowgate zones query --format text $site (first three sample positions)"
head -n 3 "$site/queries.jsonl" | "$flowgate" zones query --format text "$site"

echo
echo "==> flowgate demo --out $out ${DEMO_ARGS:-}"
# shellcheck disable=SC2086 # DEMO_ARGS holds separate options, e.g. DEMO_ARGS="--speed 50".
"$flowgate" demo --out "$out" ${DEMO_ARGS:-}

echo
echo "The same exercise on a live map in the browser: $flowgate demo --console (see Docs/CONSOLE.md)"
