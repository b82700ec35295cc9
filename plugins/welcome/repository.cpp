// The repository's group half: the join record, members, the welcome queue, rules and join requests.
#include "plugins/welcome/repository.hpp"
#include "storage/database.hpp"

namespace plugins::welcome {

namespace {

constexpr char const* log_sql =
    "INSERT INTO welcome_log(group_key, user, kind, how, operator, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char const* notice_sql =
    "INSERT INTO welcome_notices(group_key, what, at) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING";
constexpr char const* counts_sql =
    "SELECT kind, COUNT(*) FROM welcome_log WHERE group_key = ?1 AND at >= ?2 GROUP BY kind";

constexpr char const* recent_log_sql =
    "SELECT user, kind, how, operator, at FROM welcome_log WHERE group_key = ?1 ORDER BY at DESC, id DESC LIMIT ?2";
constexpr char const* log_since_sql =
    "SELECT user, kind, how, operator, at FROM welcome_log WHERE group_key = ?1 AND at >= ?2 ORDER BY at, id";

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

constexpr char const* rules_sql = "SELECT rules FROM welcome_rules WHERE group_key = ?1";
constexpr char const* set_rules_sql = "INSERT OR REPLACE INTO welcome_rules(group_key, rules) VALUES(?1, ?2)";
constexpr char const* reset_rules_sql = "DELETE FROM welcome_rules WHERE group_key = ?1";

constexpr char const* add_request_sql =
    "INSERT INTO welcome_requests(group_key, user, comment, flag, state, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char const* request_cols = "SELECT id, group_key, user, comment, flag, state, at FROM welcome_requests ";
constexpr char const* set_request_sql = "UPDATE welcome_requests SET state = ?2 WHERE id = ?1";

request_row read_request(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(),  q.getColumn(1).getString(), q.getColumn(2).getString(),
            q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
            q.getColumn(6).getInt64()};
}

}  // namespace

bool repository::first_notice(std::string const& group_key, std::string const& what, std::int64_t at) {
    auto& q = db_.prepare(notice_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, what);
    q.bind(3, at);
    return q.exec() > 0;
}

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

namespace {

std::vector<log_row> read_log(SQLite::Statement& q) {
    std::vector<log_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getString(), q.getColumn(4).getInt64()});
    return out;
}

}  // namespace

std::vector<log_row> repository::recent_log(std::string const& group_key, std::int64_t limit) {
    auto& q = db_.prepare(recent_log_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, limit);
    return read_log(q);
}

std::vector<log_row> repository::log_since(std::string const& group_key, std::int64_t since) {
    auto& q = db_.prepare(log_since_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, since);
    return read_log(q);
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

}  // namespace plugins::welcome
