#include "bot/day_shift.hpp"

namespace bot {

day_shift shift_day(time_point now, time_zone const& from, int from_close, time_zone const& to, int to_close,
                    time_point known_since) {
    day_shift out;
    out.today_before = day_of(now, from, from_close);
    out.today_after = day_of(now, to, to_close);
    out.next_close = day_start(out.today_after.plus_days(1), to, to_close);
    // The last day that closed here is the one before today_before, at the start of today_before.
    bool closed_here = day_start(out.today_before, from, from_close) > known_since;
    if (out.today_after < out.today_before && closed_here) {
        // Every day before today_before has closed: wait until the new settings reach it.
        out.what = day_shift::kind::reopens;
        out.earliest = day_start(out.today_before, to, to_close);
    } else if (out.today_before < out.today_after) {
        // Today has not closed yet: wait for its close under the settings it started with.
        out.what = day_shift::kind::skips;
        out.earliest = day_start(out.today_before.plus_days(1), from, from_close);
    }
    return out;
}

}  // namespace bot
