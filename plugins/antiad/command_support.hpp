#pragma once
/// What the admin commands share: looking up the member they act on, and small helpers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/session.hpp"
#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

/// A member as the group knows them, and whether the bot must not act on them.
struct target_info {
    std::string name;
    bool protected_member = false;  ///< an admin, the owner, a superuser or the bot itself
};

/// The member's display name and standing, from the platform where it can tell.
bot::task<target_info> look_up(bot::session& s, bot::id const& user);

/// A manual action, written to the audit log like the automatic ones.
finding manual(std::string const& rule, std::string const& reason);

/// A lower-case host name such as "docs.example.org".
bool valid_domain(std::string const& d);

/// An incident number as the log shows it: "#12", "＃12" or "12"; nullopt for anything else.
std::optional<std::int64_t> incident_number(std::string_view word);

/// "03-02 09:00" in the group's time zone.
std::string local_stamp(bot::session const& s, std::int64_t at);

inline std::int64_t unix_now(bot::session const& s) {
    return s.now().time_since_epoch().count();
}

}  // namespace plugins::antiad
