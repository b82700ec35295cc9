#pragma once
/// The welcome plugin's SQL: the join/leave record, members, the welcome queue, profiles, pending
/// verifications, per-group rules, join requests and guided introductions in progress.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugins/welcome/intake.hpp"
#include "storage/database.hpp"

namespace plugins::welcome {

/// A newcomer waiting for the merged welcome of their group. `kind` is "welcome" or "verify".
struct queued {
    std::string user;  ///< encoded ID
    std::string name;
    std::string kind;
    std::int64_t at = 0;
};

/// A newcomer asked to verify. `state` is "pending", "passed", "failed" (removed) or "held" (failed,
/// left to the admins' `/verify pass` or `/verify kick`).
struct pending_check {
    std::string group_key;
    std::string user;  ///< encoded ID
    std::string name;
    std::string question;
    std::string answers;  ///< "\n"-separated
    int tries_left = 0;
    std::int64_t deadline = 0;
    bool muted = false;
    std::string state = "pending";
};

/// A join request as recorded. `state`: "open", "approved", "rejected".
struct request_row {
    std::int64_t id = 0;
    std::string group_key;
    std::string user;  ///< encoded ID
    std::string comment;
    std::string flag;  ///< encoded ID
    std::string state;
    std::int64_t at = 0;
};

/// Joins and leaves counted over a period, for the stats.
struct log_counts {
    int joins = 0;
    int leaves = 0;
    int kicked = 0;
};

/// One line of the join/leave record. `kind`: "join", "leave" or "kick"; `how` as the platform
/// said it ("approve", "invite"); `op` the encoded operator (who invited, approved or removed).
struct log_row {
    std::string user;  ///< encoded ID
    std::string kind;
    std::string how;
    std::string op;
    std::int64_t at = 0;
};

/// A guided introduction in progress: in which chat, at which field, until when.
struct guided_state {
    std::string chat;
    int field_index = 0;
    std::int64_t deadline = 0;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    /// Claims the notice `what` for a group: true the first time only, ever.
    bool first_notice(std::string const& group_key, std::string const& what, std::int64_t at);

    void log(std::string const& group_key, std::string const& user, std::string const& kind, std::string const& how,
             std::string const& op, std::int64_t at);
    log_counts counts_since(std::string const& group_key, std::int64_t since);
    /// The newest `limit` lines of the group's join/leave record, newest first.
    std::vector<log_row> recent_log(std::string const& group_key, std::int64_t limit);
    /// The lines since `since` (kind and time only), oldest first, for counting by day.
    std::vector<log_row> log_since(std::string const& group_key, std::int64_t since);

    void member_joined(std::string const& group_key, std::string const& user, std::string const& name, std::int64_t at);
    void member_left(std::string const& group_key, std::string const& user, std::int64_t at);
    /// Records a member who speaks up before the bot saw them join (they were there first).
    void member_seen(std::string const& group_key, std::string const& user, std::string const& name, std::int64_t at);
    bool is_member(std::string const& group_key, std::string const& user);
    int member_count(std::string const& group_key);
    std::optional<std::string> name_of(std::string const& group_key, std::string const& user);

    void enqueue(std::string const& group_key, queued const& q);
    /// Takes (and removes) everyone waiting for a welcome in the group, in join order.
    std::vector<queued> take_queue(std::string const& group_key);
    void drop_queued(std::string const& group_key, std::string const& user);
    int queued_count(std::string const& group_key);

    std::optional<profile> find_profile(std::string const& platform, std::string const& user);
    /// Stores the given fields (others stay) and the member's current name.
    void save_profile(std::string const& platform, std::string const& user, std::string const& name,
                      profile_values const& values, std::int64_t at);
    /// Sets one field; an empty value clears it.
    void set_field(std::string const& platform, std::string const& user, std::string const& name,
                   std::string const& field, std::string const& value, std::int64_t at);
    void delete_profile(std::string const& platform, std::string const& user);
    /// Profiles of the group's current members, oldest first.
    std::vector<profile> directory(std::string const& group_key, std::string const& platform);

    void put_pending(pending_check const& p);
    std::optional<pending_check> pending(std::string const& group_key, std::string const& user);
    /// The group's verifications still open ("pending", or "held" for the admins), oldest deadline first.
    std::vector<pending_check> open_checks(std::string const& group_key);
    /// The member's pending verifications on one platform, in any group.
    std::vector<pending_check> pending_of(std::string const& platform, std::string const& user);
    void set_tries(std::string const& group_key, std::string const& user, int tries_left);
    void set_state(std::string const& group_key, std::string const& user, std::string const& state);
    void drop_pending(std::string const& group_key, std::string const& user);

    std::optional<std::vector<std::string>> rules(std::string const& group_key);
    void set_rules(std::string const& group_key, std::vector<std::string> const& lines);
    void reset_rules(std::string const& group_key);

    std::int64_t add_request(request_row const& r);
    std::optional<request_row> request(std::string const& group_key, std::int64_t id);
    std::vector<request_row> open_requests(std::string const& group_key);
    void set_request_state(std::int64_t id, std::string const& state);

    void set_guided(std::string const& platform, std::string const& user, guided_state const& g);
    std::optional<guided_state> guided(std::string const& platform, std::string const& user);
    void drop_guided(std::string const& platform, std::string const& user);

private:
    storage::database& db_;
    /// Read on every message, written rarely: whether a group has verification rows at all, and
    /// whether a platform has a guided introduction in progress. Unknown until read; a write
    /// forgets its entry (and so does a rollback of its transaction); a read inside a transaction
    /// is not kept, as what it saw may not be committed.
    std::unordered_map<std::string, bool> any_pending_;  ///< by group key
    std::unordered_map<std::string, bool> any_guided_;   ///< by platform
    /// Whether `sql` (taking `key` as ?1) finds a row, through `known`.
    bool may_have_rows(std::unordered_map<std::string, bool>& known, std::string const& sql, std::string const& key);
    void forget(std::unordered_map<std::string, bool>& known, std::string const& key);
};

}  // namespace plugins::welcome
