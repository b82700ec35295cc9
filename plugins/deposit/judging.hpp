#pragma once
/// Judging one member's challenge day, as a plain function over values: the one verdict rule that
/// the day close (which writes it) and the nudge (which only shows it) both use.

#include "bot/attendance.hpp"
#include "plugins/deposit/money.hpp"

namespace plugins::deposit {

/// What a member's judged days add up to, as far as judging their next day needs.
struct day_history {
    int missed = 0;          ///< days judged missed (a waived miss is excused and not counted)
    int leave = 0;           ///< leave days used so far
    bot::fen remaining = 0;  ///< what is held for the member now
};

/// Why a day was judged as it was.
enum class day_reason {
    done,          ///< completed
    on_leave,      ///< on leave within the challenge's leave limit
    free_miss,     ///< missed, and one of the free misses
    fined,         ///< missed and fined
    nothing_left,  ///< missed past the free misses, but too little is held to take a fen
};

/// The verdict on one member's day and what it does to their books.
struct day_judgement {
    verdict v = verdict::missed;
    day_reason why = day_reason::fined;
    bot::fen fine = 0;              ///< the fine to post; 0 unless missed
    bool leave_used = false;        ///< the day took one of the challenge's leave days
    bool over_leave_limit = false;  ///< on leave with the limit used up, so judged as a miss
    int free_left = 0;              ///< free misses still left after this day
    day_history after;              ///< the member's history with this day judged
};

/// Judges a day. `mark` is the check-in record of the day; `active` says whether the member spoke
/// in the group that day, which is what completes a day under the message rule (a leave still
/// comes from the check-in record then).
day_judgement judge_day(rules const& r, day_history const& before, bot::day_mark mark, bool active);

}  // namespace plugins::deposit
