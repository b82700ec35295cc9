#pragma once
/// Civil dates and IANA time zones: "today" for a group is its local date shifted by its day-close hour.

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bot/event.hpp"

namespace bot {

/// A calendar date without a time zone.
struct civil_date {
    int year = 1970;
    int month = 1;
    int day = 1;

    friend auto operator<=>(civil_date const&, civil_date const&) = default;
    /// "2026-11-21"
    std::string str() const;
    /// Days since 1970-01-01; differences of this are day counts.
    long serial() const;
    static civil_date from_serial(long days);
    civil_date plus_days(long n) const { return from_serial(serial() + n); }
    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    int weekday() const;
};

/// A local date and time of day.
struct civil_time {
    civil_date date;
    int hour = 0;
    int minute = 0;
    int second = 0;
    /// "2026-11-21 09:05"
    std::string str() const;
};

/// An IANA time zone loaded from the system's tzdata (for example "Asia/Shanghai").
class time_zone {
public:
    /// Loads a zone by name; nullopt when the name is unknown.
    static std::optional<time_zone> load(std::string_view name);
    /// Loads a zone or throws std::invalid_argument naming it.
    static time_zone must_load(std::string_view name);

    std::string const& name() const;
    civil_time to_local(time_point t) const;
    /// The instant of a local time. In a gap (spring forward) the later side is used; in an
    /// overlap (fall back) the earlier one, so a daily job runs exactly once.
    time_point from_local(civil_date date, int hour, int minute, int second = 0) const;

private:
    struct impl;
    explicit time_zone(std::shared_ptr<impl const> p) : impl_(std::move(p)) {}
    std::shared_ptr<impl const> impl_;
};

/// The group's "day" that instant `t` belongs to: its local date, where the day closes at
/// `close_hour` (0-23) instead of midnight. With close_hour 4, 01:30 counts for the day before.
civil_date day_of(time_point t, time_zone const& tz, int close_hour);

/// The instant the given group day starts (its local date at close_hour).
time_point day_start(civil_date day, time_zone const& tz, int close_hour);

/// Parses "2026-11-21".
std::optional<civil_date> parse_date(std::string_view text);
/// Parses "21:00" or "9:05" into minutes after midnight.
std::optional<int> parse_time_of_day(std::string_view text);
/// Parses a weekday in English or Chinese ("wed", "Wednesday", "周三", "星期三", "3") into 1..7.
std::optional<int> parse_weekday(std::string_view text);

}  // namespace bot
