#!/usr/bin/env bash
# A plugin is one folder you can delete. Given a qunbot built without plugins/checkin
# (-DQUNBOT_SKIP_PLUGINS=checkin), checks that it starts and answers without the plugins that need
# the check-in plugin's attendance service, and that it refuses to start with one of them on,
# naming what is missing. scripts/test.sh builds that binary and runs this.
set -euo pipefail
binary="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
fail() {
    echo "check-removable: FAILED: $*"
    failed=1
}

cat >"$work/without.toml" <<TOML
[bot]
database = "$work/bot.db"
[plugins.deposit]
enabled = false
[plugins.redpacket]
enabled = false
[plugins.pairs]
enabled = false
TOML
cat >"$work/with.toml" <<TOML
[bot]
database = "$work/bot.db"
TOML

if out="$("$binary" check-config "$work/without.toml" 2>&1)"; then
    case "$out" in *checkin*) fail "check-in is still in the build: $out" ;; esac
else
    fail "a build without plugins/checkin refused a bot.toml without deposit, redpacket and pairs: $out"
fi

status=0
out="$("$binary" check-config "$work/with.toml" 2>&1)" || status=$?
[ "$status" -eq 2 ] || fail "deposit without the check-in plugin should stop check-config with status 2, got $status"
case "$out" in
    *"plugin 'deposit' needs the attendance service"*"plugin 'checkin' provides it but is not in this build"*) ;;
    *) fail "the refusal does not say what is missing: $out" ;;
esac

printf '/ping\n' >"$work/script.txt"
out="$("$binary" --config "$work/without.toml" --script "$work/script.txt" 2>&1)" || fail "the sandbox did not run: $out"
case "$out" in *pong*) ;; *) fail "the sandbox did not answer /ping: $out" ;; esac

[ "$failed" -eq 0 ] && echo "check-removable: a build without plugins/checkin starts, answers, and refuses deposit with a clear message"
exit "$failed"
