#include <catch2/catch.hpp>

#include "tests/support/fake_chat.hpp"

namespace plugins::ping {
void register_plugin(bot::plugin_context& ctx);
}

TEST_CASE("/ping and its alias answer with the configured reply", "[ping]") {
    testing::fake_chat chat("[plugins.ping]\nreply = \"在\"\n", {{"ping", &plugins::ping::register_plugin}});
    chat.user("alice").says("/ping");
    CHECK(chat.last() == "在 🏓");
    chat.clear();
    chat.user("bob").says("/在吗");
    CHECK(chat.last() == "在 🏓");
}

TEST_CASE("an admin rewords /ping for one group only", "[ping]") {
    testing::fake_chat chat("", {{"ping", &plugins::ping::register_plugin}});
    chat.user("alice").is(bot::role::admin).says("/text ping.pong {name}，{reply}！");
    chat.clear();
    chat.user("bob").says("/ping");
    CHECK(chat.last() == "bob，pong！");
    chat.clear();
    chat.user("bob").in("g2").says("/ping");
    CHECK(chat.last() == "pong 🏓");
}

TEST_CASE("a switched-off ping stays silent in that group", "[ping]") {
    testing::fake_chat chat("", {{"ping", &plugins::ping::register_plugin}});
    chat.user("alice").is(bot::role::admin).says("/plugin off ping");
    chat.clear();
    chat.user("bob").says("/ping");
    CHECK(chat.sent().empty());
}
