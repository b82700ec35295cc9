// The rotation rules as plain values: shift bounds in the group's zone (DST days included), whose
// turn it is, and how add, remove, swap, skip and mode keep the one on duty.
#include <catch2/catch.hpp>

#include "plugins/duty/rotation.hpp"

using namespace plugins::duty;
using namespace std::chrono_literals;

namespace {

bot::civil_date date(int y, int m, int d) { return {y, m, d}; }

clock_face zone(char const* name, int minute = 9 * 60) { return {bot::time_zone::must_load(name), minute}; }

/// The instant of a local time in the face's zone.
bot::time_point at(clock_face const& f, bot::civil_date d, int h, int m = 0, int s = 0) { return f.tz.from_local(d, h, m, s); }

rotation three(long anchor) {
    rotation r;
    r.members = {bot::id("alice"), bot::id("bob"), bot::id("carol")};
    r.anchor_shift = anchor;
    return r;
}

std::string who(rotation const& r, long n) { return holder(r, n).value_or(bot::id("-")).str(); }

}  // namespace

TEST_CASE("a day shift runs from shift_start to the same local time the next day", "[duty][rules]") {
    auto f = zone("Asia/Shanghai");
    auto d = date(2026, 3, 2);
    CHECK(duty_day(at(f, d, 8, 59, 59), f) == date(2026, 3, 1));
    CHECK(duty_day(at(f, d, 9), f) == d);
    CHECK(duty_day(at(f, d.plus_days(1), 8, 59, 59), f) == d);
    auto s = shift_at(three(d.serial()), f, at(f, d, 15));
    CHECK(s.first_day == d);
    CHECK(s.end - s.start == 24h);
    CHECK(s.who == bot::id("alice"));
}

TEST_CASE("across the 2026 US DST changes a day shift lasts 23 and 25 hours", "[duty][rules]") {
    auto f = zone("America/New_York");
    auto r = three(0);
    // Spring forward on Sun 03-08 at 02:00: the shift from Sat 09:00 EST to Sun 09:00 EDT.
    auto spring = shift_at(r, f, at(f, date(2026, 3, 8), 3, 30));
    CHECK(spring.first_day == date(2026, 3, 7));
    CHECK(spring.end - spring.start == 23h);
    CHECK(f.tz.to_local(spring.end).hour == 9);
    // Fall back on Sun 11-01 at 02:00: Sat 09:00 EDT to Sun 09:00 EST.
    auto fall = shift_at(r, f, at(f, date(2026, 11, 1), 1, 30));
    CHECK(fall.first_day == date(2026, 10, 31));
    CHECK(fall.end - fall.start == 25h);
    CHECK(duty_day(fall.end - 1s, f) == date(2026, 10, 31));
    CHECK(duty_day(fall.end, f) == date(2026, 11, 1));
}

TEST_CASE("a shift start inside the skipped or repeated hour is one instant each day", "[duty][rules]") {
    auto f = zone("America/New_York", 2 * 60 + 30);
    // 02:30 does not exist on 03-08: the shift begins at 03:00 EDT (the later side).
    auto b = boundary(date(2026, 3, 8), f);
    CHECK(f.tz.to_local(b).hour == 3);
    CHECK(duty_day(b - 1s, f) == date(2026, 3, 7));
    CHECK(duty_day(b, f) == date(2026, 3, 8));
    // 01:30 happens twice on 11-01: the first one begins the shift, the second stays in it.
    auto g = zone("America/New_York", 90);
    auto first = boundary(date(2026, 11, 1), g);
    CHECK(duty_day(first, g) == date(2026, 11, 1));
    CHECK(duty_day(first + 1h, g) == date(2026, 11, 1));
    CHECK(duty_day(first - 1s, g) == date(2026, 10, 31));
}

TEST_CASE("a week shift runs from Monday to Monday and the rotation turns weekly", "[duty][rules]") {
    auto f = zone("Asia/Shanghai");
    auto r = three(0);
    r.kind = mode::weekly;
    auto n = ordinal_of(mode::weekly, date(2026, 3, 4));
    CHECK(first_day_of(mode::weekly, n) == date(2026, 3, 2));
    CHECK(ordinal_of(mode::weekly, date(2026, 3, 8)) == n);
    CHECK(ordinal_of(mode::weekly, date(2026, 3, 9)) == n + 1);
    r.anchor_shift = n;
    auto s = shift_at(r, f, at(f, date(2026, 3, 5), 12));
    CHECK(s.first_day == date(2026, 3, 2));
    CHECK(s.end - s.start == 7 * 24h);
    CHECK(s.who == bot::id("alice"));
    // Monday 08:59 is still last week's shift.
    CHECK(shift_at(r, f, at(f, date(2026, 3, 9), 8, 59)).who == bot::id("alice"));
    CHECK(shift_at(r, f, at(f, date(2026, 3, 9), 9)).who == bot::id("bob"));
    CHECK(shift_key(mode::weekly, s.first_day) == "week 2026-03-02");
}

TEST_CASE("the rotation goes round the roster and an empty roster has nobody on duty", "[duty][rules]") {
    auto r = three(100);
    CHECK(who(r, 100) == "alice");
    CHECK(who(r, 101) == "bob");
    CHECK(who(r, 102) == "carol");
    CHECK(who(r, 103) == "alice");
    CHECK(who(r, 99) == "carol");
    rotation empty;
    CHECK_FALSE(holder(empty, 5));
    CHECK(on_duty(empty, zone("Asia/Shanghai"), std::chrono::sys_seconds{}).empty());
}

TEST_CASE("adding keeps whoever is on duty and the new member comes last", "[duty][rules]") {
    rotation r;
    CHECK(add_member(r, bot::id("alice"), 10).ok());
    CHECK(who(r, 10) == "alice");
    CHECK(add_member(r, bot::id("bob"), 10).ok());
    CHECK(add_member(r, bot::id("carol"), 11).ok());
    CHECK(who(r, 11) == "bob");
    CHECK(who(r, 12) == "carol");
    CHECK(who(r, 13) == "alice");
    CHECK(add_member(r, bot::id("bob"), 12).error == "already_on");
    CHECK(r.members.size() == 3);
}

TEST_CASE("removing the one on duty hands the shift to the next, others keep their turn", "[duty][rules]") {
    auto r = three(0);
    CHECK(remove_member(r, bot::id("alice"), 0).ok());
    CHECK(who(r, 0) == "bob");
    CHECK(who(r, 1) == "carol");
    auto s = three(0);
    CHECK(remove_member(s, bot::id("carol"), 1).ok());  // bob on duty at 1
    CHECK(who(s, 1) == "bob");
    CHECK(who(s, 2) == "alice");
    auto t = three(0);
    CHECK(remove_member(t, bot::id("alice"), 1).ok());  // bob on duty, alice before him
    CHECK(who(t, 1) == "bob");
    CHECK(remove_member(t, bot::id("dave"), 1).error == "not_on");
    CHECK(t.members.size() == 2);
}

TEST_CASE("a swap exchanges two places and refuses anyone not on the roster", "[duty][rules]") {
    auto r = three(0);
    CHECK(swap_members(r, bot::id("alice"), bot::id("carol"), 0).ok());
    CHECK(who(r, 0) == "carol");
    CHECK(who(r, 2) == "alice");
    auto before = r.members;
    CHECK(swap_members(r, bot::id("alice"), bot::id("dave"), 0).error == "swap_not_on");
    CHECK(swap_members(r, bot::id("bob"), bot::id("bob"), 0).error == "swap_same");
    CHECK(r.members == before);
}

TEST_CASE("a skip gives one shift to the next member and leaves the rest of the rotation", "[duty][rules]") {
    auto r = three(0);
    long skipped = -1;
    CHECK(skip_member(r, bot::id("alice"), 0, skipped).ok());  // alice is on duty now
    CHECK(skipped == 0);
    CHECK(who(r, 0) == "bob");
    CHECK(who(r, 1) == "bob");
    CHECK(who(r, 3) == "alice");
    CHECK(skip_member(r, bot::id("carol"), 0, skipped).ok());  // carol's next shift is 2
    CHECK(skipped == 2);
    CHECK(who(r, 2) == "alice");
    CHECK(next_shift_of(r, bot::id("carol"), 0) == 5);
    rotation one;
    one.members = {bot::id("alice")};
    CHECK(skip_member(one, bot::id("alice"), 0, skipped).error == "skip_alone");
    CHECK(skip_member(r, bot::id("dave"), 0, skipped).error == "skip_not_on");
    CHECK(one.overrides.empty());
}

TEST_CASE("switching daily and weekly keeps the member in turn and drops skips", "[duty][rules]") {
    auto f = zone("Asia/Shanghai");
    auto d = date(2026, 3, 4);
    auto r = three(d.serial() - 1);  // bob's turn on the 4th
    long skipped = 0;
    REQUIRE(skip_member(r, bot::id("carol"), d.serial(), skipped).ok());
    auto t = at(f, d, 12);
    CHECK(set_mode(r, mode::weekly, f, t).ok());
    CHECK(r.overrides.empty());
    CHECK(on_duty(r, f, t) == std::vector<bot::id>{bot::id("bob")});
    CHECK(on_duty(r, f, at(f, date(2026, 3, 9), 9)) == std::vector<bot::id>{bot::id("carol")});
    CHECK(set_mode(r, mode::weekly, f, t).error == "mode_same");
    CHECK(parse_mode("每周") == mode::weekly);
    CHECK_FALSE(parse_mode("monthly"));
}
