// Announcements and sessions on the WeCom routes' capability sets: everything is used by
// @-mentioning the bot, and nothing depends on seeing every message.
#include <catch2/catch.hpp>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/announce/tests/support.hpp"

using adapters::wecom::route;
using announce_test::count_containing;
using announce_test::loaded;
using announce_test::mentions_of;

TEST_CASE("on every WeCom route announcements and sign-ups work by @-mentioning the bot", "[announce][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("", loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        auto boss = chat.user("boss").is(bot::role::admin);
        boss.says("@bot /announce add 每天 08:00 | 早安");
        CHECK(chat.last().starts_with("📝 公告草稿 #1（还没生效）"));
        boss.says("@bot /announce ok #1");
        boss.says("@bot /announce add --all 每天 09:00 | 全体");
        CHECK(chat.last().starts_with("❓ 不能 @全体成员"));
        boss.says("@bot /session add 分享会 | 2026-03-04 20:00 | 线上 | 1");
        chat.user("bob").says("@bot /报名");
        CHECK(chat.last() == "✅ bob 报名了「分享会」（第 1/1 位）。");
        chat.user("carol").says("@bot /报名");
        CHECK(chat.last().starts_with("⏳「分享会」已满 1 人，carol 排在候补第 1 位"));
        chat.advance_to("2026-03-04 19:00");
        CHECK(count_containing(chat.sent(), "📢 早安") == 2);
        CHECK(mentions_of(chat, "bob") == 1);
        CHECK(mentions_of(chat, "carol") == 0);
    }
}
