#pragma once
/// The anti-ad plugin's SQL. Users are stored in bot::id's lossless encoding.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "plugins/antiad/detect.hpp"

namespace storage {
class database;
}

namespace plugins::antiad {

/// One audit log line: who did what to whom, under which rule, on what text.
struct log_entry {
    std::int64_t id = 0;
    std::string group;
    bot::id user;
    std::string actor;   ///< "bot" or the admin's ID
    std::string action;  ///< "recall", "warn", "mute 10m", "kick", "report", "dry-run", ...
    std::string rule;
    std::string original;
    std::string normalized;
    std::string detail;
    std::int64_t at = 0;
    std::int64_t incident = 0;  ///< the incident the row belongs to; 0 for an admin's own command
};

/// One message acted on: what fired on it and what was done, so an admin can take it back.
struct incident {
    std::int64_t id = 0;
    std::string group;
    bot::id user;
    std::string name;
    std::string rule;
    std::string matched;
    std::string original;
    std::string normalized;
    std::int64_t strike = 0;  ///< the strike it recorded, 0 for none
    std::int64_t muted = 0;   ///< seconds of the mute it caused, 0 for none
    bool kicked = false;
    bool cleared = false;
    std::int64_t at = 0;
};

/// What an admin taught a group: a text that passes (`pass`) or an ad sample (`sample`).
struct learned_entry {
    std::int64_t id = 0;
    std::string group;   ///< the group it applies to, or "*" for every group that learns globally
    std::string source;  ///< the group where it was taught
    std::string kind;    ///< "pass" or "sample"
    std::string normalized;
    std::string original;
    std::string actor;
    std::int64_t at = 0;
};

struct strike {
    std::int64_t id = 0;
    std::string rule;
    std::string reason;
    std::string actor;
    std::int64_t at = 0;
};

/// A member with warnings still counting in a group, for the admin console.
struct warned_member {
    bot::id user;
    std::int64_t count = 0;
    std::int64_t last_at = 0;
    std::string last_reason;
};

struct newcomer {
    std::int64_t joined_at = 0;
    std::int64_t messages = 0;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    void log(log_entry const& e);
    std::vector<log_entry> recent_log(std::string const& group, std::int64_t limit);
    /// The newest `limit` entries of the log, newest first, where an entry is all the rows of one
    /// incident (oldest first) or one row outside any incident.
    std::vector<std::vector<log_entry>> recent_incidents(std::string const& group, std::int64_t limit);

    std::int64_t open_incident(incident const& i);
    /// Remembers that `message` (an encoded message ID) is about the incident.
    void link_message(std::int64_t incident, std::string const& message);
    /// Writes strike, muted, kicked and cleared back.
    void update_incident(incident const& i);
    std::optional<incident> find_incident(std::int64_t id);
    /// The newest incident a message (the member's, or the bot's warning or report) is about.
    std::optional<incident> incident_by_message(std::string const& message);
    /// The name each member had in their newest incident in the group, by encoded user ID.
    std::map<std::string, std::string> incident_names(std::string const& group);

    /// Stores a learned entry; for samples, keeps only the newest `keep` of the group (or global list).
    std::int64_t learn(learned_entry const& e, std::int64_t keep);
    /// The entries of one kind for a group ("*" for the global list), oldest first.
    std::vector<learned_entry> learned(std::string const& group, std::string const& kind);
    /// What a group taught or may forget: its own entries and the global ones taught there.
    std::vector<learned_entry> learned_by(std::string const& group);
    bool forget(std::string const& group, std::int64_t id);
    /// Removes the samples with this normalised text taught in the group (its own and global ones).
    std::int64_t forget_samples(std::string const& group, std::string const& normalized);

    std::int64_t add_strike(std::string const& group, bot::id const& user, strike const& s);
    /// Strikes not revoked and newer than `since`, oldest first.
    std::vector<strike> strikes(std::string const& group, bot::id const& user, std::int64_t since);
    /// Revokes the newest active strike; false when there is none.
    bool revoke_last_strike(std::string const& group, bot::id const& user, std::int64_t since);
    /// Revokes one strike by its ID; false when it was already revoked or is unknown.
    bool revoke_strike(std::int64_t id);
    /// Members with strikes not revoked and newer than `since`, most recently warned first (at most `limit`).
    std::vector<warned_member> warned(std::string const& group, std::int64_t since, std::int64_t limit);

    void approve(std::string const& group, bot::id const& user, std::string const& actor, std::int64_t at);
    bool unapprove(std::string const& group, bot::id const& user);
    std::vector<bot::id> approved(std::string const& group);

    void allow(std::string const& group, std::string const& domain, std::string const& actor, std::int64_t at);
    bool disallow(std::string const& group, std::string const& domain);
    std::vector<std::string> allowed(std::string const& group);

    std::int64_t add_rule(std::string const& group, std::string const& pattern, std::string const& actor,
                          std::int64_t at);
    bool remove_rule(std::string const& group, std::int64_t id);
    std::vector<admin_rule> rules(std::string const& group);

    void joined(std::string const& group, bot::id const& user, std::int64_t at);
    std::optional<newcomer> find_newcomer(std::string const& group, bot::id const& user);
    void count_message(std::string const& group, bot::id const& user);
    void forget_newcomer(std::string const& group, bot::id const& user);
    /// Every newcomer still under strict rules, keyed "group|encoded user".
    std::vector<std::pair<std::string, newcomer>> all_newcomers();

    /// Remembers a known ad image's perceptual hash; false when the group already had it.
    bool add_image_hash(std::string const& group, std::uint64_t hash, std::string const& actor, std::int64_t at);
    /// Forgets one; false when the group did not have it.
    bool remove_image_hash(std::string const& group, std::uint64_t hash);
    /// The group's known ad image hashes, oldest first.
    std::vector<std::uint64_t> image_hashes(std::string const& group);

private:
    storage::database& db_;
};

}  // namespace plugins::antiad
