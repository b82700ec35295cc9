#pragma once
/// Bot-level roles granted to members per group (`/role grant @x 分管`): rights the bot gives on
/// its own commands, between a member and a platform admin, because platforms cap the number of
/// real admins. Only permanent grants are stored here; roles held for a time (a duty shift) come
/// from plugins (see bot::core::add_role_source).

#include <cstdint>
#include <string>
#include <vector>

namespace storage {

class database;  // storage/database.hpp: only storage and plugin repositories see SQLiteCpp

/// One stored grant.
struct role_grant {
    std::string user;        ///< the member's ID, encoded (bot::id::encode)
    std::string role;        ///< the role's name ("moderator")
    std::string granted_by;  ///< the admin's ID, encoded, or "console"
    std::int64_t at = 0;     ///< unix seconds
};

class role_book {
public:
    explicit role_book(database& db);

    /// Grants `role` to `user` in `group`; false when they already hold it (nothing changes).
    bool grant(std::string const& group, role_grant const& g);
    /// Takes `role` from `user` in `group`; false when they did not hold it.
    bool revoke(std::string const& group, std::string const& user, std::string const& role);
    bool holds(std::string const& group, std::string const& user, std::string const& role);
    /// The grants of a group, oldest first.
    std::vector<role_grant> grants(std::string const& group);
    /// Forgets every grant of a member in a group (they left it).
    void forget(std::string const& group, std::string const& user);

private:
    database& db_;
};

}  // namespace storage
