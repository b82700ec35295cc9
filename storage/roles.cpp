#include "storage/roles.hpp"

#include "storage/database.hpp"

namespace storage {
namespace {

constexpr char const* roles_owner = "roles";

constexpr char const* schema_v1 = R"sql(
CREATE TABLE bot_roles(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    role TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, user, role)) WITHOUT ROWID;
)sql";

constexpr char const* grant_sql =
    "INSERT INTO bot_roles(group_key, user, role, granted_by, at) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(group_key, user, role) DO NOTHING";
constexpr char const* revoke_sql = "DELETE FROM bot_roles WHERE group_key = ?1 AND user = ?2 AND role = ?3";
constexpr char const* holds_sql = "SELECT 1 FROM bot_roles WHERE group_key = ?1 AND user = ?2 AND role = ?3";
constexpr char const* grants_sql =
    "SELECT user, role, granted_by, at FROM bot_roles WHERE group_key = ?1 ORDER BY at, user, role";
constexpr char const* forget_sql = "DELETE FROM bot_roles WHERE group_key = ?1 AND user = ?2";

}  // namespace

role_book::role_book(database& db) : db_(db) { db_.migrate(roles_owner, {{1, schema_v1}}); }

bool role_book::grant(std::string const& group, role_grant const& g) {
    auto& q = db_.prepare(grant_sql);
    q.bind(1, group);
    q.bind(2, g.user);
    q.bind(3, g.role);
    q.bind(4, g.granted_by);
    q.bind(5, g.at);
    return q.exec() > 0;
}

bool role_book::revoke(std::string const& group, std::string const& user, std::string const& role) {
    auto& q = db_.prepare(revoke_sql);
    q.bind(1, group);
    q.bind(2, user);
    q.bind(3, role);
    return q.exec() > 0;
}

bool role_book::holds(std::string const& group, std::string const& user, std::string const& role) {
    auto& q = db_.prepare(holds_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user);
    q.bind(3, role);
    return q.executeStep();
}

std::vector<role_grant> role_book::grants(std::string const& group) {
    auto& q = db_.prepare(grants_sql);
    statement_guard guard{q};
    q.bind(1, group);
    std::vector<role_grant> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getInt64()});
    return out;
}

void role_book::forget(std::string const& group, std::string const& user) {
    auto& q = db_.prepare(forget_sql);
    q.bind(1, group);
    q.bind(2, user);
    q.exec();
}

}  // namespace storage
