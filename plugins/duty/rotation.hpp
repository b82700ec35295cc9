#pragma once
/// The duty rotation as plain values: who is on duty at an instant, the shift's bounds in the
/// group's zone, and how the roster changes (add, remove, swap, skip, mode) keep the rotation.
///
/// A "day" shift runs from `shift_start` (local, default 09:00) on its date to the same local time
/// on the next date, so a shift that spans a DST change lasts 23 or 25 hours. A "week" shift runs
/// from Monday at shift_start to the next Monday at shift_start. Shifts are numbered by an ordinal:
/// the serial of their first date (day mode), or of that Monday divided by 7 (week mode).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"

namespace plugins::duty {

enum class mode { daily, weekly };

std::string mode_name(mode m);  ///< "daily" / "weekly"
std::optional<mode> parse_mode(std::string_view text);

/// The roster and its rotation: members in order; at shift `anchor_shift` the member at
/// `anchor_pos` is on duty, and each later shift goes to the next one, round the list.
/// `overrides` give single shifts to someone else (a skip).
struct rotation {
    std::vector<bot::id> members;
    mode kind = mode::daily;
    long anchor_shift = 0;
    int anchor_pos = 0;
    std::map<long, bot::id> overrides;
};

/// Where shifts fall: the group's zone and the local minute of day they begin.
struct clock_face {
    bot::time_zone tz;
    int start_minute = 9 * 60;
};

struct shift {
    long ordinal = 0;
    bot::civil_date first_day;  ///< the local date it begins on
    bot::time_point start;
    bot::time_point end;
    std::optional<bot::id> who;  ///< nullopt when the roster is empty
    bool overridden = false;     ///< a skip gave it to someone else
};

/// The instant a local date's shift boundary falls (in a DST gap, the later side).
bot::time_point boundary(bot::civil_date day, clock_face const& f);
/// The duty date an instant belongs to: its local date, or the one before when it is before that
/// date's boundary.
bot::civil_date duty_day(bot::time_point t, clock_face const& f);
/// The ordinal of the shift that the duty date belongs to, and that shift's first date.
long ordinal_of(mode m, bot::civil_date day);
bot::civil_date first_day_of(mode m, long ordinal);
/// The member whose turn shift `n` is by the rotation alone (no override); nullopt when empty.
std::optional<bot::id> in_turn(rotation const& r, long n);
/// The member on shift `n`: its override when that member is still on the roster, else in_turn.
std::optional<bot::id> holder(rotation const& r, long n);
/// Shift `n` with its bounds and holder.
shift shift_number(rotation const& r, clock_face const& f, long n);
/// The shift that contains instant `t`.
shift shift_at(rotation const& r, clock_face const& f, bot::time_point t);
/// Who holds the duty role at `t`: the holder of the shift containing it (none or one member).
std::vector<bot::id> on_duty(rotation const& r, clock_face const& f, bot::time_point t);
/// The first shift from `from` on (inclusive) that `who` holds; nullopt when not on the roster.
std::optional<long> next_shift_of(rotation const& r, bot::id const& who, long from);
/// A shift's key in storage: "day 2026-03-02" or "week 2026-03-02" (the Monday).
std::string shift_key(mode m, bot::civil_date first_day);

/// What a change did; `error` names the text key of a refusal (and the rotation is unchanged).
struct change {
    std::string error;
    bool ok() const { return error.empty(); }
};

/// The changes, each at the shift `now` (its ordinal): the member on duty now stays on duty
/// unless the change is about them (removed, swapped, skipped).
change add_member(rotation& r, bot::id const& who, long now);
change remove_member(rotation& r, bot::id const& who, long now);
change swap_members(rotation& r, bot::id const& a, bot::id const& b, long now);
/// The shift of `who` that is current or next goes to the member after them in the rotation;
/// returns the shift's ordinal through `skipped`.
change skip_member(rotation& r, bot::id const& who, long now, long& skipped);
/// Switches daily/weekly at instant `t`: whoever is in turn now stays in turn; overrides go.
change set_mode(rotation& r, mode m, clock_face const& f, bot::time_point t);

}  // namespace plugins::duty
