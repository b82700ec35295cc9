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

// Who was seen when moved to the core's presence record (shared with other plugins, one row per
// member): each row goes there (its last day, a message's or a join's, as the last day spoken;
// whether the member is still in the group), the days members were @-mentioned stay here.
constexpr char const* schema_v2 = R"sql(
INSERT INTO member_presence(group_key, user, name, first_day, last_spoke, present)
SELECT group_key, user, name, first_day, last_day, active FROM redpacket_seen WHERE true
ON CONFLICT(group_key, user) DO UPDATE SET
    name = CASE WHEN excluded.last_spoke IS NOT NULL AND (last_spoke IS NULL OR last_spoke <= excluded.last_spoke)
                THEN excluded.name ELSE name END,
    last_spoke = CASE WHEN excluded.last_spoke IS NULL THEN last_spoke
                      ELSE max(coalesce(last_spoke, excluded.last_spoke), excluded.last_spoke) END,
    first_day = min(first_day, excluded.first_day),
    present = excluded.present;
CREATE TABLE redpacket_mentions(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    day INTEGER NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
INSERT INTO redpacket_mentions(group_key, user, day)
SELECT group_key, user, last_mentioned FROM redpacket_seen WHERE last_mentioned IS NOT NULL;
DROP TABLE redpacket_seen;
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
constexpr char const* mentioned_sql =
    "INSERT INTO redpacket_mentions(group_key, user, day) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(group_key, user) DO UPDATE SET day = excluded.day";
constexpr char const* mentions_sql = "SELECT user, day FROM redpacket_mentions WHERE group_key = ?1";
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
    static std::vector<storage::migration> const steps{{1, schema_v1}, {2, schema_v2}};
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

std::unordered_map<std::string, bot::civil_date> repository::mentions(std::string const& g) {
    auto& q = db_.prepare(mentions_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::unordered_map<std::string, bot::civil_date> out;
    while (q.executeStep())
        out.emplace(q.getColumn(0).getString(), bot::civil_date::from_serial(q.getColumn(1).getInt64()));
    return out;
}

void repository::mentioned(std::string const& g, bot::id const& user, bot::civil_date day) {
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
