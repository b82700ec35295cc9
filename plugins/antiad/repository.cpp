#include "plugins/antiad/repository.hpp"

#include "storage/database.hpp"

namespace plugins::antiad {

namespace {

using storage::statement_guard;

constexpr char const* insert_log_sql =
    "INSERT INTO antiad_log(group_key, user, actor, action, rule, original, normalized, detail, at, incident) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr char const* recent_log_sql =
    "SELECT id, user, actor, action, rule, original, normalized, detail, at, incident FROM antiad_log "
    "WHERE group_key = ?1 ORDER BY id DESC LIMIT ?2";
constexpr char const* insert_strike_sql =
    "INSERT INTO antiad_strikes(group_key, user, rule, reason, actor, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char const* strikes_sql =
    "SELECT id, rule, reason, actor, at FROM antiad_strikes "
    "WHERE group_key = ?1 AND user = ?2 AND revoked = 0 AND at > ?3 ORDER BY at, id";
constexpr char const* revoke_sql =
    "UPDATE antiad_strikes SET revoked = 1 WHERE id = (SELECT id FROM antiad_strikes "
    "WHERE group_key = ?1 AND user = ?2 AND revoked = 0 AND at > ?3 ORDER BY at DESC, id DESC LIMIT 1)";
constexpr char const* approve_sql =
    "INSERT INTO antiad_approved(group_key, user, actor, at) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key, user) DO NOTHING";
constexpr char const* unapprove_sql = "DELETE FROM antiad_approved WHERE group_key = ?1 AND user = ?2";
constexpr char const* approved_sql = "SELECT user FROM antiad_approved WHERE group_key = ?1 ORDER BY at";
constexpr char const* allow_sql =
    "INSERT INTO antiad_allow(group_key, domain, actor, at) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key, domain) DO NOTHING";
constexpr char const* disallow_sql = "DELETE FROM antiad_allow WHERE group_key = ?1 AND domain = ?2";
constexpr char const* allowed_sql = "SELECT domain FROM antiad_allow WHERE group_key = ?1 ORDER BY domain";
constexpr char const* add_rule_sql = "INSERT INTO antiad_rules(group_key, pattern, actor, at) VALUES(?1, ?2, ?3, ?4)";
constexpr char const* remove_rule_sql = "DELETE FROM antiad_rules WHERE group_key = ?1 AND id = ?2";
constexpr char const* rules_sql = "SELECT id, pattern FROM antiad_rules WHERE group_key = ?1 ORDER BY id";
constexpr char const* joined_sql =
    "INSERT INTO antiad_newcomers(group_key, user, joined_at, messages) VALUES(?1, ?2, ?3, 0) "
    "ON CONFLICT(group_key, user) DO UPDATE SET joined_at = excluded.joined_at, messages = 0";
constexpr char const* newcomer_sql =
    "SELECT joined_at, messages FROM antiad_newcomers WHERE group_key = ?1 AND user = ?2";
constexpr char const* count_sql =
    "UPDATE antiad_newcomers SET messages = messages + 1 WHERE group_key = ?1 AND user = ?2";
constexpr char const* all_newcomers_sql = "SELECT group_key, user, joined_at, messages FROM antiad_newcomers";
constexpr char const* forget_sql = "DELETE FROM antiad_newcomers WHERE group_key = ?1 AND user = ?2";
constexpr char const* add_image_hash_sql =
    "INSERT INTO antiad_image_hashes(group_key, hash, actor, at) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key, hash) DO NOTHING";
constexpr char const* remove_image_hash_sql = "DELETE FROM antiad_image_hashes WHERE group_key = ?1 AND hash = ?2";
constexpr char const* image_hashes_sql = "SELECT hash FROM antiad_image_hashes WHERE group_key = ?1 ORDER BY at, hash";

/// SQLite integers are signed; a hash is stored as the same 64 bits.
std::int64_t stored(std::uint64_t hash) {
    return static_cast<std::int64_t>(hash);
}

}  // namespace

void repository::log(log_entry const& e) {
    auto& q = db_.prepare(insert_log_sql);
    statement_guard guard{q};
    q.bind(1, e.group);
    q.bind(2, e.user.encode());
    q.bind(3, e.actor);
    q.bind(4, e.action);
    q.bind(5, e.rule);
    q.bind(6, e.original);
    q.bind(7, e.normalized);
    q.bind(8, e.detail);
    q.bind(9, e.at);
    q.bind(10, e.incident);
    q.exec();
}

std::vector<log_entry> repository::recent_log(std::string const& group, std::int64_t limit) {
    auto& q = db_.prepare(recent_log_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, limit);
    std::vector<log_entry> out;
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
        out.push_back(std::move(e));
    }
    return out;
}

std::int64_t repository::add_strike(std::string const& group, bot::id const& user, strike const& s) {
    auto& q = db_.prepare(insert_strike_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.bind(3, s.rule);
    q.bind(4, s.reason);
    q.bind(5, s.actor);
    q.bind(6, s.at);
    q.exec();
    return db_.raw().getLastInsertRowid();
}

std::vector<strike> repository::strikes(std::string const& group, bot::id const& user, std::int64_t since) {
    auto& q = db_.prepare(strikes_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.bind(3, since);
    std::vector<strike> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getString(), q.getColumn(4).getInt64()});
    return out;
}

bool repository::revoke_last_strike(std::string const& group, bot::id const& user, std::int64_t since) {
    auto& q = db_.prepare(revoke_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.bind(3, since);
    return q.exec() > 0;
}

void repository::approve(std::string const& group, bot::id const& user, std::string const& actor, std::int64_t at) {
    auto& q = db_.prepare(approve_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.bind(3, actor);
    q.bind(4, at);
    q.exec();
}

bool repository::unapprove(std::string const& group, bot::id const& user) {
    auto& q = db_.prepare(unapprove_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    return q.exec() > 0;
}

std::vector<bot::id> repository::approved(std::string const& group) {
    auto& q = db_.prepare(approved_sql);
    statement_guard guard{q};
    q.bind(1, group);
    std::vector<bot::id> out;
    while (q.executeStep()) out.push_back(bot::id::decode(q.getColumn(0).getString()));
    return out;
}

void repository::allow(std::string const& group, std::string const& domain, std::string const& actor, std::int64_t at) {
    auto& q = db_.prepare(allow_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, domain);
    q.bind(3, actor);
    q.bind(4, at);
    q.exec();
}

bool repository::disallow(std::string const& group, std::string const& domain) {
    auto& q = db_.prepare(disallow_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, domain);
    return q.exec() > 0;
}

std::vector<std::string> repository::allowed(std::string const& group) {
    auto& q = db_.prepare(allowed_sql);
    statement_guard guard{q};
    q.bind(1, group);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

std::int64_t repository::add_rule(std::string const& group, std::string const& pattern, std::string const& actor,
                                  std::int64_t at) {
    auto& q = db_.prepare(add_rule_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, pattern);
    q.bind(3, actor);
    q.bind(4, at);
    q.exec();
    return db_.raw().getLastInsertRowid();
}

bool repository::remove_rule(std::string const& group, std::int64_t id) {
    auto& q = db_.prepare(remove_rule_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, id);
    return q.exec() > 0;
}

std::vector<admin_rule> repository::rules(std::string const& group) {
    auto& q = db_.prepare(rules_sql);
    statement_guard guard{q};
    q.bind(1, group);
    std::vector<admin_rule> out;
    while (q.executeStep()) out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString()});
    return out;
}

void repository::joined(std::string const& group, bot::id const& user, std::int64_t at) {
    auto& q = db_.prepare(joined_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.bind(3, at);
    q.exec();
}

std::optional<newcomer> repository::find_newcomer(std::string const& group, bot::id const& user) {
    auto& q = db_.prepare(newcomer_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    if (!q.executeStep()) return std::nullopt;
    return newcomer{q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
}

void repository::count_message(std::string const& group, bot::id const& user) {
    auto& q = db_.prepare(count_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.exec();
}

void repository::forget_newcomer(std::string const& group, bot::id const& user) {
    auto& q = db_.prepare(forget_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user.encode());
    q.exec();
}

std::vector<std::pair<std::string, newcomer>> repository::all_newcomers() {
    auto& q = db_.prepare(all_newcomers_sql);
    statement_guard guard{q};
    std::vector<std::pair<std::string, newcomer>> out;
    while (q.executeStep())
        out.emplace_back(q.getColumn(0).getString() + "|" + q.getColumn(1).getString(),
                         newcomer{q.getColumn(2).getInt64(), q.getColumn(3).getInt64()});
    return out;
}

bool repository::add_image_hash(std::string const& group, std::uint64_t hash, std::string const& actor,
                                std::int64_t at) {
    auto& q = db_.prepare(add_image_hash_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, stored(hash));
    q.bind(3, actor);
    q.bind(4, at);
    return q.exec() > 0;
}

bool repository::remove_image_hash(std::string const& group, std::uint64_t hash) {
    auto& q = db_.prepare(remove_image_hash_sql);
    statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, stored(hash));
    return q.exec() > 0;
}

std::vector<std::uint64_t> repository::image_hashes(std::string const& group) {
    auto& q = db_.prepare(image_hashes_sql);
    statement_guard guard{q};
    q.bind(1, group);
    std::vector<std::uint64_t> out;
    while (q.executeStep()) out.push_back(static_cast<std::uint64_t>(q.getColumn(0).getInt64()));
    return out;
}

}  // namespace plugins::antiad
