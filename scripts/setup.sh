#!/usr/bin/env bash
# Installs the Debian packages qunbot needs to build and run; with --tests also what the tests
# need (Chromium and its driver for the console's browser tests). Idempotent: it only asks apt for
# what is missing, runs `apt-get update` at most once, and never prompts.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git tzdata ccache
    libboost1.81-dev libssl-dev
    nlohmann-json3-dev libsimdjson-dev
    libsqlite3-dev libsqlitecpp-dev sqlite3
    libfmt-dev libspdlog-dev
    libtomlplusplus-dev libcli11-dev
    libcctz-dev libedit-dev
    libpugixml-dev libsodium-dev libjs-chart.js
    libre2-dev libzbar-dev libstb-dev libqrencode-dev libpsl-dev publicsuffix
    libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng
    libfreetype-dev fonts-wqy-microhei
    catch2
    clang-14 libclang-rt-14-dev
)
if [ "${1:-}" = "--tests" ]; then
    # The console's browser tests: Debian's Chromium driven by Selenium under Debian's Python.
    packages+=(chromium chromium-driver python3-selenium python3-minimal)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
