// Recurrence in the group's own zone across the US DST changes: a New York group's daily and
// weekly announcements keep their local time, and a weekly session reminder too.
#include <catch2/catch.hpp>

#include "plugins/announce/tests/support.hpp"

using announce_test::count_containing;
using announce_test::loaded;

namespace {

auto const ny = bot::time_zone::must_load("America/New_York");

/// Moves the chat's clock to a New York local time.
void advance_to_ny(testing::fake_chat& chat, bot::civil_date d, int h, int m) {
    chat.advance(ny.from_local(d, h, m) - chat.now());
}

}  // namespace

TEST_CASE("a New York group's daily announcement stays at 08:00 local across spring forward", "[announce][dst]") {
    testing::fake_chat chat("", loaded(), "2026-03-06 09:00");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set timezone America/New_York");
    boss.says("/announce add 每天 08:00 | Good morning");
    CHECK(chat.last().find("接下来发送：\n2026-03-06 08:00 周五\n2026-03-07 08:00 周六\n2026-03-08 08:00 周日") !=
          std::string::npos);
    boss.says("/announce ok #1");
    for (int day : {6, 7, 8, 9}) {
        CAPTURE(day);
        chat.clear();
        advance_to_ny(chat, {2026, 3, day}, 7, 59);
        CHECK_FALSE(chat.replied("📢 Good morning"));
        advance_to_ny(chat, {2026, 3, day}, 8, 0);
        CHECK(chat.last() == "📢 Good morning");
    }
}

TEST_CASE("a weekly Sunday announcement at 01:30 goes out once on the fall-back day", "[announce][dst]") {
    testing::fake_chat chat("", loaded(), "2026-10-30 09:00");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set timezone America/New_York");
    boss.says("/announce add weekly sun 01:30 | Sunday night owls");
    boss.says("/announce ok #1");
    chat.clear();
    advance_to_ny(chat, {2026, 11, 1}, 1, 29);
    CHECK_FALSE(chat.replied("📢"));
    // 01:30 EDT; an hour later the clocks read 01:30 again (EST), and nothing is sent then.
    chat.advance(std::chrono::minutes(1));
    CHECK(chat.last() == "📢 Sunday night owls");
    chat.advance(std::chrono::hours(3));
    CHECK(count_containing(chat.sent(), "📢 Sunday night owls") == 1);
    advance_to_ny(chat, {2026, 11, 8}, 1, 30);
    CHECK(count_containing(chat.sent(), "📢 Sunday night owls") == 2);
}

TEST_CASE("a session across spring forward is reminded an hour before its local start", "[announce][dst]") {
    testing::fake_chat chat("", loaded(), "2026-03-06 09:00");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set timezone America/New_York");
    boss.says("/session add Sunday talk | 2026-03-08 20:00 | Zoom | 5");
    CHECK(chat.last().find("⏰ 2026-03-08 20:00 周日") != std::string::npos);
    chat.user("bob").says("/signup");
    chat.clear();
    advance_to_ny(chat, {2026, 3, 8}, 18, 59);
    CHECK_FALSE(chat.replied("⏰「Sunday talk」"));
    advance_to_ny(chat, {2026, 3, 8}, 19, 0);
    CHECK(chat.replied("⏰「Sunday talk」2026-03-08 20:00 周日 开始，地点：Zoom。报了名的伙伴别忘了～ @bob"));
}
