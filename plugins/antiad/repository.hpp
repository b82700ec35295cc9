#pragma once
/// The anti-ad plugin's SQL. Users are stored in bot::id's lossless encoding.

#include <cstdint>
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
};

struct strike {
    std::int64_t id = 0;
    std::string rule;
    std::string reason;
    std::string actor;
    std::int64_t at = 0;
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

    std::int64_t add_strike(std::string const& group, bot::id const& user, strike const& s);
    /// Strikes not revoked and newer than `since`, oldest first.
    std::vector<strike> strikes(std::string const& group, bot::id const& user, std::int64_t since);
    /// Revokes the newest active strike; false when there is none.
    bool revoke_last_strike(std::string const& group, bot::id const& user, std::int64_t since);

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
