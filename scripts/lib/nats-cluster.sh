# The three-node NATS cluster of Deploy/nats/ on free loopback ports, for scripts/cluster-demo.sh and
# scripts/cluster-bench.sh (sourced, not run). Each function works in the output folder `$out` and adds the
# processes it starts to the array `pids`, which the caller kills on exit.

# Builds flowgate (release) into `$flowgate`, makes the output folder `$out` afresh (and absolute), and kills every
# process in `pids` when the script exits.
cluster_script_start() {
    echo "==> Building flowgate (release)"
    swift build -c release --product flowgate
    flowgate=$(swift build -c release --show-bin-path)/flowgate
    rm -rf "$out"
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    pids=()
    trap 'for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done' EXIT
}

# Free loopback ports for the shipped ones (clients 4222-4224, routes 6222-6224, MQTT 1883-1885, monitoring
# 8222-8224), replaced in one pass; each node's store in `$out`. Sets mqtt1-3 and http1-3.
nats_cluster_configure() {
    python3 - "$out" <<'EOF'
import os, re, socket, sys
out = sys.argv[1]
shipped = [p for base in (4221, 6221, 1882, 8221) for p in (base + 1, base + 2, base + 3)]
sockets = [socket.socket() for _ in shipped]
for s in sockets: s.bind(("127.0.0.1", 0))
local = {p: s.getsockname()[1] for p, s in zip(shipped, sockets)}
for s in sockets: s.close()
for node in (1, 2, 3):
    text = open(f"Deploy/nats/node{node}.conf").read()
    text = re.sub(r"127\.0\.0\.1:(\d+)", lambda m: f"127.0.0.1:{local.get(int(m.group(1)), int(m.group(1)))}", text)
    text = text.replace(f'"./data/n{node}"', f'"{out}/data/n{node}"')
    open(f"{out}/node{node}.conf", "w").write(text)
open(f"{out}/ports", "w").write(" ".join(str(local[p]) for p in (1883, 1884, 1885, 8222, 8223, 8224)) + "\n")
EOF
    read -r mqtt1 mqtt2 mqtt3 http1 http2 http3 <"$out/ports"
}

# Starts the three nodes (each includes `$out/accounts.conf`) and waits until each reports healthy. Sets
# nats_pids to their process ids.
nats_cluster_start() {
    nats_pids=()
    for node in 1 2 3; do
        nats-server -c "$out/node$node.conf" >>"$out/nats-$node.log" 2>&1 &
        pids+=($!)
        nats_pids+=($!)
    done
    for port in "$http1" "$http2" "$http3"; do
        python3 - "$port" <<'EOF'
import sys, time, urllib.request
for _ in range(600):
    try:
        if urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2).status == 200: sys.exit(0)
    except Exception: pass
    time.sleep(0.2)
sys.exit("a NATS node did not become healthy within 2 minutes")
EOF
    done
}

# Stops the three nodes (SIGTERM, then waits), keeping their stores.
nats_cluster_stop() {
    for pid in "${nats_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${nats_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}

# A fresh random password for each account named, one "name:password" line each, into `$out/credentials`.
nats_cluster_credentials() {
    (
        umask 077
        for account in "$@"; do echo "$account:$(openssl rand -hex 12)"; done >"$out/credentials"
    )
}

# The password of an account in `$out/credentials`.
password() { grep "^$1:" "$out/credentials" | cut -d: -f2; }

# A gateway instance's configuration on the cluster: the same ingress client id for every instance (each
# partition's session is the same whoever holds it), its own egress client id, and the hand-overs' key that all
# share (made once, `$out/cluster.key`), and the cluster's other nodes as alternates.
#   nats_cluster_gateway_config INSTANCE PORT "OWNED PARTITIONS" BUNDLE
nats_cluster_gateway_config() {
    [[ -f $out/cluster.key ]] || (umask 077 && openssl rand -hex 32 >"$out/cluster.key")
    # The other two nodes, to move to when this one is unreachable.
    local others="" port
    for port in "$mqtt1" "$mqtt2" "$mqtt3"; do
        [[ $port == "$2" ]] || others+="${others:+, }\"127.0.0.1:$port\""
    done
    cat >"$out/$1.yaml" <<EOF
bundle: $4
ingress: {host: 127.0.0.1, port: $2, client_id: flowgate, username: flowgate-ingress, password: $(password flowgate-ingress), alternates: [$others]}
egress: {host: 127.0.0.1, port: $2, client_id: $1-out, username: flowgate-egress, password: $(password flowgate-egress), alternates: [$others]}
audit: {path: $out/$1.sqlite, checkpoint: none}
cluster: {partitions: 8, instance: $1, owned: [$3], failover: {heartbeat_s: 1, lease_s: 5, key_file: $out/cluster.key}}
EOF
}

# User and system CPU seconds a process has used so far (0 when it is gone).
cpu_seconds() {
    python3 -c "
import os, sys
try: f = open(f'/proc/{sys.argv[1]}/stat').read().rsplit(')', 1)[1].split()
except OSError: print(0); sys.exit()
print((int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK'))" "$1"
}
