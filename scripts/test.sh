#!/usr/bin/env bash
# Installs what is missing, builds a Debug build with AddressSanitizer and UBSan, and runs every test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# ccache (when installed) shares objects between clones of the tree on this machine.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
scripts/setup.sh --tests

# ctest splits test names at ';' and would run nothing for such a test while reporting it passed.
if grep -rn --include='*.cpp' 'TEST_CASE("[^"]*;' plugins tests; then
    echo "test.sh: a TEST_CASE name above contains ';', which ctest cannot run; use ',' instead" >&2
    exit 1
fi
# ctest hands the name to the test binary as one argument, which it reads as an option when it starts with '-'.
if grep -rn --include='*.cpp' 'TEST_CASE("-' plugins tests; then
    echo "test.sh: a TEST_CASE name above starts with '-', which ctest cannot run; reword it" >&2
    exit 1
fi

build="${QUNBOT_TEST_BUILD:-build/test}"
jobs="${QUNBOT_JOBS:-$(nproc)}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DQUNBOT_SANITIZE=ON \
      -DQUNBOT_WERROR="${QUNBOT_WERROR:-OFF}" -DQUNBOT_TESTS=ON >/dev/null
cmake --build "$build" -j "$jobs"
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"  # Tesseract: one thread per OCR read
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 120

# A plugin is one folder you can delete: build qunbot without plugins/checkin (the same flags, so
# ccache supplies every object but the plugin table) and check what it does without it.
removed="${QUNBOT_REMOVED_BUILD:-build/test-without-checkin}"
cmake -S . -B "$removed" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DQUNBOT_SANITIZE=ON \
      -DQUNBOT_WERROR="${QUNBOT_WERROR:-OFF}" -DQUNBOT_TESTS=OFF -DQUNBOT_SKIP_PLUGINS=checkin >/dev/null
cmake --build "$removed" -j "$jobs" --target qunbot
scripts/check-removable.sh "$removed/qunbot"
