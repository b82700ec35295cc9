#include "plugins/welcome/repository.hpp"

#include <map>

namespace plugins::welcome {

namespace {

constexpr char const* log_sql =
    "INSERT INTO welcome_log(group_key, user, kind, how, operator, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char const* counts_sql =
    "SELECT kind, COUNT(*) FROM welcome_log WHERE group_key = ?1 AND at >= ?2 GROUP BY kind";

constexpr char const* joined_sql =
    "INSERT INTO welcome_members(group_key, user, name, joined_at, left_at) VALUES(?1, ?2, ?3, ?4, NULL) "
    "ON CONFLICT(group_key, user) DO UPDATE SET name = excluded.name, joined_at = excluded.joined_at, left_at = NULL";
constexpr char const* seen_sql =
    "INSERT INTO welcome_members(group_key, user, name, joined_at, left_at) VALUES(?1, ?2, ?3, ?4, NULL) "
    "ON CONFLICT(group_key, user) DO UPDATE SET name = excluded.name, left_at = NULL";
constexpr char const* left_sql = "UPDATE welcome_members SET left_at = ?3 WHERE group_key = ?1 AND user = ?2";
constexpr char const* is_member_sql =
    "SELECT 1 FROM welcome_members WHERE group_key = ?1 AND user = ?2 AND left_at IS NULL";
constexpr char const* member_count_sql = "SELECT COUNT(*) FROM welcome_members WHERE group_key = ?1 AND left_at IS NULL";

constexpr char const* name_of_sql = "SELECT name FROM welcome_members WHERE group_key = ?1 AND user = ?2";
constexpr char const* queued_count_sql = "SELECT COUNT(*) FROM welcome_queue WHERE group_key = ?1";
constexpr char const* enqueue_sql =
    "INSERT OR REPLACE INTO welcome_queue(group_key, user, name, kind, at) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char const* queue_sql = "SELECT user, name, kind, at FROM welcome_queue WHERE group_key = ?1 ORDER BY at, rowid";
constexpr char const* clear_queue_sql = "DELETE FROM welcome_queue WHERE group_key = ?1";
constexpr char const* drop_queued_sql = "DELETE FROM welcome_queue WHERE group_key = ?1 AND user = ?2";

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

constexpr char const* rules_sql = "SELECT rules FROM welcome_rules WHERE group_key = ?1";
constexpr char const* set_rules_sql = "INSERT OR REPLACE INTO welcome_rules(group_key, rules) VALUES(?1, ?2)";
constexpr char const* reset_rules_sql = "DELETE FROM welcome_rules WHERE group_key = ?1";

constexpr char const* add_request_sql =
    "INSERT INTO welcome_requests(group_key, user, comment, flag, state, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char const* request_cols = "SELECT id, group_key, user, comment, flag, state, at FROM welcome_requests ";
constexpr char const* set_request_sql = "UPDATE welcome_requests SET state = ?2 WHERE id = ?1";

constexpr char const* set_guided_sql =
    "INSERT OR REPLACE INTO welcome_guided(platform, user, chat, field_index, deadline) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char const* guided_sql = "SELECT chat, field_index, deadline FROM welcome_guided WHERE platform = ?1 AND user = ?2";
constexpr char const* drop_guided_sql = "DELETE FROM welcome_guided WHERE platform = ?1 AND user = ?2";

pending_check read_pending(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
            q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getInt(),
            q.getColumn(6).getInt64(),  q.getColumn(7).getInt() != 0, q.getColumn(8).getString()};
}

request_row read_request(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(),  q.getColumn(1).getString(), q.getColumn(2).getString(),
            q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
            q.getColumn(6).getInt64()};
}

}  // namespace

void repository::log(std::string const& group_key, std::string const& user, std::string const& kind,
                     std::string const& how, std::string const& op, std::int64_t at) {
    auto& q = db_.prepare(log_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.bind(3, kind);
    q.bind(4, how);
    q.bind(5, op);
    q.bind(6, at);
    q.exec();
}

log_counts repository::counts_since(std::string const& group_key, std::int64_t since) {
    auto& q = db_.prepare(counts_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, since);
    log_counts out;
    while (q.executeStep()) {
        auto kind = q.getColumn(0).getString();
        int n = q.getColumn(1).getInt();
        if (kind == "join") out.joins = n;
        else if (kind == "leave") out.leaves = n;
        else if (kind == "kick") out.kicked = n;
    }
    return out;
}

void repository::member_joined(std::string const& group_key, std::string const& user, std::string const& name,
                               std::int64_t at) {
    auto& q = db_.prepare(joined_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.bind(3, name);
    q.bind(4, at);
    q.exec();
}

void repository::member_seen(std::string const& group_key, std::string const& user, std::string const& name,
                             std::int64_t at) {
    auto& q = db_.prepare(seen_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.bind(3, name);
    q.bind(4, at);
    q.exec();
}

void repository::member_left(std::string const& group_key, std::string const& user, std::int64_t at) {
    auto& q = db_.prepare(left_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.bind(3, at);
    q.exec();
}

bool repository::is_member(std::string const& group_key, std::string const& user) {
    auto& q = db_.prepare(is_member_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    return q.executeStep();
}

int repository::member_count(std::string const& group_key) {
    auto& q = db_.prepare(member_count_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    return q.executeStep() ? q.getColumn(0).getInt() : 0;
}

std::optional<std::string> repository::name_of(std::string const& group_key, std::string const& user) {
    auto& q = db_.prepare(name_of_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
}

int repository::queued_count(std::string const& group_key) {
    auto& q = db_.prepare(queued_count_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    return q.executeStep() ? q.getColumn(0).getInt() : 0;
}

void repository::enqueue(std::string const& group_key, queued const& item) {
    auto& q = db_.prepare(enqueue_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, item.user);
    q.bind(3, item.name);
    q.bind(4, item.kind);
    q.bind(5, item.at);
    q.exec();
}

std::vector<queued> repository::take_queue(std::string const& group_key) {
    std::vector<queued> out;
    db_.immediate([&] {
        {
            auto& q = db_.prepare(queue_sql);
            storage::statement_guard guard{q};
            q.bind(1, group_key);
            while (q.executeStep())
                out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                               q.getColumn(3).getInt64()});
        }
        auto& d = db_.prepare(clear_queue_sql);
        storage::statement_guard guard{d};
        d.bind(1, group_key);
        d.exec();
    });
    return out;
}

void repository::drop_queued(std::string const& group_key, std::string const& user) {
    auto& q = db_.prepare(drop_queued_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    q.exec();
}

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
}

std::optional<pending_check> repository::pending(std::string const& group_key, std::string const& user) {
    auto& q = db_.prepare(std::string(pending_cols) + "WHERE group_key = ?1 AND user = ?2");
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return read_pending(q);
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
}

std::optional<std::vector<std::string>> repository::rules(std::string const& group_key) {
    auto& q = db_.prepare(rules_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    if (!q.executeStep()) return std::nullopt;
    std::vector<std::string> out;
    auto text = q.getColumn(0).getString();
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '\n') {
            if (i > start) out.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

void repository::set_rules(std::string const& group_key, std::vector<std::string> const& lines) {
    std::string text;
    for (auto const& l : lines) text += (text.empty() ? "" : "\n") + l;
    auto& q = db_.prepare(set_rules_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, text);
    q.exec();
}

void repository::reset_rules(std::string const& group_key) {
    auto& q = db_.prepare(reset_rules_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.exec();
}

std::int64_t repository::add_request(request_row const& r) {
    auto& q = db_.prepare(add_request_sql);
    storage::statement_guard guard{q};
    q.bind(1, r.group_key);
    q.bind(2, r.user);
    q.bind(3, r.comment);
    q.bind(4, r.flag);
    q.bind(5, r.state);
    q.bind(6, r.at);
    q.exec();
    return db_.raw().getLastInsertRowid();
}

std::optional<request_row> repository::request(std::string const& group_key, std::int64_t id) {
    auto& q = db_.prepare(std::string(request_cols) + "WHERE group_key = ?1 AND id = ?2");
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, id);
    if (!q.executeStep()) return std::nullopt;
    return read_request(q);
}

std::vector<request_row> repository::open_requests(std::string const& group_key) {
    auto& q = db_.prepare(std::string(request_cols) + "WHERE group_key = ?1 AND state = 'open' ORDER BY id");
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    std::vector<request_row> out;
    while (q.executeStep()) out.push_back(read_request(q));
    return out;
}

void repository::set_request_state(std::int64_t id, std::string const& state) {
    auto& q = db_.prepare(set_request_sql);
    storage::statement_guard guard{q};
    q.bind(1, id);
    q.bind(2, state);
    q.exec();
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
}

std::optional<guided_state> repository::guided(std::string const& platform, std::string const& user) {
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
}

}  // namespace plugins::welcome
