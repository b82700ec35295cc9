// On WeCom's routes the bot sees only messages that @ it (or none): silence proves nothing there,
// so no topic is posted on its own, while the bank and /topic now work as anywhere.
#include <catch2/catch.hpp>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/topics/tests/support.hpp"

using adapters::wecom::route;
using topics_test::loaded;
using topics_test::posts;

TEST_CASE("where the bot does not see every message it posts no topic on its own", "[topics][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("", loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        auto boss = chat.user("boss").is(bot::role::admin);
        boss.says("@bot /topic add 周末大家都去哪儿玩？");
        CHECK(chat.replied("✅ 已加入话题库 #1（通用）"));
        chat.clear();
        chat.advance_to("2026-03-04 12:00");
        CHECK(posts(chat).empty());
        boss.says("@bot /topic now");
        CHECK(posts(chat) == std::vector<std::string>{"周末大家都去哪儿玩？"});
    }
}

TEST_CASE("the same group with every message seen gets its topic", "[topics][wecom]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin).says("/topic add 周末大家都去哪儿玩？");
    chat.advance_to("2026-03-04 12:00");
    CHECK(topics_test::count_containing(chat.sent(), "周末大家都去哪儿玩？") >= 2);
}
