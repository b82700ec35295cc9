// The SQL of incidents and of what admins taught (passes and samples).
#include "plugins/antiad/repository.hpp"
#include "storage/database.hpp"

namespace plugins::antiad {

namespace {

using storage::statement_guard;

constexpr char const* open_incident_sql =
    "INSERT INTO antiad_incidents(group_key, user, name, rule, matched, original, normalized, at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char const* link_message_sql =
    "INSERT INTO antiad_incident_messages(message, incident) VALUES(?1, ?2) ON CONFLICT DO NOTHING";
constexpr char const* update_incident_sql =
    "UPDATE antiad_incidents SET strike = ?2, muted = ?3, kicked = ?4, cleared = ?5 WHERE id = ?1";
constexpr char const* incident_columns =
    "SELECT i.id, i.group_key, i.user, i.name, i.rule, i.matched, i.original, i.normalized, i.strike, i.muted, "
    "i.kicked, i.cleared, i.at FROM antiad_incidents i ";
constexpr char const* find_incident_sql = "WHERE i.id = ?1";
constexpr char const* incident_by_message_sql =
    "JOIN antiad_incident_messages m ON m.incident = i.id WHERE m.message = ?1 ORDER BY i.id DESC LIMIT 1";
constexpr char const* incident_names_sql =
    "SELECT user, name FROM antiad_incidents WHERE id IN "
    "(SELECT MAX(id) FROM antiad_incidents WHERE group_key = ?1 GROUP BY user)";
// SQLite takes the bare column `reason` from the row that holds MAX(at): the newest strike's.
constexpr char const* warned_sql =
    "SELECT user, COUNT(*), MAX(at), reason FROM antiad_strikes WHERE group_key = ?1 AND revoked = 0 AND at > ?2 "
    "GROUP BY user ORDER BY MAX(at) DESC LIMIT ?3";
constexpr char const* revoke_strike_sql = "UPDATE antiad_strikes SET revoked = 1 WHERE id = ?1 AND revoked = 0";
constexpr char const* learn_sql =
    "INSERT INTO antiad_learned(group_key, source, kind, normalized, original, actor, at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char const* trim_learned_sql =
    "DELETE FROM antiad_learned WHERE group_key = ?1 AND kind = ?2 AND id NOT IN "
    "(SELECT id FROM antiad_learned WHERE group_key = ?1 AND kind = ?2 ORDER BY id DESC LIMIT ?3)";
constexpr char const* learned_columns =
    "SELECT id, group_key, source, kind, normalized, original, actor, at FROM antiad_learned ";
constexpr char const* learned_sql = "WHERE group_key = ?1 AND kind = ?2 ORDER BY id";
constexpr char const* learned_by_sql = "WHERE group_key = ?1 OR (group_key = '*' AND source = ?1) ORDER BY id";
constexpr char const* forget_samples_sql =
    "DELETE FROM antiad_learned WHERE kind = 'sample' AND normalized = ?2 AND "
    "(group_key = ?1 OR (group_key = '*' AND source = ?1))";
constexpr char const* forget_learned_sql =
    "DELETE FROM antiad_learned WHERE id = ?2 AND (group_key = ?1 OR (group_key = '*' AND source = ?1))";

// An incident's rows are one unit (keyed by minus its id), any other row a unit of its own.
constexpr char const* recent_incidents_sql =
    "WITH units AS (SELECT CASE WHEN incident != 0 THEN -incident ELSE id END AS unit, MAX(id) AS last "
    "FROM antiad_log WHERE group_key = ?1 GROUP BY unit ORDER BY last DESC LIMIT ?2) "
    "SELECT l.id, l.user, l.actor, l.action, l.rule, l.original, l.normalized, l.detail, l.at, l.incident, u.last "
    "FROM antiad_log l JOIN units u ON u.unit = CASE WHEN l.incident != 0 THEN -l.incident ELSE l.id END "
    "WHERE l.group_key = ?1 ORDER BY u.last DESC, l.id";

incident read_incident(SQLite::Statement& q) {
    incident i;
    i.id = q.getColumn(0).getInt64();
    i.group = q.getColumn(1).getString();
    i.user = bot::id::decode(q.getColumn(2).getString());
    i.name = q.getColumn(3).getString();
    i.rule = q.getColumn(4).getString();
    i.matched = q.getColumn(5).getString();
    i.original = q.getColumn(6).getString();
    i.normalized = q.getColumn(7).getString();
    i.strike = q.getColumn(8).getInt64();
    i.muted = q.getColumn(9).getInt64();
    i.kicked = q.getColumn(10).getInt64() != 0;
    i.cleared = q.getColumn(11).getInt64() != 0;
    i.at = q.getColumn(12).getInt64();
    return i;
}

std::vector<learned_entry> read_learned(SQLite::Statement& q) {
    std::vector<learned_entry> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                       q.getColumn(6).getString(), q.getColumn(7).getInt64()});
    return out;
}

}  // namespace

std::int64_t repository::open_incident(incident const& i) {
    auto& q = db_.prepare(open_incident_sql);
    statement_guard guard{q};
    q.bind(1, i.group);
    q.bind(2, i.user.encode());
    q.bind(3, i.name);
    q.bind(4, i.rule);
    q.bind(5, i.matched);
    q.bind(6, i.original);
    q.bind(7, i.normalized);
    q.bind(8, i.at);
    q.exec();
    return db_.raw().getLastInsertRowid();
}

void repository::link_message(std::int64_t incident, std::string const& message) {
    if (message.empty()) return;
    auto& q = db_.prepare(link_message_sql);
    statement_guard guard{q};
    q.bind(1, message);
    q.bind(2, incident);
    q.exec();
}

void repository::update_incident(incident const& i) {
    auto& q = db_.prepare(update_incident_sql);
    statement_guard guard{q};
    q.bind(1, i.id);
    q.bind(2, i.strike);
    q.bind(3, i.muted);
    q.bind(4, i.kicked ? 1 : 0);
    q.bind(5, i.cleared ? 1 : 0);
    q.exec();
}

std::optional<incident> repository::find_incident(std::int64_t id) {
    auto& q = db_.prepare(std::string(incident_columns) + find_incident_sql);
    statement_guard guard{q};
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_incident(q);
}

std::optional<incident> repository::incident_by_message(std::string const& message) {
    auto& q = db_.prepare(std::string(incident_columns) + incident_by_message_sql);
    statement_guard guard{q};
    q.bind(1, message);
    if (!q.executeStep()) return std::nullopt;
    return read_incident(q);
}

std::map<std::string, std::string> repository::incident_names(std::string const& group) {
    auto& q = db_.prepare(incident_names_sql);
    statement_guard guard{q};
    q.bind(1, group);
    std::map<std::string, std::string> out;
    while (q.executeStep()) out.emplace(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
}

std::vector<warned_member> repository::warned(std::string const& group, std::int64_t since, std::int64_t limit) {
    auto& q = db_.prepare(warned_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, since);
    q.bind(3, limit);
    std::vector<warned_member> out;
    while (q.executeStep())
        out.push_back({bot::id::decode(q.getColumn(0).getString()), q.getColumn(1).getInt64(),
                       q.getColumn(2).getInt64(), q.getColumn(3).getString()});
    return out;
}

bool repository::revoke_strike(std::int64_t id) {
    auto& q = db_.prepare(revoke_strike_sql);
    statement_guard guard{q};
    q.bind(1, id);
    return q.exec() > 0;
}

std::int64_t repository::learn(learned_entry const& e, std::int64_t keep) {
    std::int64_t id = 0;
    {
        auto& q = db_.prepare(learn_sql);
        statement_guard guard{q};
        q.bind(1, e.group);
        q.bind(2, e.source);
        q.bind(3, e.kind);
        q.bind(4, e.normalized);
        q.bind(5, e.original);
        q.bind(6, e.actor);
        q.bind(7, e.at);
        q.exec();
        id = db_.raw().getLastInsertRowid();
    }
    auto& q = db_.prepare(trim_learned_sql);
    statement_guard guard{q};
    q.bind(1, e.group);
    q.bind(2, e.kind);
    q.bind(3, keep);
    q.exec();
    return id;
}

std::vector<learned_entry> repository::learned(std::string const& group, std::string const& kind) {
    auto& q = db_.prepare(std::string(learned_columns) + learned_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, kind);
    return read_learned(q);
}

std::vector<learned_entry> repository::learned_by(std::string const& group) {
    auto& q = db_.prepare(std::string(learned_columns) + learned_by_sql);
    statement_guard guard{q};
    q.bind(1, group);
    return read_learned(q);
}

bool repository::forget(std::string const& group, std::int64_t id) {
    auto& q = db_.prepare(forget_learned_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, id);
    return q.exec() > 0;
}

std::vector<std::vector<log_entry>> repository::recent_incidents(std::string const& group, std::int64_t limit) {
    auto& q = db_.prepare(recent_incidents_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, limit);
    std::vector<std::vector<log_entry>> out;
    std::int64_t unit = -1;
    while (q.executeStep()) {
        log_entry e;
        e.id = q.getColumn(0).getInt64();
        e.group = group;
        e.user = bot::id::decode(q.getColumn(1).getString());
        e.actor = q.getColumn(2).getString();
        e.action = q.getColumn(3).getString();
        e.rule = q.getColumn(4).getString();
        e.original = q.getColumn(5).getString();
        e.normalized = q.getColumn(6).getString();
        e.detail = q.getColumn(7).getString();
        e.at = q.getColumn(8).getInt64();
        e.incident = q.getColumn(9).getInt64();
        auto last = q.getColumn(10).getInt64();
        if (out.empty() || last != unit) out.emplace_back();
        unit = last;
        out.back().push_back(std::move(e));
    }
    return out;
}

std::int64_t repository::forget_samples(std::string const& group, std::string const& normalized) {
    auto& q = db_.prepare(forget_samples_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, normalized);
    return q.exec();
}

}  // namespace plugins::antiad
