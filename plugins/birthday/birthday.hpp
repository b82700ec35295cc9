#pragma once
/// The birthday rules as plain values: reading what a member typed, which birthdays fall on a day.

#include <compare>
#include <string>
#include <string_view>
#include <vector>

#include "bot/timezone.hpp"

namespace plugins::birthday {

/// A birthday as the plugin keeps it: a month and a day, never a year.
struct month_day {
    int month = 1;
    int day = 1;
    friend auto operator<=>(month_day const&, month_day const&) = default;
};

/// Why what a member typed is not a birthday.
enum class date_error {
    none,
    format,        ///< not one of the accepted forms ("abc", "3-14-5")
    no_such_date,  ///< 02-30, 13-01, 2023-02-29
    future,        ///< a year (or a whole date) after today
    old_year,      ///< a year more than max_age years ago
};

/// The oldest birth year accepted is this many years before today's.
constexpr int max_age = 130;

/// What parse_birthday read: the month and day, or the error. The year, when typed, is only checked.
struct parsed_birthday {
    month_day date;
    date_error error = date_error::none;
    bool had_year = false;
    bool ok() const { return error == date_error::none; }
};

/// Reads "03-14", "3-14", "3/14", "3.14", "0314", "3月14日" (or 号), and the same with a year:
/// "1990-03-14", "1990/3/14", "19900314", "1990年3月14日". Full-width digits count. `today` is the
/// member's group day, against which a typed year is checked; 02-29 without a year is accepted.
parsed_birthday parse_birthday(std::string_view text, bot::civil_date today);

bool is_leap(int year);
/// Days in a month of a year (February of a leap year has 29).
int month_length(int year, int month);

/// The birthdays greeted on `day`: its own month-day, and 02-29 on 02-28 of a year without one.
std::vector<month_day> greeted_on(bot::civil_date day);

/// "3月14日", as the plugin shows a birthday.
std::string shown(month_day d);

/// Reads a month typed after `/birthday month`: "3", "03", "3月"; 0 when it is not 1 to 12.
int parse_month(std::string_view text);

}  // namespace plugins::birthday
