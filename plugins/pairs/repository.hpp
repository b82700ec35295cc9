#pragma once
/// The pairs plugin's SQL: enrolment, cycles, who is in which group (kept as the history of
/// partners), the profile fields it matches on, and the nudges already sent.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"
#include "plugins/pairs/grouping.hpp"
#include "storage/database.hpp"

namespace plugins::pairs {

/// The schema steps (owner "pairs").
std::vector<storage::migration> const& schema();

/// One cycle of groups in a chat group.
struct cycle_row {
    std::int64_t number = 0;
    int size = 2;
    int days = 7;
    bot::civil_date start;
    bot::civil_date end;  ///< the last group day of the cycle (earlier when it was ended early)
    bool running = true;
};

/// A member's place in a cycle.
struct placed {
    bot::id user;
    std::string name;
    int team = 0;
    bot::civil_date since;  ///< the first group day they count for their group (a late joiner's)
};

/// A member who joined (or left) the pairs with a command.
struct enrolment {
    bot::id user;
    std::string name;
    bool joined = true;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    std::optional<cycle_row> running(std::string const& g);
    /// The latest cycle whose days include `day` (running or not).
    std::optional<cycle_row> covering(std::string const& g, bot::civil_date day);
    /// The number the next cycle gets.
    std::int64_t next_number(std::string const& g);
    void add_cycle(std::string const& g, cycle_row const& c, std::int64_t at);
    /// Ends a running cycle with `last` as its last day; false when it was no longer running.
    bool end_cycle(std::string const& g, std::int64_t number, bot::civil_date last, std::int64_t at);

    void place(std::string const& g, std::int64_t cycle, placed const& p);
    /// The members still in a cycle's groups, by group then user.
    std::vector<placed> members_of(std::string const& g, std::int64_t cycle);
    /// Takes a member out of the cycle (kept in the history of partners).
    void remove(std::string const& g, std::int64_t cycle, bot::id const& user);
    void move(std::string const& g, std::int64_t cycle, bot::id const& user, int team);
    /// Who was in one group with whom in the cycles from `upto` - count + 1 to `upto`.
    pair_history history(std::string const& g, std::int64_t upto, int count);

    void enrol(std::string const& g, bot::id const& user, std::string const& name, bool joined, std::int64_t at);
    std::vector<enrolment> enrolments(std::string const& g);

    /// One profile field of a member; an empty value removes it.
    void put_profile(std::string const& g, bot::id const& user, std::string const& label, std::string const& value);
    /// user → label → value, for a group.
    std::map<bot::id, std::map<std::string, std::string>> profiles(std::string const& g);

    /// Claims the nudge of `user` for a group day; false when it was sent (or claimed) before.
    bool claim_nudge(std::string const& g, bot::civil_date day, bot::id const& user, std::int64_t at);

private:
    storage::database& db_;
};

}  // namespace plugins::pairs
