// Check-ins delivered late (a reconnect, an implementation's offline backlog): the day is the one
// the message was sent on, not the one it arrived on.
#include <catch2/catch.hpp>

#include "plugins/checkin/tests/support.hpp"

using checkin_test::loaded;

namespace {
constexpr char const* quiet = "[plugins.checkin]\nremind = false\n";
}

TEST_CASE("a check-in sent before the close but delivered after it is not counted for the next day",
          "[checkin][late]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("alice").says("打卡");  // Monday 2026-03-02
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
    // bob checks in at 23:58 on Tuesday; his message reaches the bot after Tuesday's roll call.
    chat.advance_to("2026-03-04 00:05");
    REQUIRE(chat.replied("📋 2026-03-03 打卡点名"));
    chat.clear();
    chat.user("bob").sent_at("2026-03-03 23:58").says("打卡");
    CHECK(chat.last() ==
          "⏰ 这条打卡 2026-03-03 23:58 发出，但 2026-03-04 00:05 才送到我这里，2026-03-03 已经结束并点过名，"
          "没有再记入那天，也没有记入今天。可以在 2026-03-05 00:00 前用「/补卡 内容」补上 2026-03-03；今天的卡请另外发。");
    // Today is still open for him, and nothing was recorded for either day.
    chat.user("bob").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！bob 今日第 1 位，已连续 1 天，累计 1 天。");
    chat.user("bob").says("/补卡");
    CHECK(chat.last() == "🔁 已补卡 2026-03-03。连续 2 天，累计 2 天。本月已补卡 1/2 次。");
}

TEST_CASE("a check-in delivered late counts for the day it was sent while that day is not closed",
          "[checkin][late]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("alice").says("打卡");  // Monday 2026-03-02 09:00
    chat.advance_to("2026-03-03 00:05");
    chat.clear();
    // A group the bot first hears from now: its Monday has not been closed by this bot.
    chat.user("carol").in("g2").sent_at("2026-03-02 23:50").says("打卡 读完了第二章");
    CHECK(chat.last() ==
          "✅ 打卡成功！carol 这条打卡 2026-03-02 23:50 发出、2026-03-03 00:05 才送到，记入 2026-03-02："
          "当天第 1 位，已连续 1 天，累计 1 天。");
    chat.user("carol").in("g2").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！carol 今日第 1 位，已连续 2 天，累计 2 天。");
}

TEST_CASE("an event time in the future or days back is taken for a wrong clock: the check-in counts today",
          "[checkin][late]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("alice").sent_at("2026-03-03 12:00").says("打卡");  // a day ahead of the bot's clock
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 1 天，累计 1 天。");
    chat.user("bob").sent_at("2026-02-20 12:00").says("打卡");  // ten days back
    CHECK(chat.last() == "✅ 打卡成功！bob 今日第 2 位，已连续 1 天，累计 1 天。");
    chat.user("carol").sent_at("2026-03-02 09:03").says("打卡");  // three minutes ahead: clocks drift
    CHECK(chat.last() == "✅ 打卡成功！carol 今日第 3 位，已连续 1 天，累计 1 天。");
}
