#!/usr/bin/env bash
# The benchmark (docs/performance.md): builds qunbot, qunbot-loadgen and qunbot-baseline in
# Release, runs the OneBot v11 load generator against qunbot with bench/bench.toml, then against
# the baseline responder, and prints the table. Every figure is also a JSON line in results.jsonl.
#
#   scripts/bench.sh                     # the default run, about three minutes (5 s per phase)
#   BENCH_SECONDS=2 scripts/bench.sh     # a shorter run: 2 s per phase
#
# Then qunbot-wire (the cost of reading and writing one v11 frame, without the network) and
# qunbot-dayclose: BENCH_GROUPS groups (default 10000) whose day close is due at the same
# minute, every platform call answered after BENCH_RTT_US microseconds (default 1000).
#
# Environment: BENCH_SECONDS (per phase, default 5), BENCH_PREFILL (check-in rows, default
# 1000000), BENCH_PORT (default 6711; qunbot's console and its /metrics on the next port), BENCH_BUILD (build folder, default build/bench-release),
# BENCH_JOBS (parallel compile jobs, default 1), BENCH_OUT (results folder).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-$root/build/bench-release}
secs=${BENCH_SECONDS:-5}
prefill=${BENCH_PREFILL:-1000000}
port=${BENCH_PORT:-6711}
jobs=${BENCH_JOBS:-1}
out=${BENCH_OUT:-$build/bench-run-$(date -u +%Y%m%dT%H%M%SZ)}

launcher=()
if command -v ccache > /dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQUNBOT_TESTS=OFF "${launcher[@]}" > /dev/null
cmake --build "$build" --target qunbot qunbot-loadgen qunbot-baseline qunbot-dayclose qunbot-wire -j "$jobs"

# Check-in phases are half as long: they only measure whether latency stays flat as the table grows.
checkin_secs=$(( secs > 1 ? secs / 2 : 1 ))
# overload:5:10 offers five times the saturated rate of the closed phase for 10 s: the peak RSS
# shows what backpressure bounds, and all_answered whether every event was eventually answered.
phases="closed:$secs,open:1000:$secs,open:5000:$secs,open:10000:$secs,overload:5:${BENCH_OVERLOAD_SECONDS:-10}"
phases+=",checkin:1000:$checkin_secs,prefill:$prefill,checkin:1000:$checkin_secs"

mkdir -p "$out/qunbot" "$out/baseline"
results="$out/results.jsonl"
: > "$results"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
printf '{"phase":"machine","cpus":%s,"cpu":"%s","kernel":"%s","commit":"%s"}\n' "$(nproc)" "$cpu" "$(uname -r)" \
    "$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)" >> "$results"

metrics_port=$((port + 1))
sed -E -e "s/^port = 6711/port = $port/" -e "s/^port = 6712/port = $metrics_port/" "$root/bench/bench.toml" \
    > "$out/qunbot/bench.toml"
"$build/qunbot-loadgen" --label qunbot --port "$port" --dir "$out/qunbot" --db "$out/qunbot/qunbot.db" \
    --metrics-port "$metrics_port" --json "$results" --phases "$phases" -- "$build/qunbot" -c "$out/qunbot/bench.toml"
"$build/qunbot-loadgen" --label baseline --port "$port" --dir "$out/baseline" \
    --json "$results" --phases "$phases" -- "$build/qunbot-baseline" "$port"

# What one v11 frame costs to read and write, without the network (nanoseconds per frame).
"$build/qunbot-wire" | tee -a "$results"

"$build/qunbot-dayclose" --groups "${BENCH_GROUPS:-10000}" --rtt-us "${BENCH_RTT_US:-1000}" | tee -a "$results"

echo
echo "machine: $(nproc) CPUs, $cpu"
"$build/qunbot-loadgen" --report "$results" | tee "$out/table.txt"
echo
echo "results: $results"
