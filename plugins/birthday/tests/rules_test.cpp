// The birthday rules without a chat: what counts as a birthday, and which fall on a day.
#include <catch2/catch.hpp>

#include "plugins/birthday/birthday.hpp"

using namespace plugins::birthday;

namespace {
bot::civil_date const today{2026, 3, 2};
}

TEST_CASE("every documented form reads as the same month and day", "[birthday][rules]") {
    for (auto const* text :
         {"03-14", "3-14", "3/14", "3.14", "0314", "3月14日", "3月14号", "3月14", "03月14日", "1990-03-14", "1990/3/14",
          "1990.03.14", "19900314", "1990年3月14日", "０３－１４", " 3月 14日 "}) {
        INFO(text);
        auto p = parse_birthday(text, today);
        REQUIRE(p.ok());
        CHECK(p.date == month_day{3, 14});
    }
    CHECK(parse_birthday("1990-03-14", today).had_year);
    CHECK_FALSE(parse_birthday("03-14", today).had_year);
}

TEST_CASE("garbage and half dates are refused as a format error", "[birthday][rules]") {
    for (auto const* text : {"abc", "", "3", "314", "03-14-15", "3-14/1990", "90-03-14", "三月十四", "3月", "03--14",
                             "-03-14", "123456", "2026-3", "3月14日x"}) {
        INFO(text);
        CHECK(parse_birthday(text, today).error == date_error::format);
    }
}

TEST_CASE("days that do not exist are refused", "[birthday][rules]") {
    for (auto const* text : {"02-30", "13-01", "00-10", "04-31", "01-00", "2023-02-29", "1900-02-29", "1314"}) {
        INFO(text);
        CHECK(parse_birthday(text, today).error == date_error::no_such_date);
    }
    // Without a year 02-29 is a birthday; with a leap year too.
    CHECK(parse_birthday("02-29", today).ok());
    CHECK(parse_birthday("2000-02-29", today).ok());
}

TEST_CASE("a year in the future or implausibly long ago is refused", "[birthday][rules]") {
    CHECK(parse_birthday("2027-01-01", today).error == date_error::future);
    CHECK(parse_birthday("2026-03-03", today).error == date_error::future);
    CHECK(parse_birthday("2026-03-02", today).ok());
    CHECK(parse_birthday("1896-05-01", today).ok());
    CHECK(parse_birthday("1895-05-01", today).error == date_error::old_year);
}

TEST_CASE("02-29 birthdays are greeted on 02-28 outside leap years", "[birthday][rules]") {
    auto on = [](bot::civil_date d) { return greeted_on(d); };
    CHECK(on({2027, 2, 28}) == std::vector<month_day>{{2, 28}, {2, 29}});
    CHECK(on({2028, 2, 28}) == std::vector<month_day>{{2, 28}});
    CHECK(on({2028, 2, 29}) == std::vector<month_day>{{2, 29}});
    CHECK(on({2027, 3, 1}) == std::vector<month_day>{{3, 1}});
}

TEST_CASE("a birthday is shown as month and day, and months read from 1 to 12", "[birthday][rules]") {
    CHECK(shown({3, 14}) == "3月14日");
    CHECK(shown({12, 1}) == "12月1日");
    CHECK(parse_month("3") == 3);
    CHECK(parse_month("03") == 3);
    CHECK(parse_month("12月") == 12);
    CHECK(parse_month("13") == 0);
    CHECK(parse_month("0") == 0);
    CHECK(parse_month("march") == 0);
}
