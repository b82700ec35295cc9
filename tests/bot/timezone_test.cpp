#include "bot/timezone.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace std::chrono;
using bot::civil_date;

namespace {

/// An instant given in UTC.
bot::time_point utc(int y, unsigned mo, unsigned d, int h, int mi = 0, int s = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

bot::time_zone zone(char const* name) { return bot::time_zone::must_load(name); }

}  // namespace

TEST_CASE("a zone converts instants to local time", "[timezone]") {
    auto sh = zone("Asia/Shanghai");
    auto local = sh.to_local(utc(2026, 3, 1, 17, 30, 15));
    REQUIRE(local.date == civil_date{2026, 3, 2});
    REQUIRE(local.hour == 1);
    REQUIRE(local.minute == 30);
    REQUIRE(local.second == 15);
    REQUIRE(local.str() == "2026-03-02 01:30");
    REQUIRE(sh.from_local({2026, 3, 2}, 1, 30, 15) == utc(2026, 3, 1, 17, 30, 15));
}

TEST_CASE("an unknown zone name is refused", "[timezone]") {
    REQUIRE_FALSE(bot::time_zone::load("Mars/Olympus"));
    REQUIRE_FALSE(bot::time_zone::load(""));
    REQUIRE_THROWS_WITH(bot::time_zone::must_load("Mars/Olympus"), Catch::Contains("Mars/Olympus"));
    REQUIRE(zone("Europe/Berlin").name() == "Europe/Berlin");
}

TEST_CASE("with the day closing at midnight, 01:30 belongs to its own date", "[timezone]") {
    auto sh = zone("Asia/Shanghai");
    REQUIRE(bot::day_of(utc(2026, 3, 1, 17, 30), sh, 0) == civil_date{2026, 3, 2});  // 01:30 local
    REQUIRE(bot::day_of(utc(2026, 3, 1, 16, 0), sh, 0) == civil_date{2026, 3, 2});   // 00:00 local
    REQUIRE(bot::day_of(utc(2026, 3, 1, 15, 59, 59), sh, 0) == civil_date{2026, 3, 1});
}

TEST_CASE("with the day closing at 04:00, 01:30 counts for the day before", "[timezone]") {
    auto sh = zone("Asia/Shanghai");
    REQUIRE(bot::day_of(utc(2026, 3, 1, 17, 30), sh, 4) == civil_date{2026, 3, 1});       // 01:30 local
    REQUIRE(bot::day_of(utc(2026, 3, 1, 19, 59, 59), sh, 4) == civil_date{2026, 3, 1});   // 03:59:59
    REQUIRE(bot::day_of(utc(2026, 3, 1, 20, 0), sh, 4) == civil_date{2026, 3, 2});        // 04:00
    REQUIRE(bot::day_of(utc(2025, 12, 31, 17, 30), sh, 4) == civil_date{2025, 12, 31});   // new year's 01:30
}

TEST_CASE("a group day starts at its close hour in local time", "[timezone]") {
    auto sh = zone("Asia/Shanghai");
    REQUIRE(bot::day_start({2026, 3, 2}, sh, 4) == utc(2026, 3, 1, 20, 0));
    REQUIRE(bot::day_start({2026, 3, 2}, sh, 0) == utc(2026, 3, 1, 16, 0));
    auto start = bot::day_start({2026, 3, 2}, sh, 4);
    REQUIRE(bot::day_of(start, sh, 4) == civil_date{2026, 3, 2});
    REQUIRE(bot::day_of(start - seconds(1), sh, 4) == civil_date{2026, 3, 1});
}

TEST_CASE("the close hour applies in local time on a daylight-saving day", "[timezone]") {
    auto ny = zone("America/New_York");
    // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
    REQUIRE(bot::day_of(utc(2026, 3, 8, 6, 30), ny, 0) == civil_date{2026, 3, 8});  // 01:30 EST
    REQUIRE(bot::day_of(utc(2026, 3, 8, 6, 30), ny, 4) == civil_date{2026, 3, 7});
    REQUIRE(bot::day_of(utc(2026, 3, 8, 7, 59), ny, 4) == civil_date{2026, 3, 7});  // 03:59 EDT
    REQUIRE(bot::day_of(utc(2026, 3, 8, 8, 0), ny, 4) == civil_date{2026, 3, 8});   // 04:00 EDT
    REQUIRE(bot::day_start({2026, 3, 8}, ny, 4) == utc(2026, 3, 8, 8, 0));
    // 2026-11-01: 01:00-02:00 happens twice; 01:30 EST (the second one) is still the day before.
    REQUIRE(bot::day_of(utc(2026, 11, 1, 6, 30), ny, 4) == civil_date{2026, 10, 31});
    REQUIRE(bot::day_start({2026, 11, 1}, ny, 4) == utc(2026, 11, 1, 9, 0));
}

TEST_CASE("a local time skipped by spring-forward maps to the first valid instant", "[timezone]") {
    // Europe/Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST.
    REQUIRE(zone("Europe/Berlin").from_local({2026, 3, 29}, 2, 30) == utc(2026, 3, 29, 1, 0));
    // America/New_York 2026-03-08: 02:00 EST becomes 03:00 EDT.
    REQUIRE(zone("America/New_York").from_local({2026, 3, 8}, 2, 30) == utc(2026, 3, 8, 7, 0));
}

TEST_CASE("a local time repeated by fall-back maps to its earlier instant", "[timezone]") {
    // Europe/Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
    REQUIRE(zone("Europe/Berlin").from_local({2026, 10, 25}, 2, 30) == utc(2026, 10, 25, 0, 30));
    // America/New_York 2026-11-01: 01:30 happens at 05:30 and 06:30 UTC.
    REQUIRE(zone("America/New_York").from_local({2026, 11, 1}, 1, 30) == utc(2026, 11, 1, 5, 30));
}

TEST_CASE("civil dates count days and know their weekday", "[timezone]") {
    civil_date d{2026, 3, 4};
    REQUIRE(d.weekday() == 3);  // a Wednesday
    REQUIRE(civil_date{2026, 3, 8}.weekday() == 7);
    REQUIRE(civil_date{1970, 1, 1}.serial() == 0);
    REQUIRE(d.plus_days(-4) == civil_date{2026, 2, 28});
    REQUIRE(civil_date{2024, 2, 28}.plus_days(1) == civil_date{2024, 2, 29});
    REQUIRE(civil_date{2025, 12, 31}.plus_days(1) == civil_date{2026, 1, 1});
    REQUIRE(civil_date::from_serial(d.serial()) == d);
    REQUIRE(d.str() == "2026-03-04");
    REQUIRE(civil_date{2026, 3, 1} < civil_date{2026, 3, 2});
}

TEST_CASE("dates parse only when they exist", "[timezone]") {
    REQUIRE(bot::parse_date("2026-11-21") == civil_date{2026, 11, 21});
    REQUIRE(bot::parse_date("2024-02-29") == civil_date{2024, 2, 29});
    for (auto bad : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01",
                     "2026-01-0x", ""})
        REQUIRE_FALSE(bot::parse_date(bad));
}

TEST_CASE("times of day parse into minutes after midnight", "[timezone]") {
    REQUIRE(bot::parse_time_of_day("21:00") == 21 * 60);
    REQUIRE(bot::parse_time_of_day("9:05") == 9 * 60 + 5);
    REQUIRE(bot::parse_time_of_day("00:00") == 0);
    REQUIRE(bot::parse_time_of_day("23:59") == 23 * 60 + 59);
    for (auto bad : {"24:00", "12:60", "9:5", "900", ":30", "123:00", "-1:00", "+1:00", "ab:cd", ""})
        REQUIRE_FALSE(bot::parse_time_of_day(bad));
}

TEST_CASE("weekdays parse in English, Chinese and digits", "[timezone]") {
    REQUIRE(bot::parse_weekday("wed") == 3);
    REQUIRE(bot::parse_weekday("Wednesday") == 3);
    REQUIRE(bot::parse_weekday("周三") == 3);
    REQUIRE(bot::parse_weekday("星期三") == 3);
    REQUIRE(bot::parse_weekday("3") == 3);
    REQUIRE(bot::parse_weekday("MON") == 1);
    REQUIRE(bot::parse_weekday("周日") == 7);
    REQUIRE(bot::parse_weekday("星期天") == 7);
    for (auto bad : {"0", "8", "wedn", "周八", ""}) REQUIRE_FALSE(bot::parse_weekday(bad));
}
