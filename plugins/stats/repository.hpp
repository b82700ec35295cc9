#pragma once
/// The statistics' SQL. Days are group days as "YYYY-MM-DD" text, so the tables read plainly and
/// sort by date; users are encoded IDs. Writes join the caller's transaction (flush opens one).

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "plugins/stats/rules.hpp"
#include "plugins/stats/tally.hpp"
#include "storage/database.hpp"
#include "storage/migration.hpp"

namespace plugins::stats {

std::vector<storage::migration> schema();

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    /// Adds a day's gains to its rows (upserts the group day and each member's day).
    void add(std::string const& group, bot::civil_date day, day_delta const& d);
    /// Records the group's size at the close of `day`.
    void set_size(std::string const& group, bot::civil_date day, int size);

    std::vector<day_counts> counts(std::string const& group, bot::civil_date from, bot::civil_date to);
    std::vector<member_day> members(std::string const& group, bot::civil_date from, bot::civil_date to);
    /// The first day with any figure for the group.
    std::optional<bot::civil_date> first_day(std::string const& group);

    /// Members who took themselves off the top-talker board.
    std::set<std::string> opted_out(std::string const& group);
    void set_opt_out(std::string const& group, std::string const& user, bool out, std::int64_t at);

    /// Claims the weekly report of the week ending `last`; false when it was already claimed.
    bool claim_report(std::string const& group, bot::civil_date last, std::int64_t at);
    /// Records how many admins the claimed report reached.
    void set_report_reach(std::string const& group, bot::civil_date last, int reached);
    struct report_row {
        bot::civil_date last;
        std::int64_t at = 0;
        int reached = 0;
    };
    std::vector<report_row> reports(std::string const& group, int limit);

private:
    storage::database& db_;
};

}  // namespace plugins::stats
