#!/usr/bin/env bash
# Installs what is missing, builds qunbot (Release) and starts it on bot.toml: the console sandbox.
# Extra arguments go to qunbot, e.g. scripts/run.sh --script plugins/checkin/demo.txt
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# ccache (when installed) shares objects between clones of the tree on this machine.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
scripts/setup.sh
build="${QUNBOT_BUILD:-build/release}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQUNBOT_TESTS=OFF >/dev/null
cmake --build "$build" -j "${QUNBOT_JOBS:-$(nproc)}" --target qunbot >&2
# Tesseract (antiad's OCR) runs OpenMP threads per image that only fight the bot's own threads on
# a small machine; one thread per read is faster there (see plugins/antiad/README.md).
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"
exec "$build/qunbot" --config "${QUNBOT_CONFIG:-bot.toml}" "$@"
