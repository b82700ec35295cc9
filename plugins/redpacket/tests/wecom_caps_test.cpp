// The red-packet plugin on the WeCom routes' capability sets, where the bot sees only the messages
// that @ it (the intelligent bot) or none (app chats, customer groups): silence proves nothing.
#include <catch2/catch.hpp>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/redpacket/tests/support.hpp"

using adapters::wecom::route;
using redpacket_test::count_containing;
using redpacket_test::loaded;

namespace {

constexpr char const* weekly =
    "[plugins.checkin]\nremind = false\nroll_call = false\n"
    "[plugins.redpacket]\nlurker_days = 5\nsession_weekday = 3\nsession_at = \"20:00\"\nnotice_before = \"2h\"\n"
    "session_name = \"周三分享会\"\n";

constexpr char const* unseen = "不列潜水名单";

/// alice keeps @-ing the bot; bob and carol said something once; dave is listed but never seen.
void quiet_week(testing::fake_chat& chat) {
    chat.user("boss").is(bot::role::admin);
    chat.platform().roles["g1"]["dave"] = bot::role::member;
    for (auto const* who : {"alice", "bob", "carol"}) chat.user(who).says("@bot 大家好");
    for (auto day : {"2026-03-05 10:00", "2026-03-08 10:00", "2026-03-10 10:00"}) {
        chat.advance_to(day);
        chat.user("alice").says("@bot 今天也来聊聊");
    }
}

}  // namespace

TEST_CASE("where the bot sees only some messages nobody is listed or pinged as a lurker", "[redpacket][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat(weekly, loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        quiet_week(chat);
        chat.advance_to("2026-03-11 21:00");
        auto sent = chat.sent_ever();
        // The admins hear once why there is no list; no name is in any message, nobody is mentioned.
        CHECK(count_containing(sent, unseen) == 1);
        CHECK(count_containing(sent, "潜水成员已经") == 0);
        for (auto const* who : {"bob", "carol", "dave"}) {
            CHECK(count_containing(sent, who) == 0);
            CHECK(redpacket_test::mentions_of(chat, who) == 0);
        }
        CHECK(count_containing(sent, "开始啦") == 0);
    }
}

TEST_CASE("the admins are told only once that lurkers cannot be counted, not before every session",
          "[redpacket][wecom]") {
    testing::fake_chat chat(weekly, loaded());
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::bot, false);
    quiet_week(chat);
    chat.advance_to("2026-03-25 21:00");
    CHECK(count_containing(chat.sent_ever(), unseen) == 1);
    // The bot route lists no members: the notice goes to the group, addressed to the admins.
    CHECK(count_containing(chat.sent(), "【致管理员】") == 1);
    // After a restart (a new platform, its record of sends empty) it is not said again.
    chat.restart();
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::bot, false);
    chat.advance_to("2026-04-01 21:00");
    CHECK(count_containing(chat.sent_ever(), unseen) == 0);
    CHECK(redpacket_test::mentions_of(chat, "bob") == 0);
}

TEST_CASE("/lurkers says why it has no list where the bot sees only some messages", "[redpacket][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat(weekly, loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        quiet_week(chat);
        chat.clear();
        chat.user("boss").says("@bot /潜水");
        CHECK(chat.last().find(unseen) != std::string::npos);
        CHECK(chat.last().find("bob") == std::string::npos);
    }
}

TEST_CASE("on a platform that sees every message the lurker list still works", "[redpacket][wecom]") {
    testing::fake_chat chat(weekly, loaded());
    quiet_week(chat);
    chat.user("boss").says("/潜水");
    CHECK(chat.last().find("bob（8 天没说话）") != std::string::npos);
}
