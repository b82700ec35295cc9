#pragma once
/// What changing a group's time zone or day-close hour does to its day: a change may neither
/// re-open a day that already closed nor skip the close of the day in progress.

#include "bot/timezone.hpp"

namespace bot {

/// The effect of moving a group from one zone and close hour to another at one instant.
struct day_shift {
    enum class kind {
        same_day,  ///< today stays today; it closes at `next_close`
        reopens,   ///< today would go back to a day that already closed
        skips,     ///< today would jump ahead, and the day in progress would never close
    };
    kind what = kind::same_day;
    civil_date today_before;
    civil_date today_after;
    time_point next_close;  ///< when today closes under the new settings (same_day)
    time_point earliest;    ///< when the change can be made without re-opening or skipping a day
};

/// `known_since` is when the bot first saw the group: days that closed before it were never
/// closed here, so going back to them re-opens nothing.
day_shift shift_day(time_point now, time_zone const& from, int from_close, time_zone const& to, int to_close,
                    time_point known_since);

}  // namespace bot
