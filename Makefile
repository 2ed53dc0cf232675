# flowgate: the two commands a new user needs are `make demo` and `make test` (see README.md).
SWIFT ?= swift
DEMO_SITE ?= Geofences/berlin-pariser-platz
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_TARGETS ?=

.PHONY: demo cluster-demo cluster-bench test deps build lint format bench bench-audit bench-query fuzz clean

## Installs what building, testing and the demo need on Debian (with Swift already installed).
deps:
	@scripts/install-deps.sh

## The main job on the embedded default: the demo site checked, then `flowgate demo` (private broker, gateway,
## training-day at 25x, live view, review report, scorecard). DEMO_ARGS="--speed 50" passes options on;
## DEMO_ARGS="--console" serves the live console (map, feed, four-eyes release, exercise controls) as well.
demo: deps
	@scripts/demo.sh $(DEMO_SITE)

## flowgate on a three-node NATS cluster with two gateway instances; one is killed halfway (Docs/CLUSTER.md).
## SCENARIO=... and SPEED=... choose the exercise (training-day at 10x by default).
cluster-demo: deps
	@scripts/cluster-demo.sh

## The cluster's steady-state numbers: messages/s and CPU per message of 1 gateway on mosquitto, 1 and 2 instances
## on the NATS cluster, and what the partition mappings cost the broker. DRONES=... MESSAGES=... size the load.
cluster-bench: deps
	@scripts/cluster-bench.sh

## Runs every test.
test: deps
	@SWIFT="$(SWIFT)" scripts/test.sh

build:
	$(SWIFT) build

## Checks formatting against .swift-format.
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Benchmarks Fuzz/Package.swift Fuzz/Sources

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests Benchmarks Fuzz/Package.swift Fuzz/Sources

## Prints the zone engine's numbers (release build).
bench:
	$(SWIFT) run -c release flowgate-bench

## Prints the audit record writer's numbers: records/s with batching and bytes per drone-hour (release build).
bench-audit:
	$(SWIFT) run -c release flowgate-audit-bench

## Prints `flowgate zones query` lines/s end to end, --jobs 1 and 2, on 2,000,000 lines over the demo site.
bench-query:
	$(SWIFT) build -c release --product flowgate
	scripts/query-bench.py

## Builds the libFuzzer targets (Fuzz/, in .build-fuzz) and runs each for FUZZ_SECONDS (default 60) or FUZZ_RUNS
## runs, whichever comes first; fails on any crash, naming the input. FUZZ_TARGETS="json router" runs some.
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz
