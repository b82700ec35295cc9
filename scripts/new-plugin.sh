#!/usr/bin/env bash
# Scaffolds plugins/NAME with a command, a config struct, a README and a transcript test.
# Usage: scripts/new-plugin.sh NAME   (NAME: lowercase letters, digits and _)
set -euo pipefail
name="${1:-}"
if [[ ! "$name" =~ ^[a-z][a-z0-9_]*$ ]]; then
    echo "usage: scripts/new-plugin.sh NAME   (lowercase letters, digits, _; starts with a letter)" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/plugins/$name"
if [ -e "$dir" ]; then
    echo "plugins/$name already exists" >&2
    exit 1
fi
mkdir -p "$dir/tests"

cat > "$dir/CMakeLists.txt" <<CMAKE
qunbot_plugin($name)
CMAKE

cat > "$dir/plugin.cpp" <<CPP
// The $name plugin: registration glue. Keep rules in plain functions so tests need no io_context.
#include "bot/plugin_context.hpp"

namespace plugins::$name {

/// [plugins.$name]
struct config {
    std::string answer = "收到";
    static void describe(bot::schema<config>& s) { s.field("answer", &config::answer, "/$name 的回复"); }
};

void register_plugin(bot::plugin_context& ctx) {
    ctx.config<config>();
    ctx.text("reply", "{answer}，{name}", {"answer", "name"});
    ctx.command({"$name"}, "TODO: what /$name does").handle([&ctx](bot::command_call& call) -> bot::task<> {
        auto g = call.s().group();
        auto answer = g ? ctx.group_config<config>(*g).answer : ctx.config<config>().answer;
        auto text = ctx.render(g, "reply", {{"answer", answer}, {"name", call.s().user_name()}});
        co_await call.reply(text);
    });
}

}  // namespace plugins::$name
CPP

cat > "$dir/tests/${name}_test.cpp" <<CPP
#include <catch2/catch.hpp>

#include "tests/support/fake_chat.hpp"

namespace plugins::$name {
void register_plugin(bot::plugin_context& ctx);
}

TEST_CASE("/$name answers the member", "[$name]") {
    testing::fake_chat chat("", {{"$name", &plugins::$name::register_plugin}});
    chat.user("alice").says("/$name");
    REQUIRE(chat.replied("收到，alice"));
}

TEST_CASE("/$name uses the per-group answer an admin set", "[$name]") {
    testing::fake_chat chat("", {{"$name", &plugins::$name::register_plugin}});
    chat.user("alice").is(bot::role::admin).says("/set $name.answer 好的");
    chat.clear();
    chat.user("bob").says("/$name");
    REQUIRE(chat.replied("好的，bob"));
}
CPP

cat > "$dir/README.md" <<MD
# $name

TODO: what this plugin does for a group.

| key | type | default | meaning |
|---|---|---|---|
| \`enabled\` | boolean | \`true\` | load the plugin |
| \`answer\` | string | \`"收到"\` | what \`/$name\` replies (per group: \`/set $name.answer ...\`) |

Texts (\`[plugins.$name.texts]\`, or per group with \`/text $name.reply ...\`):

| key | default | placeholders |
|---|---|---|
| \`reply\` | \`{answer}，{name}\` | \`{answer}\`, \`{name}\` |
MD

echo "created plugins/$name: plugin.cpp, tests/${name}_test.cpp, README.md, CMakeLists.txt"
echo "it is built into qunbot and its tests run with scripts/test.sh"
