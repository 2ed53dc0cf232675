#!/usr/bin/env bash
# The cluster's steady-state numbers (Docs/CLUSTER.md, "Numbers"): the same QoS 1 telemetry load, as fast as the
# drones can send it, through
#   1. one gateway on a private mosquitto (the embedded default),
#   2. one gateway instance on the three-node NATS cluster (it owns all 8 partitions),
#   3. two instances on the cluster (4 partitions each),
# each run measured from the first message sent to the last one a consumer receives on `compliant/#`: messages/s,
# and CPU per message of the gateway instances and of the broker(s), read from /proc. Then what the partition
# mappings cost the broker: the same load read straight from the brokers by one subscriber, on the cluster with
# the mappings (reading `fp/+/fleet/+/telemetry`) and without them (reading `fleet/+/telemetry`).
#   make cluster-bench                        # 50 drones, 40,000 messages a run
#   DRONES=100 MESSAGES=100000 make cluster-bench
# The drones are mosquitto_pub processes, one per drone with its own account, node 3 of the cluster; the consumer
# and the gateways on nodes 1 and 2. All on loopback of one machine: the processes share its cores, so compare CPU
# per message, not absolute rates.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/nats-cluster.sh
drones=${DRONES:-50}
messages=${MESSAGES:-40000}
out=${CLUSTER_BENCH_OUT:-.build/cluster-bench}
per_drone=$((messages / drones))
total=$((per_drone * drones))

cluster_script_start
mkdir -p "$out/load"

# The demo site with every benchmark drone authorised, and each drone's messages: hovering inside the route
# corridor at the middle of the authorisation's window. The gateways' exercise clock stands (almost) still at that
# instant, so that no message ages during the run.
names=()
for ((d = 1; d <= drones; d++)); do names+=("D$d"); done
cp -r Geofences/berlin-pariser-platz "$out/bundle"
instant=$(python3 - "$out" "$drones" <<'EOF'
import datetime, json, sys
out, drones = sys.argv[1], int(sys.argv[2])
path = f"{out}/bundle/authorisations.json"
document = json.load(open(path))
authorisation = document["authorisations"][0]
authorisation["drones"] = [f"D{d}" for d in range(1, drones + 1)]
json.dump(document, open(path, "w"), indent=2)
def instant(text): return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
middle = instant(authorisation["valid_from"]) + (instant(authorisation["valid_until"]) - instant(authorisation["valid_from"])) / 2
print(middle.strftime("%Y-%m-%dT%H:%M:%SZ"))
EOF
)
# Each drone's file for the next run, its seq going on from the last run's: the cluster hands each drone's last seq
# over (retained), so that a repeated seq would be judged a replay and withheld.
runs=0
write_load() {
    python3 - "$out" "$drones" "$per_drone" "$instant" "$runs" <<'EOF'
import json, sys
out, drones, count, time, run = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
mission = json.load(open(f"{out}/bundle/authorisations.json"))["authorisations"][0]["mission"]
for d in range(1, drones + 1):
    with open(f"{out}/load/D{d}", "w") as lines:
        for seq in range(run * count + 1, (run + 1) * count + 1):
            lines.write(json.dumps({"v": 1, "drone": f"D{d}", "mission": mission, "seq": seq, "time": time,
                "position": {"lat": 52.5152, "lon": 13.36, "alt_m": 75, "alt_ref": "AGL"}}, separators=(",", ":")) + "\n")
EOF
    runs=$((runs + 1))
}
clock="$instant@$(date +%s%3N)*0.000001"

nats_cluster_credentials flowgate-ingress flowgate-egress ops-centre "${names[@]}"
results="$out/results"
: >"$results"

# Waits until a gateway instance says it is online: status topic, port, account ("" for none).
wait_online() {
    local auth=()
    [[ -n $3 ]] && auth=(-u "$3" -P "$(password "$3")")
    timeout 120 mosquitto_sub -h 127.0.0.1 -p "$2" "${auth[@]}" -V mqttv311 -t "$1" -C 1 -W 120 \
        | grep -q online || { echo "no online status on $1" >&2; exit 1; }
}

# One measured run: the consumer subscribes, every drone sends its file, and the run ends when the consumer has
# `total` messages. CPU per message is read for the gateway processes and the broker processes.
#   measure LABEL DRONE_PORT CONSUMER_PORT CONSUMER_TOPIC CONSUMER_ACCOUNT "GATEWAY PIDS" "BROKER PIDS" [DRONE_TOPIC]
measure() {
    local label=$1 drone_port=$2 consumer_port=$3 topic=$4 account=$5 gateways=$6 brokers=$7
    local auth=()
    [[ -n $account ]] && auth=(-u "$account" -P "$(password "$account")")
    write_load
    mosquitto_sub -h 127.0.0.1 -p "$consumer_port" "${auth[@]}" -V mqttv311 -q 1 -i "bench-consumer-$RANDOM" \
        -t "$topic" -C "$total" -W 120 >"$out/consumed" &
    local consumer=$!
    sleep 2
    local cpu_gateways=0 cpu_brokers=0 pid
    for pid in $gateways; do cpu_gateways=$(python3 -c "print($cpu_gateways - $(cpu_seconds "$pid"))"); done
    for pid in $brokers; do cpu_brokers=$(python3 -c "print($cpu_brokers - $(cpu_seconds "$pid"))"); done
    local started senders=()
    started=$(date +%s%3N)
    for name in "${names[@]}"; do
        local drone_auth=()
        [[ -n $account ]] && drone_auth=(-u "$name" -P "$(password "$name")")
        mosquitto_pub -h 127.0.0.1 -p "$drone_port" "${drone_auth[@]}" -V mqttv311 -q 1 -i "$name" \
            -t "fleet/$name/telemetry" -l <"$out/load/$name" &
        senders+=($!)
    done
    wait "${senders[@]}"
    wait "$consumer" || true
    local ended received
    ended=$(date +%s%3N)
    received=$(wc -l <"$out/consumed")
    for pid in $gateways; do cpu_gateways=$(python3 -c "print($cpu_gateways + $(cpu_seconds "$pid"))"); done
    for pid in $brokers; do cpu_brokers=$(python3 -c "print($cpu_brokers + $(cpu_seconds "$pid"))"); done
    python3 - "$label" "$received" "$total" "$started" "$ended" "$cpu_gateways" "$cpu_brokers" <<'EOF' | tee -a "$results"
import sys
label, received, total, started, ended, gateways, brokers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
seconds = (ended - started) / 1000
note = "" if received >= total else f"  ({received} of {total} received)"
gateway = f"{gateways / max(1, received) * 1e6:8.0f}" if gateways else "       -"
print(f"  {label:<34} {received / seconds:8.0f} msg/s   gateway {gateway} µs CPU/msg   "
      f"broker {brokers / max(1, received) * 1e6:6.0f} µs CPU/msg{note}")
EOF
}

echo
echo "==> $total QoS 1 telemetry messages from $drones drones per run (as fast as they go)"

# 1. One gateway on a private mosquitto.
mosquitto_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$out/mosquitto"
cat >"$out/mosquitto/mosquitto.conf" <<EOF
listener $mosquitto_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
max_inflight_messages 0
set_tcp_nodelay true
EOF
mosquitto -c "$out/mosquitto/mosquitto.conf" >"$out/mosquitto/log" 2>&1 &
mosquitto_pid=$!
pids+=($mosquitto_pid)
sleep 1
cat >"$out/single.yaml" <<EOF
bundle: $out/bundle
ingress: {host: 127.0.0.1, port: $mosquitto_port, client_id: flowgate-bench}
egress: {host: 127.0.0.1, port: $mosquitto_port, client_id: flowgate-bench-out}
audit: {path: $out/single.sqlite, checkpoint: none}
EOF
"$flowgate" run --config "$out/single.yaml" --exercise-clock "$clock" >"$out/single.log" 2>&1 &
single=$!
pids+=($single)
wait_online flowgate/status "$mosquitto_port" ""
measure "mosquitto, 1 gateway" "$mosquitto_port" "$mosquitto_port" "compliant/#" "" "$single" "$mosquitto_pid"
kill -TERM "$single"
wait "$single" || true
kill -TERM "$mosquitto_pid"

# 2 and 3. The cluster, with one and then two instances.
nats_cluster_configure
nats_cluster_gateway_config gw-a "$mqtt1" "0, 1, 2, 3, 4, 5, 6, 7" "$out/bundle"
"$flowgate" config nats-accounts "$out/gw-a.yaml" --partitions 8 --credentials "$out/credentials" \
    --consumer ops-centre -o "$out/accounts.conf" >/dev/null
nats_cluster_start
# The broker alone first, on the fresh cluster: the partition mappings' cost (see 4).
measure "NATS cluster, mappings, no gateway" "$mqtt3" "$mqtt1" "fp/+/fleet/+/telemetry" flowgate-ingress "" \
    "${nats_pids[*]}"
instance_run() { # label config...
    local label=$1 instance gateways=() node
    shift
    for instance in "$@"; do
        # The last run's retained "offline" cleared, so that the next status seen is this run's.
        node=$(grep -o 'port: [0-9]*' "$out/$instance.yaml" | head -1 | cut -d' ' -f2)
        mosquitto_pub -h 127.0.0.1 -p "$node" -u flowgate-egress -P "$(password flowgate-egress)" -V mqttv311 \
            -t "flowgate/status/$instance" -r -n -q 1
        "$flowgate" run --config "$out/$instance.yaml" --exercise-clock "$clock" >"$out/$instance.log" 2>&1 &
        gateways+=($!)
        pids+=($!)
    done
    for instance in "$@"; do
        node=$(grep -o 'port: [0-9]*' "$out/$instance.yaml" | head -1 | cut -d' ' -f2)
        wait_online "flowgate/status/$instance" "$node" ops-centre
    done
    # Ownership settles within a lease after the last instance joins.
    sleep 6
    measure "$label" "$mqtt3" "$mqtt1" "compliant/#" ops-centre "${gateways[*]}" "${nats_pids[*]}"
    for pid in "${gateways[@]}"; do kill -TERM "$pid"; done
    for pid in "${gateways[@]}"; do wait "$pid" || true; done
}
instance_run "NATS cluster, 1 instance" gw-a
nats_cluster_gateway_config gw-a "$mqtt1" "0, 1, 2, 3" "$out/bundle"
nats_cluster_gateway_config gw-b "$mqtt2" "4, 5, 6, 7" "$out/bundle"
instance_run "NATS cluster, 2 instances" gw-a gw-b

# 4. The mappings' cost: the broker alone, read by the ingress account, without the mappings (on a fresh cluster:
# the gateways' partition sessions, kept by the cluster, would otherwise store a copy of every message).
nats_cluster_stop
rm -rf "$out/data"
python3 - "$out/accounts.conf" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r"    # Each drone's messages go to its partition.*?\n    mappings: \{.*?\n    \}\n", "", text, flags=re.S)
text = re.sub(r'"fp\.\d+\.fleet\.', '"fleet.', text)
text = text.replace('"fp.*.fleet.*.telemetry"', '"fleet.*.telemetry"').replace('"fp.*.fleet.*.payload.*"', '"fleet.*.payload.*"')
open(path, "w").write(text)
EOF
nats_cluster_start
measure "NATS cluster, no mappings, no gateway" "$mqtt3" "$mqtt1" "fleet/+/telemetry" flowgate-ingress "" \
    "${nats_pids[*]}"

echo
echo "Numbers in $results; logs in $out."
