// The schedule rules as plain values: parsing Chinese and English, the canonical form, and the
// next send times, across a month without day 31 and across both US DST changes.
#include <catch2/catch.hpp>

#include "plugins/announce/schedule.hpp"

using namespace plugins::announce;

namespace {

bot::civil_date const today{2026, 3, 2};

schedule must(std::string_view text) {
    auto p = parse_schedule(text, today);
    INFO(text);
    REQUIRE(p.value);
    return *p.value;
}

std::vector<std::string> local(schedule const& s, std::string const& zone, bot::time_point after, int n) {
    auto tz = bot::time_zone::must_load(zone);
    std::vector<std::string> out;
    for (auto t : s.next_times(after, tz, n)) out.push_back(tz.to_local(t).str());
    return out;
}

bot::time_point at(std::string const& zone, bot::civil_date d, int h, int m) {
    return bot::time_zone::must_load(zone).from_local(d, h, m);
}

}  // namespace

TEST_CASE("schedules parse in Chinese and English to the same rule", "[announce][schedule]") {
    CHECK(must("2026-03-04 20:00") == must("at 2026-03-04 20:00"));
    CHECK(must("每天 08:00") == must("daily 08:00"));
    CHECK(must("每天08:00") == must("DAILY 08:00"));
    CHECK(must("每天 08：00") == must("daily 08:00"));
    CHECK(must("每周一三五 20:00") == must("weekly mon,wed,fri 20:00"));
    CHECK(must("每周一、周三、周五 20:00") == must("weekly 1,3,5 20:00"));
    CHECK(must("每月15日 09:00") == must("monthly 15 09:00"));
    CHECK(must("每月15号09:00") == must("monthly 15 09:00"));
    CHECK(must("每3天 09:00") == must("every 3d 09:00"));
    CHECK(must("every 3 days 09:00") == must("every 3d from 2026-03-02 09:00"));
    CHECK(must("weekly mon,wed,fri 20:00").weekdays == 0b10101u);
    CHECK(must("每周日 10:00").weekdays == 0b1000000u);
}

TEST_CASE("the canonical form reads back as the same rule", "[announce][schedule]") {
    for (auto text : {"at 2026-03-04 20:00", "daily 08:00", "weekly 1,3,5 20:00", "monthly 31 09:00",
                      "every 3d from 2026-03-02 09:05"}) {
        auto s = must(text);
        CHECK(s.str() == text);
        CHECK(must(s.str()) == s);
    }
}

TEST_CASE("unreadable schedules and ones that never fire are told apart", "[announce][schedule]") {
    CHECK(parse_schedule("someday 08:00", today).error == schedule_error::unreadable);
    CHECK(parse_schedule("每天", today).error == schedule_error::unreadable);
    CHECK(parse_schedule("每周 20:00", today).error == schedule_error::unreadable);
    CHECK(parse_schedule("weekly xyz 20:00", today).error == schedule_error::unreadable);
    CHECK(parse_schedule("每天 25:00", today).error == schedule_error::bad_time);
    CHECK(parse_schedule("每0天 08:00", today).error == schedule_error::never_fires);
    CHECK(parse_schedule("每月0日 08:00", today).error == schedule_error::never_fires);
    CHECK(parse_schedule("monthly 32 08:00", today).error == schedule_error::never_fires);
    CHECK_FALSE(parse_schedule("每月32日 08:00", today).value);
}

TEST_CASE("a one-off fires once and a past one never", "[announce][schedule]") {
    auto s = must("2026-03-04 20:00");
    auto after = at("Asia/Shanghai", {2026, 3, 2}, 9, 0);
    CHECK(local(s, "Asia/Shanghai", after, 3) == std::vector<std::string>{"2026-03-04 20:00"});
    CHECK(local(s, "Asia/Shanghai", at("Asia/Shanghai", {2026, 3, 4}, 20, 0), 3).empty());
}

TEST_CASE("weekly on several days, monthly and every N days", "[announce][schedule]") {
    auto after = at("Asia/Shanghai", {2026, 3, 2}, 9, 0);  // a Monday
    CHECK(local(must("每周一三五 20:00"), "Asia/Shanghai", after, 4) ==
          std::vector<std::string>{"2026-03-02 20:00", "2026-03-04 20:00", "2026-03-06 20:00", "2026-03-09 20:00"});
    CHECK(local(must("每周一 08:00"), "Asia/Shanghai", after, 2) ==
          std::vector<std::string>{"2026-03-09 08:00", "2026-03-16 08:00"});
    CHECK(local(must("每3天 09:00"), "Asia/Shanghai", after, 3) ==
          std::vector<std::string>{"2026-03-05 09:00", "2026-03-08 09:00", "2026-03-11 09:00"});
    CHECK(local(must("every 2d from 2026-03-10 07:00"), "Asia/Shanghai", after, 2) ==
          std::vector<std::string>{"2026-03-10 07:00", "2026-03-12 07:00"});
}

TEST_CASE("monthly on day 31 sends on the last day of shorter months", "[announce][schedule]") {
    auto after = at("Asia/Shanghai", {2026, 1, 31}, 10, 0);
    CHECK(local(must("每月31日 09:00"), "Asia/Shanghai", after, 4) ==
          std::vector<std::string>{"2026-02-28 09:00", "2026-03-31 09:00", "2026-04-30 09:00", "2026-05-31 09:00"});
    CHECK(local(must("monthly 29 09:00"), "Asia/Shanghai", after, 1) == std::vector<std::string>{"2026-02-28 09:00"});
    CHECK(days_in_month(2028, 2) == 29);
    CHECK(days_in_month(2026, 12) == 31);
}

TEST_CASE("daily announcements keep their local time across both DST changes in New York",
          "[announce][schedule][dst]") {
    auto const ny = "America/New_York";
    auto s = must("daily 08:00");
    CHECK(local(s, ny, at(ny, {2026, 3, 7}, 9, 0), 2) ==
          std::vector<std::string>{"2026-03-08 08:00", "2026-03-09 08:00"});
    auto tz = bot::time_zone::must_load(ny);
    auto times = s.next_times(at(ny, {2026, 3, 7}, 9, 0), tz, 2);
    REQUIRE(times.size() == 2);
    // The spring-forward day is 23 hours long.
    CHECK(times[1] - times[0] == std::chrono::hours(24));
    auto before = s.next_after(at(ny, {2026, 3, 7}, 7, 0), tz);
    CHECK(*before == at(ny, {2026, 3, 7}, 8, 0));
    CHECK(times[0] - *before == std::chrono::hours(23));
    // The fall-back day is 25 hours long.
    auto fall = s.next_times(at(ny, {2026, 10, 31}, 7, 0), tz, 2);
    CHECK(fall[1] - fall[0] == std::chrono::hours(25));
}

TEST_CASE("a time in the spring gap is sent once, a time in the autumn overlap once", "[announce][schedule][dst]") {
    auto const ny = "America/New_York";
    auto tz = bot::time_zone::must_load(ny);
    // 02:30 does not exist on 2026-03-08: sent when the gap ends, 03:00 EDT, then at 02:30 again.
    auto gap = local(must("daily 02:30"), ny, at(ny, {2026, 3, 7}, 12, 0), 3);
    CHECK(gap == std::vector<std::string>{"2026-03-08 03:00", "2026-03-09 02:30", "2026-03-10 02:30"});
    // 01:30 happens twice on 2026-11-01: sent once.
    auto overlap = must("weekly sun 01:30").next_times(at(ny, {2026, 10, 31}, 12, 0), tz, 2);
    REQUIRE(overlap.size() == 2);
    CHECK(overlap[1] - overlap[0] == std::chrono::hours(24 * 7 + 1));
}

TEST_CASE("the command helpers split at bars and read item numbers", "[announce][schedule]") {
    CHECK(split_bar("a | b｜c") == std::vector<std::string>{"a", "b", "c"});
    CHECK(item_number("#12") == 12);
    CHECK(item_number("12") == 12);
    CHECK(item_number("＃3") == 3);
    CHECK_FALSE(item_number("#x"));
    CHECK_FALSE(item_number(""));
    auto m = parse_moment("2026-03-04 20:00");
    REQUIRE(m);
    CHECK(m->minute == 20 * 60);
    CHECK_FALSE(parse_moment("2026-03-04"));
    CHECK(parse_moment("2026-03-04 20：30")->minute == 20 * 60 + 30);
}
