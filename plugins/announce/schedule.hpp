#pragma once
/// Announcement schedules as plain values: parsing "每周一三五 20:00" / "weekly mon,wed,fri 20:00",
/// the canonical form kept in the database, and the next send time in a group's zone. The core
/// scheduler knows only once/daily/weekly-one-day; these rules drive a chain of "once" jobs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/timezone.hpp"

namespace plugins::announce {

enum class repeat { once, daily, weekly, monthly, every_days };

struct schedule {
    repeat kind = repeat::once;
    int minute = 0;         ///< local minute of the day
    bot::civil_date date;   ///< once: the day; every_days: the first day of the cycle
    unsigned weekdays = 0;  ///< weekly: bit (d - 1) for ISO weekday d (1 = Monday)
    int day_of_month = 1;   ///< monthly: 1..31; a month without that day sends on its last day
    int every = 1;          ///< every_days: the interval in days

    /// The canonical form, read back by parse(): "at 2026-03-04 20:00", "daily 08:00",
    /// "weekly 1,3,5 20:00", "monthly 15 09:00", "every 3d 09:00 from 2026-03-02".
    std::string str() const;
    /// The first send time strictly after `after`, in the zone's local time (a time in the spring
    /// gap is sent when the gap ends, one in the autumn overlap once, at the earlier side);
    /// nullopt when there is none (a past one-off).
    std::optional<bot::time_point> next_after(bot::time_point after, bot::time_zone const& tz) const;
    /// The next `n` send times after `after`.
    std::vector<bot::time_point> next_times(bot::time_point after, bot::time_zone const& tz, int n) const;
    friend bool operator==(schedule const&, schedule const&) = default;
};

/// Why a schedule was refused.
enum class schedule_error { unreadable, bad_time, never_fires };

struct parsed_schedule {
    std::optional<schedule> value;
    schedule_error error = schedule_error::unreadable;
};

/// Parses a schedule as admins write it, Chinese or English. `today` (the group's local date)
/// starts an "every N days" cycle that names no start.
parsed_schedule parse_schedule(std::string_view text, bot::civil_date today);

/// "2026-03-04 20:00" as a local date and minute of the day.
struct local_moment {
    bot::civil_date date;
    int minute = 0;
};
std::optional<local_moment> parse_moment(std::string_view text);

/// The last day of a month (28..31).
int days_in_month(int year, int month);

/// ASCII-lowercased, trimmed copy.
std::string lower_trim(std::string_view s);
/// Splits "a | b | c" at '|' or the full-width '｜', trimming each part.
std::vector<std::string> split_bar(std::string_view s);
/// "#12" or "12" as a number; nullopt otherwise.
std::optional<long long> item_number(std::string_view s);

}  // namespace plugins::announce
