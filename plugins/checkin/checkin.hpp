#pragma once
/// The check-in rules as plain functions over values: streaks, output requirements, leave,
/// make-up, missed runs, the month calendar and the coalescing of confirmations.

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/timezone.hpp"

namespace plugins::checkin {

/// What a row of a member's day records.
enum class entry_kind { done = 0, makeup = 1, leave = 2 };

/// A member's streak and counted days as of one day.
struct tally {
    int streak = 0;
    int total = 0;
    friend bool operator==(tally const&, tally const&) = default;
};

/// A member's latest counted (checked-in or made-up) day and its tally.
struct previous {
    bot::civil_date day;
    tally at;
};

/// The tally of a counted `day`, given the latest counted day before it and how many days between
/// the two were on leave: leave bridges the gap, anything else breaks the streak.
tally tally_after(bot::civil_date day, std::optional<previous> const& prev, int leave_days_between);

/// One marked day of a member.
struct day_entry {
    bot::civil_date day;
    entry_kind kind = entry_kind::done;
};

/// Replays a member's marked days (any order) and returns the tally of each counted day.
std::map<long, tally> replay(std::vector<day_entry> entries);

/// The streak a member shows on `today`: the last counted day's streak while it is today or
/// yesterday, or while every day after it up to yesterday was on leave; else 0.
int current_streak(std::optional<previous> const& last, bot::civil_date today, int leave_days_after);

/// How many characters (code points) a UTF-8 text has.
std::size_t utf8_length(std::string_view s);

/// What output a check-in needs to count.
enum class requirement { none, text, image, text_or_image, text_and_image };
requirement parse_requirement(std::string_view s);

/// The output that came with a check-in.
struct output {
    std::size_t chars = 0;
    int images = 0;
};

/// What a check-in lacks to count.
enum class shortfall { none, text, image, text_or_image, text_and_image };
shortfall check_output(requirement r, int min_chars, output o);

/// The Monday of the ISO week of `d`.
bot::civil_date week_start(bot::civil_date d);
/// The first day of the month of `d`.
bot::civil_date month_start(bot::civil_date d);
/// The number of days of a month.
int days_in_month(int year, int month);

/// What a "/leave" asks for: "3 出差", "两天 旅游", "２天", "出差" (no count: 1 day).
struct leave_request {
    int days = 1;
    bool days_given = false;  ///< a count was written (else 1 day is meant)
    bool bad = false;         ///< the first word is a count that cannot be read ("2abc", "几天"): nothing is recorded
    std::string count_word;   ///< that first word, when bad
    std::string reason;
};
/// Reads the count (ASCII or full-width digits, or Chinese numerals, optionally followed by 天 or
/// 日) and the reason. A first word that is not a count is the start of the reason.
leave_request parse_leave(std::string_view text);

/// The days a leave request gets, or why it is refused.
struct leave_plan {
    std::vector<bot::civil_date> days;    ///< the days newly on leave (days already done or on leave are skipped)
    std::vector<bot::civil_date> done;    ///< requested days skipped because they are already checked in
    std::vector<bot::civil_date> leave;   ///< requested days skipped because they are already on leave
    std::optional<bot::civil_date> over;  ///< the first week (its first requested day) the cap refuses; then `days` is empty
    int week_used = 0;                    ///< leave days of that week already taken
    int week_need = 0;                    ///< new leave days the request would add in that week
};
/// Plans `count` days of leave from `first`. `leave` and `done` are days already on leave or
/// counted (by serial); each ISO week may hold at most `per_week` leave days.
leave_plan plan_leave(bot::civil_date first, int count, std::set<long> const& leave, std::set<long> const& done,
                      int per_week);

/// Whether yesterday can be made up.
enum class makeup_verdict { ok, off, already_done, too_late, quota_used };
/// `today_start` is when the current group day began (yesterday's close); `used` the make-ups of
/// yesterday's month so far.
makeup_verdict check_makeup(bool yesterday_counted, bot::time_point now, bot::time_point today_start,
                            std::chrono::seconds window, int used, int quota);

/// How many days in a row up to `closed` a member missed: days after their last marked day (or
/// since they joined the check-ins) up to and including `closed`.
int missed_run(bot::civil_date closed, std::optional<bot::civil_date> last_marked, bot::civil_date since);

/// The month calendar of one member in text: a row per week, Monday first.
/// ✅ checked in, 🔁 made up, 🏖 leave, ❌ missed, ⏳ today (not yet), · not counted.
std::string render_calendar(int year, int month, std::map<long, entry_kind> const& marks, bot::civil_date today,
                            bot::civil_date since);

/// The level of a day in a calendar heat map: 0 for nobody, else 1–4 by quarters of the busiest
/// day's `most` (rounded up, so any check-in shows).
int heat_level(int n, int most);

/// `part` of `whole` in percent, rounded to one decimal (2 of 3 → 66.7); 0 when `whole` is 0.
double percent(int part, int whole);

/// Decides, per group, whether a confirmation goes out on its own or waits to be combined: at
/// most `burst` individual replies per `window`; after that they queue and go out together when
/// the window after the first queued one ends. Deterministic: it only sees the times it is given.
class coalescer {
public:
    coalescer(int burst, std::chrono::seconds window) : burst_(burst), window_(window) {}

    enum class verdict { reply, queue_and_schedule, queue };
    /// Decides for a confirmation at `now`. On `queue_and_schedule` the caller arranges flush()
    /// at `flush_at()`.
    verdict admit(bot::time_point now);
    std::optional<bot::time_point> flush_at() const { return flush_at_; }
    /// The queued confirmations go out now as one message.
    void flushed(bot::time_point now);

private:
    int burst_;
    std::chrono::seconds window_;
    std::deque<bot::time_point> sent_;
    std::optional<bot::time_point> flush_at_;
};

}  // namespace plugins::checkin
