#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (with AddressSanitizer), seeds their corpora from the shared samples and
# the repository's fixtures, and runs each target in turn. Exits 1 when any target finds a crash, a sanitizer
# report, a timeout or an out-of-memory, naming the input that caused it. See Docs/FUZZING.md.
#
# usage: scripts/fuzz.sh [TARGET...]     (default: every target; a target is json, router, config, ...)
#
# FUZZ_SECONDS   per target (default 60)         FUZZ_RUNS       per target, whichever comes first (default: no limit)
# FUZZ_TESTDATA  the shared samples (default ../shared/testdata)   FUZZ_SCRATCH  build folder (default .build-fuzz)
# FUZZ_BUILD_JOBS  swift build -j (default 1)    FUZZ_NO_BUILD=1 runs what is built
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
seconds=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:--1}
testdata=${FUZZ_TESTDATA:-../shared/testdata}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
all=(json telemetry payload router dji klv mavlink remoteid ed269 ed318 bundle config)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
for target in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $target "* ]] || {
        echo "fuzz: no target '$target' (targets: ${all[*]})" >&2
        exit 2
    }
done

# libFuzzer's main and coverage, AddressSanitizer, and lld (gold warns about an ASan symbol at every link).
# swiftc keeps only its last -sanitize= option, and SwiftPM passes one per --sanitize: without the combined
# option last, Swift code gets AddressSanitizer but no coverage, and the fuzzer runs blind.
build=("$SWIFT" build --package-path Fuzz -c release --scratch-path "$scratch" --sanitize=fuzzer --sanitize=address
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
if [[ -z "${FUZZ_NO_BUILD:-}" ]]; then
    echo "==> building the fuzz targets (release, fuzzer and address sanitizers) in $scratch"
    start=$SECONDS
    "${build[@]}" -j "${FUZZ_BUILD_JOBS:-1}"
    echo "fuzz: built in $((SECONDS - start)) s"
fi
bin=$("${build[@]}" --show-bin-path)

work="$scratch/fuzz"
python3 scripts/fuzz-corpus.py . "$testdata" "$work/corpus"

# The largest input each target is given: whole zone files and bundles, sequences of messages, single messages.
max_len() {
    case $1 in
    json | ed269 | ed318 | bundle | config) echo 16384 ;;
    router | mavlink) echo 8192 ;;
    *) echo 4096 ;;
    esac
}
dictionary() {
    case $1 in
    klv) ;;
    config) echo "-dict=Fuzz/Dictionaries/yaml.dict" ;;
    *) echo "-dict=Fuzz/Dictionaries/json.dict" ;;
    esac
}

failed=()
summary=()
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target"
    log="$work/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    marker="$work/logs/$target.started"
    touch "$marker"
    echo "==> fuzz-$target: up to $seconds s / $runs runs, corpus $corpus ($(find "$corpus" -type f | wc -l) inputs)"
    status=0
    # The Swift runtime's backtracer would take the crash signal before libFuzzer saves the input.
    # Leaks are not checked: the runtime's lazily filled caches look like leaks to LeakSanitizer.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
        "$bin/fuzz-$target" -max_total_time="$seconds" -runs="$runs" -max_len="$(max_len "$target")" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        $(dictionary "$target") "$corpus" >"$log" 2>&1 || status=$?
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    found=$(find "$artifacts" -type f -newer "$marker" | wc -l)
    if ((status != 0)) || ((found > 0)); then
        failed+=("$target")
        echo "fuzz-$target: FAILED (exit $status); log $log" >&2
        grep -E "^(SUMMARY|==[0-9]+==ERROR|Fatal error|.*Test unit written to)" "$log" | head -n 10 >&2 || true
        find "$artifacts" -type f -newer "$marker" -printf "  crashing input: %p\n" >&2
        echo "  reproduce: SWIFT_BACKTRACE=enable=no $bin/fuzz-$target INPUT" >&2
    fi
    summary+=("$(printf "%-10s %10s runs %8s/s  exit %s" "$target" "${executed:-?}" "${rate:-?}" "$status")")
done

echo "==> fuzz summary"
printf "%s\n" "${summary[@]}"
if ((${#failed[@]})); then
    echo "fuzz: findings in ${failed[*]}; inputs under $work/artifacts" >&2
    exit 1
fi
echo "fuzz: no findings"
