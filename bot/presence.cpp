#include "bot/presence.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace bot {

namespace {

// One row per group and member. A member's first message of a day rewrites their row; the other
// messages of that day are answered from memory and write nothing.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE member_presence(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    first_day INTEGER NOT NULL,
    last_spoke INTEGER,
    joined INTEGER,
    present INTEGER NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
)sql";

// Only a later day changes the row, so the changes it makes count each member's first words of a
// day once, however often the shortcut forgot them, and a late message never moves a day back.
constexpr char const* spoke_sql =
    "INSERT INTO member_presence(group_key, user, name, first_day, last_spoke, present) VALUES(?1, ?2, ?3, ?4, ?4, 1) "
    "ON CONFLICT(group_key, user) DO UPDATE SET name = excluded.name, last_spoke = excluded.last_spoke, "
    "first_day = min(first_day, excluded.first_day), present = 1 "
    "WHERE last_spoke IS NULL OR last_spoke < excluded.last_spoke";
constexpr char const* joined_sql =
    "INSERT INTO member_presence(group_key, user, name, first_day, joined, present) VALUES(?1, ?2, ?3, ?4, ?4, 1) "
    "ON CONFLICT(group_key, user) DO UPDATE SET "
    "joined = max(coalesce(joined, excluded.joined), excluded.joined), "
    "first_day = min(first_day, excluded.first_day), present = 1";
constexpr char const* listed_sql =
    "INSERT INTO member_presence(group_key, user, name, first_day, present) VALUES(?1, ?2, ?3, ?4, 1) "
    "ON CONFLICT(group_key, user) DO UPDATE SET present = 1";
constexpr char const* left_sql = "UPDATE member_presence SET present = 0 WHERE group_key = ?1 AND user = ?2";
constexpr char const* members_sql =
    "SELECT user, name, first_day, last_spoke, joined FROM member_presence WHERE group_key = ?1 AND present = 1 "
    "ORDER BY user";
constexpr char const* member_sql =
    "SELECT user, name, first_day, last_spoke, joined FROM member_presence WHERE group_key = ?1 AND user = ?2";
constexpr char const* since_sql = "SELECT min(first_day) FROM member_presence WHERE group_key = ?1";

std::optional<civil_date> day_column(SQLite::Statement& q, int column) {
    if (q.getColumn(column).isNull()) return std::nullopt;
    return civil_date::from_serial(static_cast<long>(q.getColumn(column).getInt64()));
}

member_presence read_member(SQLite::Statement& q) {
    return {id::decode(q.getColumn(0).getString()), q.getColumn(1).getString(),
            civil_date::from_serial(static_cast<long>(q.getColumn(2).getInt64())), day_column(q, 3),
            day_column(q, 4)};
}

std::string key_of(std::string const& group, std::string const& user) {
    std::string key;
    key.reserve(group.size() + 1 + user.size());
    key += group;
    key += '\n';
    key += user;
    return key;
}

}  // namespace

std::vector<storage::migration> const& presence::schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

void presence::spoke(std::string const& group, id const& user, std::string const& name, civil_date day) {
    // The pair's hash, without building its key: most messages end at the lookup.
    auto const hashed = std::hash<std::string>{}(group) * 0x9e3779b97f4a7c15ULL ^ user.hash();
    auto const serial = day.serial();
    if (auto it = last_spoke_.find(hashed); it != last_spoke_.end() && it->second >= serial) return;
    if (last_spoke_.size() >= max_remembered) last_spoke_.clear();
    last_spoke_[hashed] = serial;
    auto encoded = user.encode();
    auto key = key_of(group, encoded);
    // One change per member and day: a member's first words of two days in one batch both count.
    key += '\n';
    key += std::to_string(serial);
    keep(std::move(key), {group, std::move(encoded), name, serial, true});
}

void presence::joined(std::string const& group, id const& user, std::string const& name, civil_date day) {
    auto encoded = user.encode();
    keep("j" + key_of(group, encoded), {group, std::move(encoded), name, day.serial(), false});
}

void presence::keep(std::string key, change c) {
    if (!changed_) {
        unwritten_[std::move(key)] = std::move(c);
        db_.immediate([&] { write(); });
        unwritten_.clear();
        return;
    }
    unwritten_[std::move(key)] = std::move(c);
    changed_();
}

void presence::listed(std::string const& group, id const& user, std::string const& name, civil_date day) {
    flush();
    auto& q = db_.prepare(listed_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, static_cast<std::int64_t>(day.serial()));
    q.exec();
}

void presence::left(std::string const& group, id const& user) {
    flush();
    auto& q = db_.prepare(left_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.exec();
}

bool presence::write_one(change const& c) {
    auto& q = db_.prepare(c.spoke ? spoke_sql : joined_sql);
    storage::statement_guard guard{q};
    q.bind(1, c.group);
    q.bind(2, c.user);
    q.bind(3, c.name);
    q.bind(4, static_cast<std::int64_t>(c.day));
    return q.exec() > 0 && c.spoke;
}

void presence::write() {
    // Earlier days first: each write only moves a member's day forward.
    std::vector<change const*> order;
    order.reserve(unwritten_.size());
    for (auto const& [key, c] : unwritten_) order.push_back(&c);
    std::sort(order.begin(), order.end(), [](change const* a, change const* b) { return a->day < b->day; });
    std::map<std::pair<std::string, long>, int> firsts;  // (group, day) → members
    for (auto const* c : order)
        if (write_one(*c)) ++firsts[{c->group, c->day}];
    if (!first_words_) return;
    for (auto const& [where, members] : firsts) {
        first_words n{where.first, civil_date::from_serial(where.second), members};
        first_words_(n);
    }
}

std::vector<member_presence> presence::members(std::string const& group) {
    flush();
    auto& q = db_.prepare(members_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    std::vector<member_presence> out;
    while (q.executeStep()) out.push_back(read_member(q));
    return out;
}

std::optional<member_presence> presence::member(std::string const& group, id const& user) {
    flush();
    auto& q = db_.prepare(member_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    if (!q.executeStep()) return std::nullopt;
    return read_member(q);
}

std::optional<civil_date> presence::since(std::string const& group) {
    flush();
    auto& q = db_.prepare(since_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return civil_date::from_serial(static_cast<long>(q.getColumn(0).getInt64()));
}

}  // namespace bot
