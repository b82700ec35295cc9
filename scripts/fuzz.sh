#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang in build/fuzz and runs each for SECONDS
# (default 30). Seeds are read from tests/fuzz/corpus and left alone; what the fuzzer learns goes to
# build/fuzz/corpus, crashing inputs to build/fuzz/artifacts, each target's output to build/fuzz/logs.
# Exits non-zero when any target finds something.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# ccache (when installed) shares objects between clones of the tree on this machine.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
seconds="${1:-30}"
scripts/setup.sh

build="${QUNBOT_FUZZ_BUILD:-build/fuzz}"
jobs="${QUNBOT_JOBS:-$(nproc)}"
CC="${QUNBOT_FUZZ_CC:-clang-14}" CXX="${QUNBOT_FUZZ_CXX:-clang++-14}" \
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz -DQUNBOT_FUZZ=ON -DQUNBOT_TESTS=OFF \
          -DQUNBOT_WERROR="${QUNBOT_WERROR:-OFF}" >/dev/null
cmake --build "$build" -j "$jobs" --target qunbot_fuzz

mkdir -p "$build/artifacts" "$build/logs"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
passed=0
failed=0
for source in tests/fuzz/fuzz_*.cpp; do
    target="$(basename "$source" .cpp)"
    work="$build/corpus/$target"
    log="$build/logs/$target.log"
    mkdir -p "$work"
    # The first directory receives new inputs; the seed corpus after it is only read.
    status=ok
    if ! "$build/fuzz/$target" "$work" "tests/fuzz/corpus/$target" -max_total_time="$seconds" \
            -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$build/artifacts/$target-" \
            -print_final_stats=1 >"$log" 2>&1; then
        status=FAILED
    fi
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    # A target that dies while loading its seeds prints no coverage line; pipefail must not end the script.
    cov="$(grep -a -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)"
    echo "fuzz: $target: $status, ${execs:-?} execs, ${rate:-?} exec/s, ${cov:-no coverage line}"
    if [ "$status" = ok ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        grep -a -A40 -E '^==[0-9]+==|runtime error|fuzz: property violated|deadly signal' "$log" | head -60 || true
        grep -a 'Test unit written to' "$log" || true
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
