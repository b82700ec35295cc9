#include "storage/mutes.hpp"

#include "storage/database.hpp"

namespace storage {
namespace {

constexpr char const* mutes_owner = "mutes";

constexpr char const* schema_v1 = R"sql(
CREATE TABLE bot_mutes(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    until INTEGER NOT NULL,
    at INTEGER NOT NULL,
    why TEXT NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
)sql";

constexpr char const* upsert_sql =
    "INSERT INTO bot_mutes(group_key, user, until, at, why) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(group_key, user) DO UPDATE SET until = excluded.until, at = excluded.at, why = excluded.why";
constexpr char const* delete_sql = "DELETE FROM bot_mutes WHERE group_key = ?1 AND user = ?2";
constexpr char const* prune_sql = "DELETE FROM bot_mutes WHERE group_key = ?1 AND until <= ?2";
constexpr char const* running_sql =
    "SELECT user, until, at, why FROM bot_mutes WHERE group_key = ?1 AND until > ?2 ORDER BY until, user";

}  // namespace

mute_log::mute_log(database& db) : db_(db) { db_.migrate(mutes_owner, {{1, schema_v1}}); }

void mute_log::record(std::string const& group, std::string const& user, std::int64_t until, std::string const& why,
                      std::int64_t at) {
    if (until <= at) {
        forget(group, user);
        return;
    }
    auto& q = db_.prepare(upsert_sql);
    q.bind(1, group);
    q.bind(2, user);
    q.bind(3, until);
    q.bind(4, at);
    q.bind(5, why);
    q.exec();
}

void mute_log::forget(std::string const& group, std::string const& user) {
    auto& q = db_.prepare(delete_sql);
    q.bind(1, group);
    q.bind(2, user);
    q.exec();
}

std::vector<mute_row> mute_log::running(std::string const& group, std::int64_t now) {
    {
        auto& prune = db_.prepare(prune_sql);
        prune.bind(1, group);
        prune.bind(2, now);
        prune.exec();
    }
    auto& q = db_.prepare(running_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, now);
    std::vector<mute_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                       q.getColumn(3).getString()});
    return out;
}

}  // namespace storage
