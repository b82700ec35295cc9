#pragma once
/// The plugin's tables and SQL: nominations (pending until a vote takes them), weeks (one row per
/// vote opened, the "posted once" claim), votes (one per member per week by primary key) and
/// rewards (one per group-week: owed, granted from the fund, paid out).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/migration.hpp"

namespace storage {
class database;
}

namespace plugins::bestshare {

std::vector<storage::migration> const& schema();

struct nomination_row {
    std::int64_t id = 0;
    std::string group_key;
    std::string week;  ///< the vote that took it; empty while pending (the next vote takes it)
    int num = 0;       ///< per group, never reused: what members vote with
    std::string nominee;  ///< encoded user id
    std::string nominee_name;
    std::string nominator;  ///< encoded user id; empty for a check-in that nominated itself
    std::string nominator_name;
    std::string source;  ///< "reply", "mention" or "checkin"
    std::string dedupe;  ///< unique per group and week: the quoted message, the member's check-in, ...
    std::string text;
    std::int64_t at = 0;
    int votes = 0;  ///< filled by the queries that count them
};

struct week_row {
    std::string group_key;
    std::string week;  ///< the local date the vote opened ("2026-03-08")
    int num = 0;       ///< 第 N 期; 0 for a week without nominees (nothing was posted)
    std::int64_t opened_at = 0;
    std::int64_t closes_at = 0;
    std::optional<std::int64_t> closed_at;
    std::optional<std::int64_t> winner;  ///< nomination id
    int nominees = 0;
};

enum class reward_state { owed, granted, paid };
std::string state_name(reward_state s);

struct reward_row {
    std::string group_key;
    std::string week;
    int num = 0;
    std::string winner;  ///< encoded user id
    std::string winner_name;
    std::int64_t amount = 0;  ///< fen
    reward_state state = reward_state::owed;
    std::int64_t decided_at = 0;
    std::optional<std::int64_t> granted_at;
    std::optional<std::int64_t> paid_at;
    std::string paid_by;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    /// Adds a pending nomination with the group's next number; nullopt when its dedupe key is taken.
    std::optional<nomination_row> add_nomination(nomination_row n);
    std::vector<nomination_row> pending(std::string const& g);
    /// A week's nominations with their votes, by number.
    std::vector<nomination_row> nominations_of(std::string const& g, std::string const& week);
    std::optional<nomination_row> nomination(std::string const& g, int num);
    std::optional<nomination_row> nomination_by_id(std::int64_t id);
    /// Removes a nomination and the votes for it.
    void remove_nomination(std::int64_t id);
    /// Gives every pending nomination to `week`; returns how many.
    int claim_pending(std::string const& g, std::string const& week);

    /// Records a week's vote; false when the week already has its row (a repeated job, a restart).
    bool open_week(week_row const& w);
    std::optional<week_row> week(std::string const& g, std::string const& week);
    std::optional<week_row> week_by_num(std::string const& g, int num);
    std::optional<week_row> voting(std::string const& g);
    /// The group's weeks with nominees, newest first (0 = all).
    std::vector<week_row> weeks(std::string const& g, int limit = 0);
    int next_week_num(std::string const& g);
    /// Closes a voting week with its winner; false when it was closed before.
    bool close_week(std::string const& g, std::string const& week, std::int64_t at, std::optional<std::int64_t> winner);

    /// One vote per member per week; false when the member has voted.
    bool vote(std::string const& g, std::string const& week, std::string const& voter, std::string const& name,
              std::int64_t nomination, std::int64_t at);
    std::optional<std::int64_t> vote_of(std::string const& g, std::string const& week, std::string const& voter);
    int voters(std::string const& g, std::string const& week);
    /// (voter name, nomination number) of a week, in voting order.
    std::vector<std::pair<std::string, int>> ballots(std::string const& g, std::string const& week);

    /// One reward per group-week; false when the week has one.
    bool add_reward(reward_row const& r);
    std::optional<reward_row> reward(std::string const& g, std::string const& week);
    /// The group's rewards in one state, oldest first.
    std::vector<reward_row> rewards(std::string const& g, reward_state s);
    /// Moves a reward from one state to another; false when it was not in `from`.
    bool move_reward(std::string const& g, std::string const& week, reward_state from, reward_state to,
                     std::int64_t at, std::string const& by);

private:
    storage::database& db_;
};

}  // namespace plugins::bestshare
