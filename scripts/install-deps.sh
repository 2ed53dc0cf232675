#!/usr/bin/env bash
# Installs the Debian packages flowgate needs to build, test and run its demo, on a machine that already has
# Swift (https://www.swift.org/install/linux/). Safe to run again: it installs only what is missing.
set -euo pipefail

# libmosquitto-dev: the MQTT client library the gateway is built on (the CMosquitto target).
# libsqlite3-dev: SQLite, which the audit record (GRDB) is built on.
# mosquitto: the broker the tests start on a free loopback port, and the demo's private broker.
# openssl: the tests make the certificates of their TLS broker with it.
# nats-server: the tests start a three-node NATS cluster (JetStream, MQTT) from Deploy/nats/.
# chromium: the live console's browser test loads the page in headless Chromium and checks what a person sees.
packages=(libmosquitto-dev libsqlite3-dev mosquitto openssl nats-server chromium)

command -v swift >/dev/null || {
    echo "install-deps: swift is not on PATH; install Swift 6.x first (https://www.swift.org/install/linux/)" >&2
    exit 1
}
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

# Python modules the tests hold the zone engine to: shapely (GEOS) and geographiclib (Karney's geodesics),
# independent implementations of containment and distance; jsonschema checks ED-318 files against the
# standard's schemas.
python_modules=(shapely geographiclib jsonschema)
command -v python3 >/dev/null || {
    echo "install-deps: python3 is not on PATH; the tests need it with pip (Debian: python3-pip)" >&2
    exit 1
}
if ! python3 -c "import $(IFS=,; echo "${python_modules[*]}")" 2>/dev/null; then
    echo "install-deps: installing the Python modules ${python_modules[*]}"
    # A system Python that refuses pip (PEP 668) takes them with --break-system-packages, into its own site.
    python3 -m pip install --quiet --disable-pip-version-check "${python_modules[@]}" ||
        python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${python_modules[@]}"
fi
