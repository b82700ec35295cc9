// The weekly report: in private to the owner and admins, once per group week, also across a
// restart and a repeated job; to the superusers where no admin is listed; nobody, nothing.
#include <catch2/catch.hpp>

#include "plugins/stats/tests/support.hpp"

using stats_test::count_containing;
using stats_test::whispers_to;

namespace {

/// A week of chat from Mon 03-02; the report is due Mon 03-09 09:00.
void a_week(testing::fake_chat& chat) {
    chat.user("boss").is(bot::role::owner);
    chat.user("vice").is(bot::role::admin);
    for (int i = 0; i < 5; ++i) chat.user("alice").says("消息 " + std::to_string(i));
    chat.advance_to("2026-03-04 12:00");
    chat.user("bob").says("怎么报名？");
}

/// Runs the report job once more for the group now, as a repeated or caught-up run would.
void run_again(testing::fake_chat& chat) {
    auto g = chat.group_ref();
    chat.bot().scheduler().schedule("again@" + g.key(), "stats.report", bot::recurrence::once(chat.now()),
                                    chat.bot().group_tz(g), g);
    chat.advance(std::chrono::seconds(1));
}

}  // namespace

TEST_CASE("the weekly report goes to the owner and admins in private, once", "[stats][report]") {
    testing::fake_chat chat("", stats_test::loaded());
    a_week(chat);
    chat.advance_to("2026-03-09 09:01");
    auto to_boss = whispers_to(chat, "boss");
    REQUIRE(to_boss.size() == 1);
    INFO(to_boss[0]);
    CHECK(to_boss[0].starts_with("📈 群「g1」的每周群况\n📊 近 7 天群况（2026-03-02 至 2026-03-08）"));
    CHECK(to_boss[0].find("💬 消息 6 条 ↑新") != std::string::npos);
    CHECK(to_boss[0].find("❓ 提问 1 个 · 已回答 0 个（0%）") != std::string::npos);
    CHECK(whispers_to(chat, "vice").size() == 1);
    CHECK(whispers_to(chat, "alice").empty());
    run_again(chat);
    CHECK(whispers_to(chat, "boss").size() == 1);
    chat.restart();  // the transcript of actions starts anew
    run_again(chat);
    CHECK(whispers_to(chat, "boss").empty());
    chat.advance_to("2026-03-16 09:01");
    auto next = whispers_to(chat, "boss");
    REQUIRE(next.size() == 1);
    CHECK(next[0].find("2026-03-09 至 2026-03-15") != std::string::npos);
}

TEST_CASE("without listed admins the superusers get the report", "[stats][report]") {
    testing::fake_chat chat("[bot]\nsuperusers = [\"root\"]\n", stats_test::loaded());
    chat.user("alice").says("你好");
    chat.advance_to("2026-03-09 09:01");
    CHECK(count_containing(whispers_to(chat, "root"), "每周群况") == 1);
}

TEST_CASE("with nobody to tell the report sends nothing, and a week without figures none", "[stats][report]") {
    testing::fake_chat chat("", stats_test::loaded());
    chat.user("alice").says("你好");
    chat.advance_to("2026-03-09 09:01");
    CHECK(count_containing(chat.sent(), "每周群况") == 0);
    testing::fake_chat other("[bot]\nsuperusers = [\"root\"]\n[plugins.stats]\nweekly_report = false\n",
                             stats_test::loaded());
    other.user("alice").says("你好");
    other.advance_to("2026-03-09 09:01");
    CHECK(whispers_to(other, "root").empty());
}

TEST_CASE("the report day and time are per group settings", "[stats][report]") {
    testing::fake_chat chat("", stats_test::loaded());
    auto boss = chat.user("boss").is(bot::role::owner);
    chat.user("alice").says("你好");
    boss.says("/set stats.report_weekday 3");
    boss.says("/set stats.report_at 20:00");
    chat.advance_to("2026-03-04 20:01");
    auto to_boss = whispers_to(chat, "boss");
    REQUIRE(to_boss.size() == 1);
    CHECK(to_boss[0].find("2026-02-25 至 2026-03-03") != std::string::npos);
}

TEST_CASE("a run of the report job on another day reports the 7 days before it", "[stats][report]") {
    testing::fake_chat chat("", stats_test::loaded());
    a_week(chat);
    chat.advance_to("2026-03-06 10:00");
    run_again(chat);  // the same job as the weekly one, so the check above that it sends once can fail
    auto to_boss = whispers_to(chat, "boss");
    REQUIRE(to_boss.size() == 1);
    CHECK(to_boss[0].find("2026-02-27 至 2026-03-05") != std::string::npos);
    run_again(chat);
    CHECK(whispers_to(chat, "boss").size() == 1);
}
