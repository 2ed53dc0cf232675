# flowgate: the two commands a new user needs are `make demo` and `make test` (see README.md).
SWIFT ?= swift
DEMO_SITE ?= Geofences/berlin-pariser-platz

.PHONY: demo test deps build lint format bench clean

## Installs what building, testing and the demo need on Debian (with Swift already installed).
deps:
	@scripts/install-deps.sh

## The main job on the embedded default: the demo site checked, then `flowgate demo` (private broker, gateway,
## training-day at 25x, live view, review report, scorecard). DEMO_ARGS="--speed 50" passes options on.
demo: deps
	@scripts/demo.sh $(DEMO_SITE)

## Runs every test.
test: deps
	$(SWIFT) test

build:
	$(SWIFT) build

## Checks formatting against .swift-format.
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Benchmarks

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests Benchmarks

## Prints the zone engine's numbers (release build).
bench:
	$(SWIFT) run -c release flowgate-bench

clean:
	rm -rf .build
