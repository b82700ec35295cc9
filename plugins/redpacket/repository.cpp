#include "plugins/redpacket/repository.hpp"
#include "storage/database.hpp"

namespace plugins::redpacket {

namespace {

constexpr char const* schema_v1 = R"sql(
CREATE TABLE redpacket_owed(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    day INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    state INTEGER NOT NULL,
    paid INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    settled_at INTEGER,
    settled_by TEXT,
    UNIQUE(group_key, user, day));
CREATE INDEX redpacket_owed_open ON redpacket_owed(group_key, state, user, day);
CREATE TABLE redpacket_seen(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    first_day INTEGER NOT NULL,
    last_day INTEGER,
    last_mentioned INTEGER,
    active INTEGER NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE TABLE redpacket_done_jobs(
    group_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    what TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, day, what)) WITHOUT ROWID;
)sql";

constexpr char const* add_owed_sql =
    "INSERT INTO redpacket_owed(group_key, user, name, day, amount, state, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, 0, ?6) ON CONFLICT(group_key, user, day) DO NOTHING RETURNING id";
constexpr char const* open_sql =
    "SELECT id, user, name, day, amount, state FROM redpacket_owed WHERE group_key = ?1 AND state IN (0, 3) "
    "ORDER BY day, user";
constexpr char const* oldest_sql =
    "SELECT id, user, name, day, amount, state FROM redpacket_owed WHERE group_key = ?1 AND user = ?2 AND state = ?3 "
    "ORDER BY day LIMIT 1";
constexpr char const* owed_on_sql =
    "SELECT id, user, name, day, amount, state FROM redpacket_owed WHERE group_key = ?1 AND user = ?2 AND day = ?3 "
    "AND state = 0";
constexpr char const* settle_sql =
    "UPDATE redpacket_owed SET state = ?3, paid = ?4, settled_at = ?5, settled_by = ?6 WHERE id = ?1 AND state = ?2";
constexpr char const* saw_sql =
    "INSERT INTO redpacket_seen(group_key, user, name, first_day, last_day, active) VALUES(?1, ?2, ?3, ?4, ?4, 1) "
    "ON CONFLICT(group_key, user) DO UPDATE SET name = excluded.name, last_day = excluded.last_day, active = 1";
constexpr char const* know_sql =
    "INSERT INTO redpacket_seen(group_key, user, name, first_day, last_day, active) VALUES(?1, ?2, ?3, ?4, NULL, 1) "
    "ON CONFLICT(group_key, user) DO UPDATE SET active = 1";
constexpr char const* left_sql = "UPDATE redpacket_seen SET active = 0 WHERE group_key = ?1 AND user = ?2";
constexpr char const* members_sql =
    "SELECT user, name, last_day, last_mentioned FROM redpacket_seen WHERE group_key = ?1 AND active = 1 ORDER BY user";
constexpr char const* since_sql = "SELECT min(first_day) FROM redpacket_seen WHERE group_key = ?1";
constexpr char const* mentioned_sql =
    "UPDATE redpacket_seen SET last_mentioned = ?3 WHERE group_key = ?1 AND user = ?2";
constexpr char const* claim_sql =
    "INSERT INTO redpacket_done_jobs(group_key, day, what, at) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

owed_row read_owed(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(),
            bot::id::decode(q.getColumn(1).getString()),
            q.getColumn(2).getString(),
            bot::civil_date::from_serial(q.getColumn(3).getInt64()),
            q.getColumn(4).getInt64(),
            static_cast<owed_state>(q.getColumn(5).getInt())};
}

std::int64_t serial(bot::civil_date d) { return d.serial(); }

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

std::optional<std::int64_t> repository::add_owed(std::string const& g, bot::id const& user, std::string const& name,
                                                 bot::civil_date day, bot::fen amount, std::int64_t at) {
    auto& q = db_.prepare(add_owed_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, serial(day));
    q.bind(5, amount);
    q.bind(6, at);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
}

std::vector<owed_row> repository::open(std::string const& g) {
    auto& q = db_.prepare(open_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::vector<owed_row> out;
    while (q.executeStep()) out.push_back(read_owed(q));
    return out;
}

std::optional<owed_row> repository::oldest(std::string const& g, bot::id const& user, owed_state state) {
    auto& q = db_.prepare(oldest_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, static_cast<int>(state));
    if (!q.executeStep()) return std::nullopt;
    return read_owed(q);
}

std::optional<owed_row> repository::owed_on(std::string const& g, bot::id const& user, bot::civil_date day) {
    auto& q = db_.prepare(owed_on_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    if (!q.executeStep()) return std::nullopt;
    return read_owed(q);
}

bool repository::settle(std::int64_t id, owed_state from, owed_state to, bot::fen paid, std::int64_t at,
                        std::string const& by) {
    auto& q = db_.prepare(settle_sql);
    q.bind(1, id);
    q.bind(2, static_cast<int>(from));
    q.bind(3, static_cast<int>(to));
    q.bind(4, paid);
    q.bind(5, at);
    q.bind(6, by);
    return q.exec() > 0;
}

void repository::saw(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day) {
    auto key = g + "\n" + user.encode();
    auto const hashed = std::hash<std::string>{}(key);
    if (auto it = last_day_.find(hashed); it != last_day_.end() && it->second == day.serial()) return;
    if (last_day_.size() >= max_remembered) last_day_.clear();
    last_day_[hashed] = day.serial();
    sighting s{g, user.encode(), name, day};
    if (!changed_) {
        write_saw(s);
        db_.on_rollback([this, hashed] { last_day_.erase(hashed); });
        return;
    }
    unwritten_[key] = std::move(s);
    changed_();
}

void repository::write_saw(sighting const& s) {
    auto& q = db_.prepare(saw_sql);
    q.bind(1, s.group);
    q.bind(2, s.user);
    q.bind(3, s.name);
    q.bind(4, serial(s.day));
    q.exec();
}

void repository::write_seen() {
    for (auto const& [key, s] : unwritten_) write_saw(s);
}

void repository::left(std::string const& g, bot::id const& user) {
    flush();
    auto& q = db_.prepare(left_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.exec();
    last_day_.erase(std::hash<std::string>{}(g + "\n" + user.encode()));
}

std::vector<seen_member> repository::members(std::string const& g) {
    flush();
    auto& q = db_.prepare(members_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::vector<seen_member> out;
    while (q.executeStep()) {
        seen_member m{bot::id::decode(q.getColumn(0).getString()), q.getColumn(1).getString(), {}, {}};
        if (!q.getColumn(2).isNull()) m.last_day = bot::civil_date::from_serial(q.getColumn(2).getInt64());
        if (!q.getColumn(3).isNull()) m.last_mentioned = bot::civil_date::from_serial(q.getColumn(3).getInt64());
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<bot::civil_date> repository::tracking_since(std::string const& g) {
    flush();
    auto& q = db_.prepare(since_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return bot::civil_date::from_serial(q.getColumn(0).getInt64());
}

void repository::know(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day) {
    flush();
    auto& q = db_.prepare(know_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, serial(day));
    q.exec();
}

void repository::mentioned(std::string const& g, bot::id const& user, bot::civil_date day) {
    flush();
    auto& q = db_.prepare(mentioned_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    q.exec();
}

bool repository::claim(std::string const& g, bot::civil_date day, std::string const& what, std::int64_t at) {
    auto& q = db_.prepare(claim_sql);
    q.bind(1, g);
    q.bind(2, serial(day));
    q.bind(3, what);
    q.bind(4, at);
    return q.exec() > 0;
}

bool repository::once(std::string const& g, std::string const& what, std::int64_t at) {
    // Day 0 stands for "any day": no job claims a day that far back.
    auto& q = db_.prepare(claim_sql);
    q.bind(1, g);
    q.bind(2, std::int64_t{0});
    q.bind(3, what);
    q.bind(4, at);
    return q.exec() > 0;
}

}  // namespace plugins::redpacket
