#include <catch2/catch.hpp>

#include "plugins/checkin/tests/support.hpp"

using checkin_test::loaded;

namespace {

/// alice, bob and carol have all checked in once, on Monday 2026-03-02.
void three_participants(testing::fake_chat& chat) {
    for (auto const* who : {"alice", "bob", "carol"}) chat.user(who).says("打卡");
}

}  // namespace

TEST_CASE("the 21:00 reminder mentions only who has not checked in, in one message", "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    chat.advance_to("2026-03-03 08:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("/请假 家里有事");
    auto from = chat.actions().size();
    chat.advance_to("2026-03-03 21:00");
    auto sends = checkin_test::group_sends(chat, from);
    REQUIRE(sends.size() == 1);
    CHECK(sends[0].text() == "⏰ 今天还没打卡的小伙伴（1 人），00:00 前记得打卡哦～ @carol");
    CHECK(sends[0].msg.mentions(bot::id("carol")));
    CHECK_FALSE(sends[0].msg.mentions(bot::id("alice")));
}

TEST_CASE("the reminder runs once a day, even across a restart", "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    chat.advance_to("2026-03-03 21:00");
    CHECK(checkin_test::count_containing(chat.sent(), "还没打卡") == 1);
    chat.clear();
    chat.restart();
    chat.advance_to("2026-03-03 21:30");
    CHECK(checkin_test::count_containing(chat.sent(), "还没打卡") == 0);
    chat.advance_to("2026-03-04 21:00");
    CHECK(checkin_test::count_containing(chat.sent(), "还没打卡") == 1);
}

TEST_CASE("mentions are batched into messages of at most max_mentions", "[checkin][daily]") {
    testing::fake_chat chat("[plugins.checkin]\nmax_mentions = 2\n", loaded());
    for (auto const* who : {"a1", "a2", "a3", "a4", "a5"}) chat.user(who).says("打卡");
    auto from = chat.actions().size();
    chat.advance_to("2026-03-03 21:00");
    std::vector<std::string> reminders;
    for (auto const& a : checkin_test::group_sends(chat, from))
        if (a.text().find("还没打卡") != std::string::npos) reminders.push_back(a.text());
    REQUIRE(reminders.size() == 3);
    CHECK(reminders[0] == "⏰ 今天还没打卡的小伙伴（5 人），00:00 前记得打卡哦～ @a1 @a2");
    CHECK(reminders[2] == "⏰ 今天还没打卡的小伙伴（5 人），00:00 前记得打卡哦～ @a5");
}

TEST_CASE("a group can switch the reminder off or move it", "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    chat.user("boss").is(bot::role::admin).says("/set checkin.remind_at 20:30");
    chat.advance_to("2026-03-03 20:30");
    CHECK(chat.replied("还没打卡"));
    chat.user("boss").says("/set checkin.remind false");
    chat.clear();
    chat.advance_to("2026-03-04 22:00");
    CHECK_FALSE(chat.replied("还没打卡"));
}

TEST_CASE("the day close posts a roll call of done, leave and missed", "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    chat.advance_to("2026-03-03 08:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("/请假");
    chat.clear();
    chat.advance_to("2026-03-04 00:00");
    CHECK(chat.replied("📋 2026-03-03 打卡点名\n✅ 已打卡 1 人：alice\n🏖 请假 1 人：bob\n❌ 未打卡 1 人：carol"));
}

TEST_CASE("a day is closed once, when the job runs twice or the bot restarts", "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    chat.advance_to("2026-03-03 00:00");
    CHECK(checkin_test::count_containing(chat.sent(), "2026-03-02 打卡点名") == 1);
    chat.clear();
    // Moving the close hour to 01:00 now would re-open the day that just closed: refused.
    chat.user("boss").is(bot::role::admin).says("/set day_close_hour 1");
    CHECK(chat.last() ==
          "没有修改 day_close_hour：改了之后本群的今天会回到 2026-03-02，而这一天已经换日结算过了（点名、欠红包、押金判定都不会重来）。"
          "请在 2026-03-03 01:00（Asia/Shanghai）之后再改，那时新设置下的今天正好接上 2026-03-03。");
    chat.advance_to("2026-03-03 01:00");
    CHECK(checkin_test::count_containing(chat.sent(), "打卡点名") == 0);
    // At 01:00 it fits: the job is re-scheduled and today closes at 01:00 tomorrow.
    chat.user("boss").says("/set day_close_hour 1");
    CHECK(chat.last() == "已设置 day_close_hour = 1（仅本群）。本群的今天仍是 2026-03-03，下一次换日在 2026-03-04 01:00（Asia/Shanghai）。");
    chat.advance_to("2026-03-03 02:00");
    CHECK(checkin_test::count_containing(chat.sent(), "打卡点名") == 0);
    chat.restart();
    chat.advance_to("2026-03-03 09:00");
    CHECK(checkin_test::count_containing(chat.sent(), "打卡点名") == 0);
    chat.advance_to("2026-03-04 01:00");
    CHECK(checkin_test::count_containing(chat.sent(), "2026-03-03 打卡点名") == 1);
}

TEST_CASE("a time zone change never re-opens a closed day or skips a close, and says what it does",
          "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    auto boss = chat.user("boss").is(bot::role::admin);
    chat.advance_to("2026-03-03 00:30");  // Monday has closed; in London it is still Monday 16:30
    REQUIRE(checkin_test::count_containing(chat.sent(), "2026-03-02 打卡点名") == 1);
    boss.says("/set timezone Europe/London");
    CHECK(chat.last() ==
          "没有修改 timezone：改了之后本群的今天会回到 2026-03-02，而这一天已经换日结算过了（点名、欠红包、押金判定都不会重来）。"
          "请在 2026-03-03 08:00（Asia/Shanghai）之后再改，那时新设置下的今天正好接上 2026-03-03。");
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 2 天，累计 2 天。");
    // Late in the evening Tokyo is already on Wednesday: Tuesday's close would be skipped.
    chat.advance_to("2026-03-03 23:30");
    chat.clear();
    boss.says("/set timezone Asia/Tokyo");
    CHECK(chat.last() ==
          "没有修改 timezone：改了之后本群的今天会直接跳到 2026-03-04，2026-03-03 还没有换日，它的点名和结算会被跳过。"
          "请在 2026-03-04 00:00（Asia/Shanghai）换日之后再改。");
    chat.advance_to("2026-03-04 09:00");
    CHECK(checkin_test::count_containing(chat.sent(), "2026-03-03 打卡点名") == 1);
    chat.clear();
    boss.says("/set timezone Asia/Tokyo");
    CHECK(chat.last() == "已设置 timezone = Asia/Tokyo（仅本群）。本群的今天仍是 2026-03-04，下一次换日在 2026-03-05 00:00（Asia/Tokyo）。");
    chat.advance_to("2026-03-05 09:00");
    CHECK(checkin_test::count_containing(chat.sent(), "2026-03-03 打卡点名") == 0);
    CHECK(checkin_test::count_containing(chat.sent(), "2026-03-04 打卡点名") == 1);
}

TEST_CASE("a day close missed while the bot was down is caught up after the restart", "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    chat.restart();
    chat.advance_to("2026-03-04 09:00");
    CHECK(checkin_test::count_containing(chat.sent(), "2026-03-02 打卡点名") == 1);
    CHECK(checkin_test::count_containing(chat.sent(), "2026-03-03 打卡点名") == 1);
}

TEST_CASE("members absent for N days in a row are listed to the admins in private", "[checkin][daily]") {
    testing::fake_chat chat("[plugins.checkin]\nabsent_days = 2\n", loaded());
    chat.user("boss").is(bot::role::admin);
    three_participants(chat);
    chat.advance_to("2026-03-03 08:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-04 08:00");
    chat.user("alice").says("打卡");
    auto from = chat.actions().size();
    chat.advance_to("2026-03-05 00:00");
    auto notes = checkin_test::whispers_to(chat, "boss", from);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == "截至 2026-03-04，以下成员已连续 2 天或更久没有打卡：\ncarol（2 天）\n可以私下关心一下他们～");
    CHECK(checkin_test::whispers_to(chat, "alice", from).empty());
}

TEST_CASE("the absence action can remind in private or remove, and degrades without kick", "[checkin][daily]") {
    SECTION("remind") {
        testing::fake_chat chat("[plugins.checkin]\nabsent_days = 1\nabsent_action = \"remind\"\n", loaded());
        three_participants(chat);
        chat.advance_to("2026-03-03 08:00");
        chat.user("alice").says("打卡");
        chat.user("bob").says("打卡");
        chat.advance_to("2026-03-04 00:00");
        auto notes = checkin_test::whispers_to(chat, "carol");
        REQUIRE(notes.size() == 1);
        CHECK(notes[0] == "carol，你已经连续 1 天没有在群里打卡啦。有困难可以请假，我们等你回来～");
        // Only when the run reaches the limit, not every day after.
        chat.advance_to("2026-03-05 00:00");
        CHECK(checkin_test::whispers_to(chat, "carol").size() == 1);
    }
    SECTION("kick") {
        testing::fake_chat chat("[plugins.checkin]\nabsent_days = 1\nabsent_action = \"kick\"\n", loaded());
        three_participants(chat);
        chat.advance_to("2026-03-03 08:00");
        chat.user("alice").says("打卡");
        chat.user("bob").says("打卡");
        chat.advance_to("2026-03-04 00:00");
        int kicks = 0;
        for (auto const& a : chat.actions())
            if (a.kind == "kick") {
                ++kicks;
                CHECK(a.user == bot::id("carol"));
            }
        CHECK(kicks == 1);
    }
    SECTION("no kick on this platform") {
        testing::fake_chat chat("[plugins.checkin]\nabsent_days = 1\nabsent_action = \"kick\"\n", loaded());
        chat.platform().caps_.kick = false;
        chat.user("boss").is(bot::role::admin);
        three_participants(chat);
        chat.advance_to("2026-03-03 00:00");
        CHECK(checkin_test::count_containing(checkin_test::whispers_to(chat, "boss"), "不支持踢人") == 0);
        chat.advance_to("2026-03-03 08:00");
        chat.user("alice").says("打卡");
        chat.advance_to("2026-03-04 00:00");
        CHECK(checkin_test::count_containing(checkin_test::whispers_to(chat, "boss"), "不支持踢人") == 1);
        for (auto const& a : chat.actions()) CHECK(a.kind != "kick");
    }
}

TEST_CASE("a member who left the group is no longer reminded", "[checkin][daily]") {
    testing::fake_chat chat("", loaded());
    three_participants(chat);
    chat.user("carol").leaves();
    chat.clear();
    chat.advance_to("2026-03-03 21:00");
    CHECK(chat.last() == "⏰ 今天还没打卡的小伙伴（2 人），00:00 前记得打卡哦～ @alice @bob");
}

TEST_CASE("the members roster expects everyone the platform lists", "[checkin][daily]") {
    testing::fake_chat chat("[plugins.checkin]\nroster = \"members\"\n", loaded());
    chat.user("dave").joins();
    chat.user("alice").says("打卡");
    chat.clear();
    chat.advance_to("2026-03-02 21:00");
    CHECK(chat.last() == "⏰ 今天还没打卡的小伙伴（1 人），00:00 前记得打卡哦～ @dave");
}

TEST_CASE("a burst of check-ins gets a few replies and then one combined message", "[checkin][daily]") {
    testing::fake_chat chat("[plugins.checkin]\nburst_replies = 3\nburst_window = \"60s\"\n", loaded());
    auto from = chat.actions().size();
    for (int i = 1; i <= 8; ++i) {
        chat.user("m" + std::to_string(i)).says("打卡");
        chat.advance(std::chrono::seconds(2));
    }
    auto early = checkin_test::group_sends(chat, from);
    CHECK(early.size() == 3);
    for (auto const& s : early) CHECK(s.msg.has<bot::seg::reply>());
    chat.advance(std::chrono::seconds(60));
    auto all = checkin_test::group_sends(chat, from);
    REQUIRE(all.size() == 4);
    CHECK(all[3].text() ==
          "✅ 刚刚打卡的小伙伴：\nm4：今日第 4 位，连续 1 天\nm5：今日第 5 位，连续 1 天\nm6：今日第 6 位，连续 1 天\n"
          "m7：今日第 7 位，连续 1 天\nm8：今日第 8 位，连续 1 天");
    // After the rush, replies are individual again.
    chat.advance(std::chrono::minutes(5));
    chat.clear();
    chat.user("m9").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！m9 今日第 9 位，已连续 1 天，累计 1 天。");
}
