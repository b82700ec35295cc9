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

// Who spoke on which day moved to the core's presence record (one row per member, not one per
// member day): each member's last day and name there, their first day kept; the table goes.
constexpr char const* schema_v4 = R"sql(
INSERT INTO member_presence(group_key, user, name, first_day, last_spoke, present)
SELECT m.group_key, m.user, m.name,
       CAST(julianday(a.first) - julianday('1970-01-01') AS INTEGER),
       CAST(julianday(a.last) - julianday('1970-01-01') AS INTEGER), 1
FROM (SELECT group_key, user, min(day) AS first, max(day) AS last
      FROM groupadmin_activity_members GROUP BY group_key, user) a
JOIN groupadmin_activity_members m ON m.group_key = a.group_key AND m.day = a.last AND m.user = a.user
WHERE true
ON CONFLICT(group_key, user) DO UPDATE SET
    name = CASE WHEN last_spoke IS NULL OR last_spoke <= excluded.last_spoke THEN excluded.name ELSE name END,
    last_spoke = max(coalesce(last_spoke, excluded.last_spoke), excluded.last_spoke),
    first_day = min(first_day, excluded.first_day);
DROP TABLE groupadmin_activity_members;
)sql";


constexpr char const* put_sql =
    "INSERT INTO groupadmin_night(group_key, muted, changed_at) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(group_key) DO UPDATE SET muted = excluded.muted, changed_at = excluded.changed_at";
constexpr char const* get_sql = "SELECT group_key, muted, changed_at FROM groupadmin_night WHERE group_key = ?1";
constexpr char const* all_sql = "SELECT group_key, muted, changed_at FROM groupadmin_night ORDER BY group_key";

constexpr char const* count_day_sql =
    "INSERT INTO groupadmin_activity_days(group_key, day, messages, members) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key, day) DO UPDATE SET messages = messages + excluded.messages, "
    "members = members + excluded.members";
constexpr char const* prune_days_sql = "DELETE FROM groupadmin_activity_days WHERE group_key = ?1 AND day < ?2";
constexpr char const* activity_sql =
    "SELECT day, messages, members FROM groupadmin_activity_days WHERE group_key = ?1 AND day >= ?2 AND day <= ?3 "
    "ORDER BY day";
night_state read(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getInt() != 0, q.getColumn(2).getInt64()};
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}, {2, schema_v2}, {3, schema_v3}, {4, schema_v4}};
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

void repository::count_message(std::string const& group, std::string const& day, std::string const& keep_from) {
    auto& c = unwritten_[group + "\n" + day];
    if (c.messages == 0) {
        c.group = group;
        c.day = day;
        c.keep_from = keep_from;
    }
    ++c.messages;
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

void repository::add(std::string const& group, std::string const& day, std::int64_t messages, std::int64_t members) {
    auto& q = db_.prepare(count_day_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, day);
    q.bind(3, messages);
    q.bind(4, members);
    q.exec();
}

void repository::write_day(day_counts const& c) {
    add(c.group, c.day, c.messages, 0);
    // A group's first write of a day (in this process) drops the days before the window.
    auto& pruned = pruned_on_[c.group];
    if (pruned == c.day) return;
    auto& q = db_.prepare(prune_days_sql);
    storage::statement_guard guard{q};
    q.bind(1, c.group);
    q.bind(2, c.keep_from);
    q.exec();
    pruned = c.day;
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

}  // namespace plugins::groupadmin
