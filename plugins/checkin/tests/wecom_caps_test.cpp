// Check-in on the WeCom routes' capability sets: members check in by @-mentioning the bot, the bot
// cannot remove anyone, and where it sees only @-messages (or none) unseen check-ins are not misses.
#include <catch2/catch.hpp>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/checkin/tests/support.hpp"

using adapters::wecom::route;
using checkin_test::count_containing;
using checkin_test::loaded;

namespace {

constexpr route all_routes[] = {route::bot, route::app, route::customer};

}  // namespace

TEST_CASE("members check in, take leave and look at the ranking by @-mentioning the bot", "[checkin][wecom]") {
    for (auto r : all_routes) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("", loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("alice").says("@bot 打卡 今天读完《原则》第三章");
        CHECK(chat.replied("✅ 打卡成功！alice 今日第 1 位"));
        chat.user("bob").says("@bot /请假 出差");
        CHECK(chat.replied("请假"));
        chat.clear();
        chat.user("alice").says("@bot /rank");
        CHECK(chat.replied("alice"));
        chat.clear();
        chat.advance_to("2026-03-03 00:00");
        CHECK(chat.replied("📋 2026-03-02 打卡点名\n✅ 已打卡 1 人：alice\n🏖 请假 1 人：bob\n❌ 未打卡 0 人"));
    }
}

TEST_CASE("without kick the day close removes nobody and never says it did", "[checkin][wecom]") {
    for (auto r : all_routes) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("[plugins.checkin]\nabsent_days = 1\nabsent_action = \"kick\"\n", loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("boss").is(bot::role::admin);
        for (auto const* who : {"alice", "carol"}) chat.user(who).says("@bot 打卡");
        chat.advance_to("2026-03-03 08:00");
        chat.user("alice").says("@bot 打卡");
        chat.advance_to("2026-03-04 00:00");
        auto sent = chat.sent_ever();
        for (auto const& a : chat.actions()) CHECK(a.kind != "kick");
        CHECK(count_containing(sent, "已被移出") == 0);
        // The admins get carol on the list, with the plain reason nobody was removed, in one message.
        CHECK(count_containing(sent, "carol（1 天）") == 1);
        CHECK(count_containing(sent, "本平台不支持踢人，没有移出任何人") == 1);
        // carol checks in again the next day as before: nothing was taken from her.
        chat.user("carol").says("@bot 打卡");
        CHECK(chat.replied("✅ 打卡成功！carol"));
    }
}

TEST_CASE("a members roster counts only those the bot heard from where it sees only @-messages",
          "[checkin][wecom]") {
    for (auto r : {route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("[plugins.checkin]\nroster = \"members\"\nremind = true\n", loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("boss").is(bot::role::admin);
        // dave and erin are listed members who never reached the bot.
        chat.platform().roles["g1"]["dave"] = bot::role::member;
        chat.platform().roles["g1"]["erin"] = bot::role::member;
        chat.user("alice").says("@bot 打卡");
        chat.advance_to("2026-03-02 21:00");
        chat.advance_to("2026-03-03 00:00");
        chat.advance_to("2026-03-04 00:00");
        auto sent = chat.sent_ever();
        CHECK(count_containing(sent, "dave") == 0);
        CHECK(count_containing(sent, "erin") == 0);
        CHECK(count_containing(sent, "❌ 未打卡 0 人") == 1);
        CHECK(count_containing(sent, "❌ 未打卡 1 人：alice") == 1);
        // The admins hear once why the listed members are not counted.
        CHECK(count_containing(sent, "roster = members") == 1);
    }
}

TEST_CASE("a members roster still expects everyone listed where the bot sees every message", "[checkin][wecom]") {
    testing::fake_chat chat("[plugins.checkin]\nroster = \"members\"\n", loaded());
    chat.user("boss").is(bot::role::admin);
    chat.platform().roles["g1"]["dave"] = bot::role::member;
    chat.user("alice").says("打卡");
    chat.advance_to("2026-03-03 00:00");
    CHECK(chat.replied("dave"));
    CHECK_FALSE(chat.replied("roster = members"));
}
