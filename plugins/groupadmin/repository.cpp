#include "plugins/groupadmin/repository.hpp"

namespace plugins::groupadmin {

namespace {

constexpr char const* schema_v1 = R"sql(
CREATE TABLE groupadmin_night(
    group_key TEXT PRIMARY KEY,
    muted INTEGER NOT NULL,
    changed_at INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// One row per group day and one per group day and member who spoke: bounded by the days kept.
constexpr char const* schema_v2 = R"sql(
CREATE TABLE groupadmin_activity_days(
    group_key TEXT NOT NULL,
    day TEXT NOT NULL,
    messages INTEGER NOT NULL,
    members INTEGER NOT NULL,
    PRIMARY KEY(group_key, day)) WITHOUT ROWID;
CREATE TABLE groupadmin_activity_members(
    group_key TEXT NOT NULL,
    day TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY(group_key, day, user)) WITHOUT ROWID;
CREATE INDEX groupadmin_activity_by_user ON groupadmin_activity_members(group_key, user, day);
)sql";

// A member's day is one row in one tree: the index by member doubled the pages each new member-day
// wrote (and the checkpoint copied), and the one read it served walks the group's days instead.
constexpr char const* schema_v3 = R"sql(
DROP INDEX groupadmin_activity_by_user;
)sql";

constexpr char const* put_sql =
    "INSERT INTO groupadmin_night(group_key, muted, changed_at) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(group_key) DO UPDATE SET muted = excluded.muted, changed_at = excluded.changed_at";
constexpr char const* get_sql = "SELECT group_key, muted, changed_at FROM groupadmin_night WHERE group_key = ?1";
constexpr char const* all_sql = "SELECT group_key, muted, changed_at FROM groupadmin_night ORDER BY group_key";

constexpr char const* day_known_sql = "SELECT 1 FROM groupadmin_activity_days WHERE group_key = ?1 AND day = ?2";
constexpr char const* member_day_sql =
    "INSERT INTO groupadmin_activity_members(group_key, day, user, name) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";
constexpr char const* count_day_sql =
    "INSERT INTO groupadmin_activity_days(group_key, day, messages, members) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key, day) DO UPDATE SET messages = messages + excluded.messages, "
    "members = members + excluded.members";
constexpr char const* prune_days_sql = "DELETE FROM groupadmin_activity_days WHERE group_key = ?1 AND day < ?2";
constexpr char const* prune_members_sql = "DELETE FROM groupadmin_activity_members WHERE group_key = ?1 AND day < ?2";
constexpr char const* activity_sql =
    "SELECT day, messages, members FROM groupadmin_activity_days WHERE group_key = ?1 AND day >= ?2 AND day <= ?3 "
    "ORDER BY day";
// The group's days newest first, each one lookup of the member in that day (at most the days kept).
constexpr char const* known_name_sql =
    "SELECT m.name FROM groupadmin_activity_days d JOIN groupadmin_activity_members m "
    "ON m.group_key = d.group_key AND m.day = d.day AND m.user = ?2 "
    "WHERE d.group_key = ?1 ORDER BY d.day DESC LIMIT 1";

night_state read(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getInt() != 0, q.getColumn(2).getInt64()};
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}, {2, schema_v2}, {3, schema_v3}};
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

namespace plugins::groupadmin {

void repository::count_message(std::string const& group, std::string const& day, std::string const& user,
                               std::string const& name, std::string const& keep_from) {
    auto& c = unwritten_[group + "\n" + day];
    if (c.messages == 0) {
        c.group = group;
        c.day = day;
        c.keep_from = keep_from;
    }
    ++c.messages;
    if (!user.empty() && c.users.insert(user).second) c.members.emplace_back(user, name);
    if (changed_) {
        changed_();
        return;
    }
    auto one = std::move(unwritten_);
    unwritten_.clear();
    db_.immediate([&] {
        for (auto const& [key, counts] : one) write_day(counts);
    });
}

void repository::write_counts() {
    for (auto const& [key, counts] : unwritten_) write_day(counts);
}

void repository::write_day(day_counts const& c) {
    bool new_day = false;
    {
        auto& q = db_.prepare(day_known_sql);
        storage::statement_guard guard{q};
        q.bind(1, c.group);
        q.bind(2, c.day);
        new_day = !q.executeStep();
    }
    std::int64_t new_members = 0;
    for (auto const& [user, name] : c.members) {
        auto& q = db_.prepare(member_day_sql);
        storage::statement_guard guard{q};
        q.bind(1, c.group);
        q.bind(2, c.day);
        q.bind(3, user);
        q.bind(4, name);
        new_members += q.exec() > 0 ? 1 : 0;
    }
    {
        auto& q = db_.prepare(count_day_sql);
        storage::statement_guard guard{q};
        q.bind(1, c.group);
        q.bind(2, c.day);
        q.bind(3, c.messages);
        q.bind(4, new_members);
        q.exec();
    }
    if (!new_day) return;
    for (auto const* sql : {prune_days_sql, prune_members_sql}) {
        auto& q = db_.prepare(sql);
        storage::statement_guard guard{q};
        q.bind(1, c.group);
        q.bind(2, c.keep_from);
        q.exec();
    }
}

std::vector<activity_day> repository::activity(std::string const& group, std::string const& from,
                                               std::string const& to) {
    flush();
    auto& q = db_.prepare(activity_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, from);
    q.bind(3, to);
    std::vector<activity_day> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
    return out;
}

std::optional<std::string> repository::known_name(std::string const& group, std::string const& user) {
    flush();
    auto& q = db_.prepare(known_name_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
}

}  // namespace plugins::groupadmin
