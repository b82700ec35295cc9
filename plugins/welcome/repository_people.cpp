// The repository's member-facing half: profiles, pending verifications and guided introductions.
#include <map>

#include "plugins/welcome/repository.hpp"
#include "storage/database.hpp"

namespace plugins::welcome {

namespace {

constexpr char const* profile_sql = "SELECT name FROM welcome_profiles WHERE platform = ?1 AND user = ?2";
constexpr char const* fields_sql = "SELECT field, value FROM welcome_profile_fields WHERE platform = ?1 AND user = ?2";
constexpr char const* upsert_profile_sql =
    "INSERT INTO welcome_profiles(platform, user, name, updated_at) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(platform, user) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at";
constexpr char const* upsert_field_sql =
    "INSERT OR REPLACE INTO welcome_profile_fields(platform, user, field, value) VALUES(?1, ?2, ?3, ?4)";
constexpr char const* delete_field_sql =
    "DELETE FROM welcome_profile_fields WHERE platform = ?1 AND user = ?2 AND field = ?3";
constexpr char const* delete_fields_sql = "DELETE FROM welcome_profile_fields WHERE platform = ?1 AND user = ?2";
constexpr char const* delete_profile_sql = "DELETE FROM welcome_profiles WHERE platform = ?1 AND user = ?2";
constexpr char const* directory_sql =
    "SELECT p.user, p.name, f.field, f.value FROM welcome_profiles p "
    "JOIN welcome_members m ON m.user = p.user AND m.group_key = ?1 AND m.left_at IS NULL "
    "JOIN welcome_profile_fields f ON f.platform = p.platform AND f.user = p.user "
    "WHERE p.platform = ?2 ORDER BY m.joined_at, p.user";

constexpr char const* put_pending_sql =
    "INSERT OR REPLACE INTO welcome_pending(group_key, user, name, question, answers, tries_left, deadline, muted, state) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr char const* pending_cols =
    "SELECT group_key, user, name, question, answers, tries_left, deadline, muted, state FROM welcome_pending ";
constexpr char const* set_tries_sql = "UPDATE welcome_pending SET tries_left = ?3 WHERE group_key = ?1 AND user = ?2";
constexpr char const* set_state_sql = "UPDATE welcome_pending SET state = ?3 WHERE group_key = ?1 AND user = ?2";
constexpr char const* drop_pending_sql = "DELETE FROM welcome_pending WHERE group_key = ?1 AND user = ?2";

constexpr char const* set_guided_sql =
    "INSERT OR REPLACE INTO welcome_guided(platform, user, chat, field_index, deadline) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char const* guided_sql = "SELECT chat, field_index, deadline FROM welcome_guided WHERE platform = ?1 AND user = ?2";
constexpr char const* drop_guided_sql = "DELETE FROM welcome_guided WHERE platform = ?1 AND user = ?2";
constexpr char const* any_pending_sql = "SELECT 1 FROM welcome_pending WHERE group_key = ?1 LIMIT 1";
constexpr char const* any_guided_sql = "SELECT 1 FROM welcome_guided WHERE platform = ?1 LIMIT 1";

pending_check read_pending(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
            q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getInt(),
            q.getColumn(6).getInt64(),  q.getColumn(7).getInt() != 0, q.getColumn(8).getString()};
}

}  // namespace

std::optional<profile> repository::find_profile(std::string const& platform, std::string const& user) {
    profile p;
    {
        auto& q = db_.prepare(profile_sql);
        storage::statement_guard guard{q};
        q.bind(1, platform);
        q.bind(2, user);
        if (!q.executeStep()) return std::nullopt;
        p.user = user;
        p.name = q.getColumn(0).getString();
    }
    auto& f = db_.prepare(fields_sql);
    storage::statement_guard guard{f};
    f.bind(1, platform);
    f.bind(2, user);
    while (f.executeStep()) p.values[f.getColumn(0).getString()] = f.getColumn(1).getString();
    if (p.values.empty()) return std::nullopt;
    return p;
}

void repository::save_profile(std::string const& platform, std::string const& user, std::string const& name,
                              profile_values const& values, std::int64_t at) {
    db_.immediate([&] {
        for (auto const& [k, v] : values) set_field(platform, user, name, k, v, at);
        if (values.empty()) set_field(platform, user, name, "", "", at);
    });
}

void repository::set_field(std::string const& platform, std::string const& user, std::string const& name,
                           std::string const& field, std::string const& value, std::int64_t at) {
    db_.immediate([&] {
        {
            auto& q = db_.prepare(upsert_profile_sql);
            storage::statement_guard guard{q};
            q.bind(1, platform);
            q.bind(2, user);
            q.bind(3, name);
            q.bind(4, at);
            q.exec();
        }
        if (field.empty()) return;
        auto& q = db_.prepare(value.empty() ? delete_field_sql : upsert_field_sql);
        storage::statement_guard guard{q};
        q.bind(1, platform);
        q.bind(2, user);
        q.bind(3, field);
        if (!value.empty()) q.bind(4, value);
        q.exec();
    });
}

void repository::delete_profile(std::string const& platform, std::string const& user) {
    db_.immediate([&] {
        for (auto const* sql : {delete_fields_sql, delete_profile_sql}) {
            auto& q = db_.prepare(sql);
            storage::statement_guard guard{q};
            q.bind(1, platform);
            q.bind(2, user);
            q.exec();
        }
    });
}

std::vector<profile> repository::directory(std::string const& group_key, std::string const& platform) {
    auto& q = db_.prepare(directory_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, platform);
    std::vector<profile> out;
    std::map<std::string, std::size_t> index;
    while (q.executeStep()) {
        auto user = q.getColumn(0).getString();
        auto [it, fresh] = index.emplace(user, out.size());
        if (fresh) out.push_back({user, q.getColumn(1).getString(), {}});
        out[it->second].values[q.getColumn(2).getString()] = q.getColumn(3).getString();
    }
    return out;
}

void repository::put_pending(pending_check const& p) {
    auto& q = db_.prepare(put_pending_sql);
    storage::statement_guard guard{q};
    q.bind(1, p.group_key);
    q.bind(2, p.user);
    q.bind(3, p.name);
    q.bind(4, p.question);
    q.bind(5, p.answers);
    q.bind(6, p.tries_left);
    q.bind(7, p.deadline);
    q.bind(8, p.muted ? 1 : 0);
    q.bind(9, p.state);
    q.exec();
    forget(any_pending_, p.group_key);
}

bool repository::may_have_rows(std::unordered_map<std::string, bool>& known, std::string const& sql,
                               std::string const& key) {
    if (auto it = known.find(key); it != known.end()) return it->second;
    auto& q = db_.prepare(sql);
    storage::statement_guard guard{q};
    q.bind(1, key);
    bool const any = q.executeStep();
    if (!db_.in_transaction()) known.emplace(key, any);
    return any;
}

void repository::forget(std::unordered_map<std::string, bool>& known, std::string const& key) {
    known.erase(key);
    db_.on_rollback([&known, key] { known.erase(key); });
}

std::optional<pending_check> repository::pending(std::string const& group_key, std::string const& user) {
    if (!may_have_rows(any_pending_, any_pending_sql, group_key)) return std::nullopt;
    auto& q = db_.prepare(std::string(pending_cols) + "WHERE group_key = ?1 AND user = ?2");
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return read_pending(q);
}

std::vector<pending_check> repository::open_checks(std::string const& group_key) {
    auto& q = db_.prepare(std::string(pending_cols) +
                          "WHERE group_key = ?1 AND state IN ('pending', 'held') ORDER BY deadline, user");
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    std::vector<pending_check> out;
    while (q.executeStep()) out.push_back(read_pending(q));
    return out;
}

std::vector<pending_check> repository::pending_of(std::string const& platform, std::string const& user) {
    auto& q = db_.prepare(std::string(pending_cols) +
                          "WHERE user = ?2 AND state = 'pending' AND substr(group_key, 1, length(?1) + 1) = ?1 || ':' "
                          "ORDER BY deadline");
    storage::statement_guard guard{q};
    q.bind(1, platform);
    q.bind(2, user);
    std::vector<pending_check> out;
    while (q.executeStep()) out.push_back(read_pending(q));
    return out;
}

void repository::set_tries(std::string const& group_key, std::string const& user, int tries_left) {
    auto& q = db_.prepare(set_tries_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.bind(3, tries_left);
    q.exec();
}

void repository::set_state(std::string const& group_key, std::string const& user, std::string const& state) {
    auto& q = db_.prepare(set_state_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.bind(3, state);
    q.exec();
}

void repository::drop_pending(std::string const& group_key, std::string const& user) {
    auto& q = db_.prepare(drop_pending_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.exec();
    forget(any_pending_, group_key);
}

void repository::set_guided(std::string const& platform, std::string const& user, guided_state const& g) {
    auto& q = db_.prepare(set_guided_sql);
    storage::statement_guard guard{q};
    q.bind(1, platform);
    q.bind(2, user);
    q.bind(3, g.chat);
    q.bind(4, g.field_index);
    q.bind(5, g.deadline);
    q.exec();
    forget(any_guided_, platform);
}

std::optional<guided_state> repository::guided(std::string const& platform, std::string const& user) {
    if (!may_have_rows(any_guided_, any_guided_sql, platform)) return std::nullopt;
    auto& q = db_.prepare(guided_sql);
    storage::statement_guard guard{q};
    q.bind(1, platform);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return guided_state{q.getColumn(0).getString(), q.getColumn(1).getInt(), q.getColumn(2).getInt64()};
}

void repository::drop_guided(std::string const& platform, std::string const& user) {
    auto& q = db_.prepare(drop_guided_sql);
    storage::statement_guard guard{q};
    q.bind(1, platform);
    q.bind(2, user);
    q.exec();
    forget(any_guided_, platform);
}

}  // namespace plugins::welcome
