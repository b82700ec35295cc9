// Restarts: a recurring announcement and a session sign-up survive a restart in the middle, and
// nothing is sent twice, whether the bot restarts right after a send, a job runs again, or the bot
// was down while announcements were due (sent once if still within max_lateness, else skipped).
#include <catch2/catch.hpp>

#include "plugins/announce/tests/support.hpp"

using announce_test::count_containing;
using announce_test::down_until;
using announce_test::loaded;
using announce_test::mentions_of;
using announce_test::whispers_to;

namespace {

bot::time_point shanghai(bot::civil_date d, int h, int m) {
    return bot::time_zone::must_load("Asia/Shanghai").from_local(d, h, m);
}

/// What the bot sent containing `needle`, counted across restarts (a restart starts a new platform
/// log): call restart() through it.
struct tally {
    testing::fake_chat& chat;
    std::string needle;
    int before = 0;
    int total() const { return before + count_containing(chat.sent_ever(), needle); }
    void restart() {
        before = total();
        chat.restart();
    }
    void down_until(bot::time_point t) {
        before = total();
        announce_test::down_until(chat, t);
    }
};

void daily_morning(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/announce add 每天 08:00 | 早安，今天也要输出");
    boss.says("/announce ok #1");
    REQUIRE(chat.last() == "✅ 公告 #1 已生效，下次发送：2026-03-03 08:00 周二。");
}

}  // namespace

TEST_CASE("a recurring announcement survives restarts and is never sent twice", "[announce][restart]") {
    testing::fake_chat chat("", loaded());
    daily_morning(chat);
    tally sent{chat, "📢 早安"};
    sent.restart();
    chat.advance_to("2026-03-03 08:00");
    CHECK(sent.total() == 1);
    // Restarted right after the send: the next one is still planned, today's is not repeated.
    sent.restart();
    chat.advance_to("2026-03-03 12:00");
    CHECK(sent.total() == 1);
    chat.advance_to("2026-03-04 08:00");
    sent.restart();
    chat.advance_to("2026-03-05 08:00");
    CHECK(sent.total() == 3);
}

TEST_CASE("an occurrence that runs again (a repeated job) is not sent again", "[announce][restart]") {
    testing::fake_chat chat("", loaded());
    daily_morning(chat);
    chat.advance_to("2026-03-03 08:00");
    REQUIRE(count_containing(chat.sent_ever(), "📢 早安") == 1);
    // The job for 08:00 comes back, as after a crash between the send and the scheduler's bookkeeping.
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    chat.bot().scheduler().schedule("announce.item:1", "announce.send",
                                    bot::recurrence::once(shanghai({2026, 3, 3}, 8, 0)), tz, chat.group_ref(), "1");
    chat.advance(std::chrono::minutes(1));
    CHECK(count_containing(chat.sent_ever(), "📢 早安") == 1);
    // The chain goes on from there.
    chat.advance_to("2026-03-04 08:00");
    CHECK(count_containing(chat.sent_ever(), "📢 早安") == 2);
}

TEST_CASE("missed while down: the latest occurrence within max_lateness goes out once", "[announce][restart]") {
    testing::fake_chat chat("", loaded());
    daily_morning(chat);
    tally sent{chat, "📢 早安"};
    // Down from Monday until Wednesday 09:30: Tuesday's and Wednesday's 08:00 were missed.
    sent.down_until(shanghai({2026, 3, 4}, 9, 30));
    CHECK(sent.total() == 1);
    sent.restart();
    chat.advance_to("2026-03-04 12:00");
    CHECK(sent.total() == 1);
    chat.advance_to("2026-03-05 08:00");
    CHECK(sent.total() == 2);
}

TEST_CASE("missed by more than max_lateness: skipped, and the next one is on time", "[announce][restart]") {
    testing::fake_chat chat("[plugins.announce]\nmax_lateness = \"30m\"\n", loaded());
    daily_morning(chat);
    down_until(chat, shanghai({2026, 3, 3}, 9, 0));
    CHECK(count_containing(chat.sent_ever(), "📢 早安") == 0);
    chat.user("boss").is(bot::role::admin).says("/announce list");
    CHECK(chat.last() ==
          "📢 本群公告（1 条）：\n#1【进行中】每天 08:00，下次 2026-03-04 08:00 周三：早安，今天也要输出");
    chat.advance_to("2026-03-04 08:00");
    CHECK(count_containing(chat.sent_ever(), "📢 早安") == 1);
}

TEST_CASE("a one-off missed while down is sent late within max_lateness", "[announce][restart]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/announce add 2026-03-02 20:00 | 今晚直播");
    boss.says("/announce ok #1");
    tally sent{chat, "📢 今晚直播"};
    sent.down_until(shanghai({2026, 3, 2}, 21, 0));
    CHECK(chat.last() == "📢 今晚直播");
    sent.restart();
    chat.advance_to("2026-03-03 21:00");
    CHECK(sent.total() == 1);
}

TEST_CASE("a session sign-up survives a restart: the waiting list and the reminder go on", "[announce][restart]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin).says("/session add 分享会 | 2026-03-04 20:00 | 线上 | 1");
    chat.user("bob").says("/报名");
    chat.restart();
    chat.user("carol").says("/报名 #1");
    CHECK(chat.last().starts_with("⏳「分享会」已满 1 人，carol 排在候补第 1 位"));
    chat.restart();
    chat.user("bob").says("/报名");
    CHECK(chat.last() == "ℹ️ bob 已经报名「分享会」了（第 1/1 位）。");
    chat.user("bob").says("/取消报名");
    CHECK(chat.replied("@carol 有人取消报名，你从候补递补进「分享会」啦！🎉"));
    chat.restart();
    chat.advance_to("2026-03-04 19:00");
    CHECK(mentions_of(chat, "carol") == 1);  // the reminder
    CHECK(mentions_of(chat, "bob") == 0);
    CHECK(whispers_to(chat, "boss") ==
          std::vector<std::string>{
              "📋 你主持的「分享会」2026-03-04 20:00 周三 开始（线上）。\n已报名 1/1：carol\n候补 0 人：（无）"});
    chat.restart();
    chat.advance_to("2026-03-04 19:30");
    CHECK(mentions_of(chat, "carol") == 0);
    CHECK(whispers_to(chat, "boss").empty());
}
