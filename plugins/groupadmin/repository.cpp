#include "plugins/groupadmin/repository.hpp"

namespace plugins::groupadmin {

namespace {

constexpr char const* schema_v1 = R"sql(
CREATE TABLE groupadmin_night(
    group_key TEXT PRIMARY KEY,
    muted INTEGER NOT NULL,
    changed_at INTEGER NOT NULL) WITHOUT ROWID;
)sql";

constexpr char const* put_sql =
    "INSERT INTO groupadmin_night(group_key, muted, changed_at) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(group_key) DO UPDATE SET muted = excluded.muted, changed_at = excluded.changed_at";
constexpr char const* get_sql = "SELECT group_key, muted, changed_at FROM groupadmin_night WHERE group_key = ?1";
constexpr char const* all_sql = "SELECT group_key, muted, changed_at FROM groupadmin_night ORDER BY group_key";

night_state read(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getInt() != 0, q.getColumn(2).getInt64()};
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

void repository::put(std::string const& group, bool on, std::int64_t at) {
    auto& q = db_.prepare(put_sql);
    q.bind(1, group);
    q.bind(2, on ? 1 : 0);
    q.bind(3, at);
    q.exec();
}

std::optional<night_state> repository::get(std::string const& group) {
    auto& q = db_.prepare(get_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    if (!q.executeStep()) return std::nullopt;
    return read(q);
}

std::vector<night_state> repository::all() {
    auto& q = db_.prepare(all_sql);
    storage::statement_guard guard{q};
    std::vector<night_state> out;
    while (q.executeStep()) out.push_back(read(q));
    return out;
}

}  // namespace plugins::groupadmin
