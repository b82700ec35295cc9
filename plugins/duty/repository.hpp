#pragma once
/// The duty plugin's SQL: the roster and rotation, the KPI written in batches, and the record of
/// what was sent.

#include <map>
#include <optional>
#include <set>
#include <string>

#include "plugins/duty/kpi.hpp"
#include "plugins/duty/rotation.hpp"

namespace storage {
class database;
}

namespace plugins::duty {

/// A group's roster as stored: the rotation and the names shown for its members.
struct roster {
    rotation rot;
    std::map<bot::id, std::string> names;
    bool stored = false;  ///< false: the group never had a roster (rot.kind is the default)
};

/// One shift's figures, as stored plus what is still pending.
struct shift_figures {
    std::string shift;
    bot::civil_date first_day;
    std::int64_t messages = 0;
    std::set<bot::id> senders;
    std::map<bot::id, std::pair<std::int64_t, std::int64_t>> admin;  ///< questions, moderation
};

/// "day 2026-03-02" → 2026-03-02.
bot::civil_date first_day_of_key(std::string const& shift);

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    roster load(std::string const& group, mode fallback);
    /// Replaces the group's roster, rotation and overrides (call inside a transaction).
    void save(std::string const& group, roster const& r);
    /// Adds a batch of counts (call inside a transaction).
    void add(std::map<std::pair<std::string, std::string>, shift_tally> const& batch);
    /// Records that `what` was sent in the group; false when it already was.
    bool claim(std::string const& group, std::string const& what, std::int64_t at);
    /// The stored figures of the shifts that began on the dates [from, to].
    std::map<std::string, shift_figures> figures(std::string const& group, bot::civil_date from, bot::civil_date to);

private:
    storage::database& db_;
};

}  // namespace plugins::duty
