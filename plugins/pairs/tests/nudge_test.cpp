// The nudge after a group day: partners of a member who missed it hear once, in private where
// possible, else in one batched group mention; never twice, not for leave.
#include <catch2/catch.hpp>

#include "plugins/pairs/tests/support.hpp"

using pairs_test::count_containing;
using pairs_test::enrol;
using pairs_test::loaded;
using pairs_test::quiet;
using pairs_test::whispers_to;

namespace {

constexpr char const* nudge = "👋 你的同伴 bob 2026-03-02 没有打卡，去鼓励一下吧，今天一起加油！";

/// alice and bob are a pair; on Monday alice checks in and bob does not.
testing::member bob_misses_monday(testing::fake_chat& chat) {
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    chat.user("alice").says("打卡");
    return boss;
}

}  // namespace

TEST_CASE("a partner of a member who missed the day is nudged once in private", "[pairs][nudge]") {
    testing::fake_chat chat(quiet, loaded());
    bob_misses_monday(chat);
    chat.advance_to("2026-03-02 23:59");
    CHECK(whispers_to(chat, "alice").empty());
    chat.advance_to("2026-03-03 00:01");
    CHECK(whispers_to(chat, "alice") == std::vector<std::string>{nudge});
    CHECK(whispers_to(chat, "bob").empty());
    CHECK_FALSE(chat.replied("小组里"));
    // A restart, or the job running again, nudges nobody twice.
    chat.restart();
    chat.advance_to("2026-03-03 00:05");
    auto tz = chat.bot().group_tz(chat.group_ref());
    auto close = tz.from_local({2026, 3, 3}, 0, 0);
    chat.bot().scheduler().schedule("pairs.again", "pairs.close", bot::recurrence::once(close), tz, chat.group_ref());
    chat.advance(std::chrono::minutes(1));
    // (The restarted platform records only what was sent since.)
    CHECK(count_containing(chat.sent_ever(), "没有打卡") == 0);
}

TEST_CASE("a member on leave has not missed the day", "[pairs][nudge]") {
    testing::fake_chat chat(quiet, loaded());
    enrol(chat, {"alice", "bob"});
    chat.user("boss").says("/pairs start");
    chat.user("alice").says("打卡");
    chat.user("bob").says("/请假 出差");
    chat.advance_to("2026-03-03 00:01");
    CHECK(whispers_to(chat, "alice").empty());
    CHECK(whispers_to(chat, "bob").empty());
    CHECK(count_containing(chat.sent(), "没有打卡") == 0);
}

TEST_CASE("both partners who missed hear of each other", "[pairs][nudge]") {
    testing::fake_chat chat(quiet, loaded());
    enrol(chat, {"alice", "bob"});
    chat.user("boss").says("/pairs start");
    chat.advance_to("2026-03-03 00:01");
    CHECK(whispers_to(chat, "alice") == std::vector<std::string>{nudge});
    CHECK(whispers_to(chat, "bob") ==
          std::vector<std::string>{"👋 你的同伴 alice 2026-03-02 没有打卡，去鼓励一下吧，今天一起加油！"});
}

TEST_CASE("where a private message fails the partner is mentioned in the group", "[pairs][nudge]") {
    testing::fake_chat chat(quiet, loaded());
    bob_misses_monday(chat);
    auto from = chat.actions().size();
    chat.platform().fail_sends = 1;
    chat.advance_to("2026-03-03 00:01");
    auto sends = testing::group_sends(chat, from);
    REQUIRE(sends.size() == 1);
    CHECK(sends[0].text() == "👋 2026-03-02 小组里 bob 没有打卡，同组的小伙伴去拉一把吧～ @alice");
    CHECK(sends[0].msg.mentions(bot::id("alice")));
    chat.advance_to("2026-03-03 00:30");
    CHECK(testing::group_sends(chat, from).size() == 1);
}

TEST_CASE("a group can turn the nudge off", "[pairs][nudge]") {
    testing::fake_chat chat(std::string(quiet) + "[plugins.pairs]\nnudge = false\n", loaded());
    bob_misses_monday(chat);
    chat.advance_to("2026-03-03 00:01");
    CHECK(whispers_to(chat, "alice").empty());
}

TEST_CASE("the nudge waits for the group's day close in its own zone", "[pairs][nudge]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = bob_misses_monday(chat);
    boss.says("/set day_close_hour 4");
    chat.advance_to("2026-03-03 03:59");
    CHECK(whispers_to(chat, "alice").empty());
    chat.advance_to("2026-03-03 04:01");
    CHECK(whispers_to(chat, "alice") == std::vector<std::string>{nudge});
}

TEST_CASE("across the spring-forward night the nudge comes once after the New York day closes", "[pairs][nudge]") {
    testing::fake_chat chat(quiet, loaded(), "2026-03-07 22:00");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set timezone America/New_York");
    enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    // Saturday 2026-03-07 09:00 in New York: alice checks in, bob does not. In Shanghai (the bot's
    // zone for advance_to) New York's midnight of Sunday is 13:00 (EST, UTC-5).
    chat.user("alice").says("打卡");
    chat.advance_to("2026-03-08 12:59");
    CHECK(whispers_to(chat, "alice").empty());
    chat.advance_to("2026-03-08 13:01");
    auto heard = whispers_to(chat, "alice");
    REQUIRE(heard.size() == 1);
    CHECK(heard[0].find("bob 2026-03-07 没有打卡") != std::string::npos);
    // Sunday had 23 hours there: its close is Monday 00:00 EDT, 12:00 in Shanghai.
    chat.advance_to("2026-03-09 11:59");
    CHECK(whispers_to(chat, "alice").size() == 1);
    chat.advance_to("2026-03-09 12:01");
    CHECK(whispers_to(chat, "alice").size() == 2);
}

TEST_CASE("where the bot cannot post in the group itself a failed private nudge stays out of the group",
          "[pairs][nudge]") {
    testing::fake_chat chat(quiet, loaded());
    bob_misses_monday(chat);
    chat.platform().caps_.group_post = false;
    auto from = chat.actions().size();
    chat.platform().fail_sends = 1;
    chat.advance_to("2026-03-03 00:01");
    CHECK(testing::group_sends(chat, from).empty());
}
