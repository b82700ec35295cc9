#include "plugins/pairs/repository.hpp"

namespace plugins::pairs {

namespace {

// A cycle's groups stay in pairs_teams after it ends: they are the history a regroup avoids. A
// member who leaves a running cycle keeps their row with active = 0 for the same reason.
// A nudge is claimed in pairs_nudged in the transaction that decides to send it, so a restart or a
// repeated job never nudges the same member twice for a day.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE pairs_members(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    joined INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE TABLE pairs_cycles(
    group_key TEXT NOT NULL,
    cycle INTEGER NOT NULL,
    size INTEGER NOT NULL,
    days INTEGER NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER NOT NULL,
    running INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    PRIMARY KEY(group_key, cycle)) WITHOUT ROWID;
CREATE TABLE pairs_teams(
    group_key TEXT NOT NULL,
    cycle INTEGER NOT NULL,
    user TEXT NOT NULL,
    team INTEGER NOT NULL,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    since INTEGER NOT NULL,
    PRIMARY KEY(group_key, cycle, user)) WITHOUT ROWID;
CREATE TABLE pairs_profile(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    label TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY(group_key, user, label)) WITHOUT ROWID;
CREATE TABLE pairs_nudged(
    group_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    user TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, day, user)) WITHOUT ROWID;
)sql";

constexpr char const* cycle_columns = "SELECT cycle, size, days, start_day, end_day, running FROM pairs_cycles ";
constexpr char const* running_sql = "WHERE group_key = ?1 AND running = 1 ORDER BY cycle DESC LIMIT 1";
constexpr char const* covering_sql =
    "WHERE group_key = ?1 AND start_day <= ?2 AND end_day >= ?2 ORDER BY cycle DESC LIMIT 1";
constexpr char const* next_sql = "SELECT coalesce(max(cycle), 0) + 1 FROM pairs_cycles WHERE group_key = ?1";
constexpr char const* add_cycle_sql =
    "INSERT INTO pairs_cycles(group_key, cycle, size, days, start_day, end_day, running, started_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)";
constexpr char const* end_cycle_sql =
    "UPDATE pairs_cycles SET running = 0, end_day = min(end_day, ?3), ended_at = ?4 "
    "WHERE group_key = ?1 AND cycle = ?2 AND running = 1";
constexpr char const* place_sql =
    "INSERT INTO pairs_teams(group_key, cycle, user, team, name, active, since) VALUES(?1, ?2, ?3, ?4, ?5, 1, ?6) "
    "ON CONFLICT(group_key, cycle, user) DO UPDATE SET team = excluded.team, name = excluded.name, active = 1, "
    "since = excluded.since";
constexpr char const* members_sql =
    "SELECT user, name, team, since FROM pairs_teams WHERE group_key = ?1 AND cycle = ?2 AND active = 1 "
    "ORDER BY team, user";
constexpr char const* remove_sql =
    "UPDATE pairs_teams SET active = 0 WHERE group_key = ?1 AND cycle = ?2 AND user = ?3";
constexpr char const* move_sql = "UPDATE pairs_teams SET team = ?4 WHERE group_key = ?1 AND cycle = ?2 AND user = ?3";
constexpr char const* history_sql =
    "SELECT a.user, b.user FROM pairs_teams a JOIN pairs_teams b ON a.group_key = b.group_key AND a.cycle = b.cycle "
    "AND a.team = b.team AND a.user < b.user WHERE a.group_key = ?1 AND a.cycle > ?2 AND a.cycle <= ?3";
constexpr char const* enrol_sql =
    "INSERT INTO pairs_members(group_key, user, name, joined, at) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(group_key, user) DO UPDATE SET name = excluded.name, joined = excluded.joined, at = excluded.at";
constexpr char const* enrolments_sql =
    "SELECT user, name, joined FROM pairs_members WHERE group_key = ?1 ORDER BY at, user";
constexpr char const* put_profile_sql =
    "INSERT INTO pairs_profile(group_key, user, label, value) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key, user, label) DO UPDATE SET value = excluded.value";
constexpr char const* drop_profile_sql = "DELETE FROM pairs_profile WHERE group_key = ?1 AND user = ?2 AND label = ?3";
constexpr char const* profiles_sql = "SELECT user, label, value FROM pairs_profile WHERE group_key = ?1";
constexpr char const* nudge_sql =
    "INSERT INTO pairs_nudged(group_key, day, user, at) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

std::int64_t serial(bot::civil_date d) {
    return d.serial();
}
bot::civil_date date(SQLite::Column const& c) {
    return bot::civil_date::from_serial(c.getInt64());
}

std::optional<cycle_row> read_cycle(SQLite::Statement& q) {
    if (!q.executeStep()) return std::nullopt;
    return cycle_row{q.getColumn(0).getInt64(), q.getColumn(1).getInt(), q.getColumn(2).getInt(),
                     date(q.getColumn(3)),      date(q.getColumn(4)),    q.getColumn(5).getInt() != 0};
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

std::optional<cycle_row> repository::running(std::string const& g) {
    auto& q = db_.prepare(std::string(cycle_columns) + running_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    return read_cycle(q);
}

std::optional<cycle_row> repository::covering(std::string const& g, bot::civil_date day) {
    auto& q = db_.prepare(std::string(cycle_columns) + covering_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, serial(day));
    return read_cycle(q);
}

std::int64_t repository::next_number(std::string const& g) {
    auto& q = db_.prepare(next_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

void repository::add_cycle(std::string const& g, cycle_row const& c, std::int64_t at) {
    auto& q = db_.prepare(add_cycle_sql);
    q.bind(1, g);
    q.bind(2, c.number);
    q.bind(3, c.size);
    q.bind(4, c.days);
    q.bind(5, serial(c.start));
    q.bind(6, serial(c.end));
    q.bind(7, at);
    q.exec();
}

bool repository::end_cycle(std::string const& g, std::int64_t number, bot::civil_date last, std::int64_t at) {
    auto& q = db_.prepare(end_cycle_sql);
    q.bind(1, g);
    q.bind(2, number);
    q.bind(3, serial(last));
    q.bind(4, at);
    return q.exec() > 0;
}

void repository::place(std::string const& g, std::int64_t cycle, placed const& p) {
    auto& q = db_.prepare(place_sql);
    q.bind(1, g);
    q.bind(2, cycle);
    q.bind(3, p.user.encode());
    q.bind(4, p.team);
    q.bind(5, p.name);
    q.bind(6, serial(p.since));
    q.exec();
}

std::vector<placed> repository::members_of(std::string const& g, std::int64_t cycle) {
    auto& q = db_.prepare(members_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, cycle);
    std::vector<placed> out;
    while (q.executeStep())
        out.push_back({bot::id::decode(q.getColumn(0).getString()), q.getColumn(1).getString(), q.getColumn(2).getInt(),
                       date(q.getColumn(3))});
    return out;
}

void repository::remove(std::string const& g, std::int64_t cycle, bot::id const& user) {
    auto& q = db_.prepare(remove_sql);
    q.bind(1, g);
    q.bind(2, cycle);
    q.bind(3, user.encode());
    q.exec();
}

void repository::move(std::string const& g, std::int64_t cycle, bot::id const& user, int team) {
    auto& q = db_.prepare(move_sql);
    q.bind(1, g);
    q.bind(2, cycle);
    q.bind(3, user.encode());
    q.bind(4, team);
    q.exec();
}

pair_history repository::history(std::string const& g, std::int64_t upto, int count) {
    pair_history out;
    if (count <= 0) return out;
    auto& q = db_.prepare(history_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, upto - count);
    q.bind(3, upto);
    while (q.executeStep())
        ++out[pair_of(bot::id::decode(q.getColumn(0).getString()), bot::id::decode(q.getColumn(1).getString()))];
    return out;
}

void repository::enrol(std::string const& g, bot::id const& user, std::string const& name, bool joined,
                       std::int64_t at) {
    auto& q = db_.prepare(enrol_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, joined ? 1 : 0);
    q.bind(5, at);
    q.exec();
}

std::vector<enrolment> repository::enrolments(std::string const& g) {
    auto& q = db_.prepare(enrolments_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::vector<enrolment> out;
    while (q.executeStep())
        out.push_back(
            {bot::id::decode(q.getColumn(0).getString()), q.getColumn(1).getString(), q.getColumn(2).getInt() != 0});
    return out;
}

void repository::put_profile(std::string const& g, bot::id const& user, std::string const& label,
                             std::string const& value) {
    auto& q = db_.prepare(value.empty() ? drop_profile_sql : put_profile_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, label);
    if (!value.empty()) q.bind(4, value);
    q.exec();
}

std::map<bot::id, std::map<std::string, std::string>> repository::profiles(std::string const& g) {
    auto& q = db_.prepare(profiles_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::map<bot::id, std::map<std::string, std::string>> out;
    while (q.executeStep())
        out[bot::id::decode(q.getColumn(0).getString())][q.getColumn(1).getString()] = q.getColumn(2).getString();
    return out;
}

bool repository::claim_nudge(std::string const& g, bot::civil_date day, bot::id const& user, std::int64_t at) {
    auto& q = db_.prepare(nudge_sql);
    q.bind(1, g);
    q.bind(2, serial(day));
    q.bind(3, user.encode());
    q.bind(4, at);
    return q.exec() > 0;
}

}  // namespace plugins::pairs
