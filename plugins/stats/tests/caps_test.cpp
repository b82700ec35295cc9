// Where the bot does not see every message (WeCom) silence proves nothing: /stats names nobody as
// silent and the board says it counts what the bot saw; without a member list the size is unknown.
#include <catch2/catch.hpp>

#include "plugins/stats/tests/support.hpp"

TEST_CASE("without every message no one is called silent, without a member list the size is unknown",
          "[stats][caps]") {
    testing::fake_chat chat("", stats_test::loaded(), "2026-03-02 09:00");
    chat.platform().caps_.all_messages = false;
    chat.platform().caps_.member_list = false;
    auto boss = chat.user("boss").is(bot::role::admin);
    chat.user("alice").says("上周的话");
    chat.advance_to("2026-03-10 09:00");
    chat.user("bob").says("这周的话");
    boss.says("/stats");
    auto t = chat.last();
    INFO(t);
    CHECK(t.find("😶 这里机器人看不到全部消息，不统计谁变沉默了") != std::string::npos);
    CHECK(t.find("alice") == std::string::npos);
    CHECK(t.find("👥 群成员人数未知（平台不提供成员列表）") != std::string::npos);
    CHECK(t.find("⭐ 贡献者 0 人（群成员人数未知）") != std::string::npos);
    chat.user("bob").says("/话唠榜");
    CHECK(chat.last() == "🗣 近 7 天话唠榜\n1. bob 1 条\n（只统计机器人看得到的消息）");
}

TEST_CASE("admins set the group's cap with /set", "[stats][caps]") {
    testing::fake_chat chat("", stats_test::loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    chat.user("alice").is(bot::role::member).says("你好");
    boss.says("/stats");
    CHECK_FALSE(chat.replied("上限"));  // the test platform has no known cap
    boss.says("/set stats.member_cap 2");
    boss.says("/stats");
    CHECK(chat.replied("⚠️ 群成员 2/2，已到上限的 100%，快满了"));
    CHECK_FALSE(chat.replied("估计值"));
}
