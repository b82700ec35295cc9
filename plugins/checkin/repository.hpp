#pragma once
/// The check-in plugin's SQL: one row per member and group day, the roster of members taking
/// part, and which daily jobs already ran.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"
#include "plugins/checkin/checkin.hpp"
#include "storage/database.hpp"

namespace plugins::checkin {

/// A stored day of a member.
struct day_row {
    bot::civil_date day;
    entry_kind kind = entry_kind::done;
    std::int64_t at = 0;
    int rank = 0;
    tally counted;
    int outputs = 0;
    int chars = 0;
    int images = 0;
    std::string note;
};

/// A member's day as a group view shows it.
struct member_day {
    bot::id user;
    entry_kind kind = entry_kind::done;
    int rank = 0;
    int streak = 0;
};

/// One member's mark on one day, for views over the whole group.
struct group_mark {
    bot::civil_date day;
    bot::id user;
    entry_kind kind = entry_kind::done;
};

/// A row of a count board.
struct board_row {
    bot::id user;
    int days = 0;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    storage::database& db() { return db_; }

    std::optional<day_row> get(std::string const& g, bot::id const& user, bot::civil_date day);
    /// The member's latest checked-in or made-up day before `day`.
    std::optional<day_row> last_counted_before(std::string const& g, bot::id const& user, bot::civil_date day);
    /// The member's latest marked day (any kind) up to and including `day`.
    std::optional<bot::civil_date> last_marked(std::string const& g, bot::id const& user, bot::civil_date day);
    /// Leave days strictly between two days.
    int leave_between(std::string const& g, bot::id const& user, bot::civil_date after, bot::civil_date before);
    /// Rows of one kind in [from, to].
    int count_kind(std::string const& g, bot::id const& user, entry_kind kind, bot::civil_date from, bot::civil_date to);
    /// A member's rows in [from, to], oldest first.
    std::vector<day_row> days_of(std::string const& g, bot::id const& user, bot::civil_date from, bot::civil_date to);

    /// Writes a check-in (or make-up) row with the next rank of the day, replacing a leave row.
    /// Returns the rank given (0 for a make-up).
    int put_counted(std::string const& g, bot::id const& user, day_row const& row);
    void put_leave(std::string const& g, bot::id const& user, bot::civil_date day, std::int64_t at,
                   std::string const& reason);
    /// Adds output to an existing check-in.
    void add_output(std::string const& g, bot::id const& user, bot::civil_date day, int chars, int images,
                    std::string const& note);
    void set_tally(std::string const& g, bot::id const& user, bot::civil_date day, tally t);

    /// Everyone marked on a day, check-ins by rank first.
    std::vector<member_day> day_of_group(std::string const& g, bot::civil_date day);
    /// Every member's marks in [from, to], by day.
    std::vector<group_mark> marks_between(std::string const& g, bot::civil_date from, bot::civil_date to);
    /// Counted days per member in [from, to], most first.
    std::vector<board_row> board(std::string const& g, bot::civil_date from, bot::civil_date to, int limit);

    /// Records a member as taking part (or their new name); cheap when nothing changed.
    void remember(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day);
    void set_active(std::string const& g, bot::id const& user, bool active);
    /// Names of the members of a group that the check-ins know.
    std::map<bot::id, std::string> names(std::string const& g);

    /// Whether a daily job already ran (was claimed) for a group day.
    bool claimed(std::string const& g, bot::civil_date day, std::string const& what);
    /// Claims a daily job for a group day; false when it already ran.
    bool claim(std::string const& g, bot::civil_date day, std::string const& what, std::int64_t at);

private:
    storage::database& db_;
    /// "group\nuser" → the name stored, so a check-in writes its member row only when it changes.
    std::unordered_map<std::string, std::string> known_;
};

}  // namespace plugins::checkin
