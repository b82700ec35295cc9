#include "bot/day_shift.hpp"

#include <catch2/catch.hpp>

#include "bot/clock.hpp"

using namespace std::chrono;
using bot::civil_date;
using bot::day_shift;

namespace {

bot::time_point utc(int y, unsigned mo, unsigned d, int h, int mi = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi};
}

auto const shanghai = bot::time_zone::must_load("Asia/Shanghai");
auto const london = bot::time_zone::must_load("Europe/London");
auto const tokyo = bot::time_zone::must_load("Asia/Tokyo");
auto const long_ago = bot::time_point{};

}  // namespace

TEST_CASE("a change that keeps the day says when it now closes", "[day_shift]") {
    auto s = bot::shift_day(utc(2026, 3, 2, 1), shanghai, 0, tokyo, 0, long_ago);  // 09:00 in Shanghai
    CHECK(s.what == day_shift::kind::same_day);
    CHECK(s.today_after == civil_date{2026, 3, 2});
    CHECK(s.next_close == utc(2026, 3, 2, 15));  // 00:00 in Tokyo
}

TEST_CASE("a change back to a day that closed is refused until the new settings reach today", "[day_shift]") {
    auto s = bot::shift_day(utc(2026, 3, 2, 16, 30), shanghai, 0, london, 0, long_ago);  // 00:30 on the 3rd
    CHECK(s.what == day_shift::kind::reopens);
    CHECK(s.today_before == civil_date{2026, 3, 3});
    CHECK(s.today_after == civil_date{2026, 3, 2});
    CHECK(s.earliest == utc(2026, 3, 3, 0));
    // A group first seen after that close never had the day closed: nothing re-opens.
    auto fresh = bot::shift_day(utc(2026, 3, 2, 16, 30), shanghai, 0, london, 0, utc(2026, 3, 2, 16, 10));
    CHECK(fresh.what == day_shift::kind::same_day);
}

TEST_CASE("a change that would skip today's close is refused until it closed", "[day_shift]") {
    auto s = bot::shift_day(utc(2026, 3, 3, 15, 30), shanghai, 0, tokyo, 0, long_ago);  // 23:30 in Shanghai
    CHECK(s.what == day_shift::kind::skips);
    CHECK(s.earliest == utc(2026, 3, 3, 16));
}

TEST_CASE("an event's own time counts unless it is ahead of the clock or days old", "[clock]") {
    auto now = utc(2026, 3, 2, 1);
    CHECK(bot::check_event_time(now - hours(30), now) == bot::event_time_check::plausible);
    CHECK(bot::check_event_time(now + minutes(3), now) == bot::event_time_check::plausible);
    CHECK(bot::check_event_time(now + minutes(10), now) == bot::event_time_check::future);
    CHECK(bot::check_event_time(now - hours(24 * 4), now) == bot::event_time_check::too_old);
    CHECK(bot::check_event_time(bot::time_point{}, now) == bot::event_time_check::missing);
}
