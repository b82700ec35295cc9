// The plugin guide's example works as the guide says.
#include <catch2/catch.hpp>

#include "tests/support/fake_chat.hpp"

namespace plugins::hello {
void register_plugin(bot::plugin_context& ctx);
}

TEST_CASE("the guide's hello plugin greets on command and on join", "[docs]") {
    testing::fake_chat chat("[plugins.hello]\ngreeting = \"早上好\"\n", {{"hello", &plugins::hello::register_plugin}});
    chat.user("alice").says("/hello");
    CHECK(chat.replied("早上好，alice！"));
    chat.clear();
    chat.user("dave").joins();
    REQUIRE(chat.sent().size() == 1);
    CHECK(chat.last() == "@dave 早上好");
}

TEST_CASE("the guide's hello plugin follows /set hello.greeting in that group only", "[docs]") {
    testing::fake_chat chat("", {{"hello", &plugins::hello::register_plugin}});
    chat.user("admin").is(bot::role::admin).says("/set hello.greeting 晚上好");
    CHECK(chat.replied("已设置 hello.greeting = 晚上好"));
    chat.user("alice").says("/hello");
    CHECK(chat.last() == "晚上好，alice！");
    chat.user("dave").joins();
    CHECK(chat.last() == "@dave 晚上好");
    chat.user("alice").in("g2").says("/hello");
    CHECK(chat.last() == "你好，alice！");
    chat.user("alice").whispers("/hello");
    CHECK(chat.last() == "你好，alice！");
}
