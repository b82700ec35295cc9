// The schema and the polls' SQL; the surveys' SQL is in survey_repository.cpp.
#include "plugins/poll/repository.hpp"

#include "plugins/poll/rules.hpp"

namespace plugins::poll {

namespace {

constexpr char const* schema_v1 = R"sql(
CREATE TABLE poll_polls(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    num INTEGER NOT NULL,
    creator TEXT NOT NULL,
    creator_name TEXT NOT NULL,
    question TEXT NOT NULL,
    options TEXT NOT NULL,
    multi INTEGER NOT NULL,
    anon INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    deadline INTEGER NOT NULL,
    closed_at INTEGER,
    UNIQUE(group_key, num));
CREATE TABLE poll_ballots(
    poll_id INTEGER NOT NULL REFERENCES poll_polls(id),
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    choices TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(poll_id, user)) WITHOUT ROWID;
CREATE TABLE poll_surveys(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    num INTEGER NOT NULL,
    title TEXT NOT NULL,
    creator TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    deadline INTEGER,
    closed_at INTEGER,
    UNIQUE(group_key, num));
CREATE TABLE poll_questions(
    survey_id INTEGER NOT NULL REFERENCES poll_surveys(id),
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY(survey_id, idx)) WITHOUT ROWID;
CREATE TABLE poll_respondents(
    survey_id INTEGER NOT NULL REFERENCES poll_surveys(id),
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    next_idx INTEGER NOT NULL DEFAULT 0,
    asked_at INTEGER,
    done_at INTEGER,
    PRIMARY KEY(survey_id, user)) WITHOUT ROWID;
CREATE INDEX poll_respondents_user ON poll_respondents(user, asked_at);
CREATE TABLE poll_answers(
    survey_id INTEGER NOT NULL REFERENCES poll_surveys(id),
    user TEXT NOT NULL,
    idx INTEGER NOT NULL,
    answer TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(survey_id, user, idx)) WITHOUT ROWID;
)sql";

constexpr char const* poll_columns =
    "SELECT id, group_key, num, creator, creator_name, question, options, multi, anon, created_at, deadline, "
    "closed_at FROM poll_polls ";
constexpr char const* next_num_sql = "SELECT coalesce(max(num), 0) + 1 FROM poll_polls WHERE group_key = ?1";
constexpr char const* add_poll_sql =
    "INSERT INTO poll_polls(group_key, num, creator, creator_name, question, options, multi, anon, created_at, "
    "deadline) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
constexpr char const* close_poll_sql = "UPDATE poll_polls SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL";
constexpr char const* ballot_sql = "SELECT user, name, choices FROM poll_ballots WHERE poll_id = ?1 AND user = ?2";
constexpr char const* ballots_sql = "SELECT user, name, choices FROM poll_ballots WHERE poll_id = ?1 ORDER BY at, user";
// One ballot per member per poll is the primary key's: a second vote replaces the first.
constexpr char const* put_ballot_sql =
    "INSERT INTO poll_ballots(poll_id, user, name, choices, at) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(poll_id, user) DO UPDATE SET name = excluded.name, choices = excluded.choices, at = excluded.at";

std::string join_lines(std::vector<std::string> const& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "\n" : "") + v[i];
    return out;
}

std::vector<std::string> split_lines(std::string const& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i < s.size() && s[i] != '\n') continue;
        out.push_back(s.substr(start, i - start));
        start = i + 1;
    }
    return out;
}

std::optional<std::int64_t> optional_int(SQLite::Column const& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

poll_row read_poll(SQLite::Statement& q) {
    poll_row p;
    p.id = q.getColumn(0).getInt64();
    p.group_key = q.getColumn(1).getString();
    p.num = q.getColumn(2).getInt();
    p.creator = q.getColumn(3).getString();
    p.creator_name = q.getColumn(4).getString();
    p.question = q.getColumn(5).getString();
    p.options = split_lines(q.getColumn(6).getString());
    p.multi = q.getColumn(7).getInt() != 0;
    p.anon = q.getColumn(8).getInt() != 0;
    p.created_at = q.getColumn(9).getInt64();
    p.deadline = q.getColumn(10).getInt64();
    p.closed_at = optional_int(q.getColumn(11));
    return p;
}

std::vector<poll_row> polls_of(storage::database& db, std::string const& sql, std::string const& g, int limit) {
    auto& q = db.prepare(sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    if (limit > 0) q.bind(2, limit);
    std::vector<poll_row> out;
    while (q.executeStep()) out.push_back(read_poll(q));
    return out;
}

ballot_row read_ballot(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getString(), decode_choices(q.getColumn(2).getString())};
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

poll_row repository::add_poll(poll_row p) {
    {
        auto& q = db_.prepare(next_num_sql);
        storage::statement_guard guard{q};
        q.bind(1, p.group_key);
        q.executeStep();
        p.num = q.getColumn(0).getInt();
    }
    auto& q = db_.prepare(add_poll_sql);
    storage::statement_guard guard{q};
    q.bind(1, p.group_key);
    q.bind(2, p.num);
    q.bind(3, p.creator);
    q.bind(4, p.creator_name);
    q.bind(5, p.question);
    q.bind(6, join_lines(p.options));
    q.bind(7, p.multi ? 1 : 0);
    q.bind(8, p.anon ? 1 : 0);
    q.bind(9, p.created_at);
    q.bind(10, p.deadline);
    q.executeStep();
    p.id = q.getColumn(0).getInt64();
    return p;
}

std::optional<poll_row> repository::poll_by_num(std::string const& g, int num) {
    auto& q = db_.prepare(std::string(poll_columns) + "WHERE group_key = ?1 AND num = ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, num);
    if (!q.executeStep()) return std::nullopt;
    return read_poll(q);
}

std::optional<poll_row> repository::poll_by_id(std::int64_t id) {
    auto& q = db_.prepare(std::string(poll_columns) + "WHERE id = ?1");
    storage::statement_guard guard{q};
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_poll(q);
}

std::vector<poll_row> repository::open_polls(std::string const& g) {
    return polls_of(db_, std::string(poll_columns) + "WHERE group_key = ?1 AND closed_at IS NULL ORDER BY num", g, 0);
}

std::vector<poll_row> repository::recent_polls(std::string const& g, int limit) {
    return polls_of(db_, std::string(poll_columns) + "WHERE group_key = ?1 ORDER BY num DESC LIMIT ?2", g, limit);
}

bool repository::close_poll(std::int64_t id, std::int64_t at) {
    auto& q = db_.prepare(close_poll_sql);
    storage::statement_guard guard{q};
    q.bind(1, id);
    q.bind(2, at);
    return q.exec() == 1;
}

std::optional<ballot_row> repository::ballot(std::int64_t poll, std::string const& user) {
    auto& q = db_.prepare(ballot_sql);
    storage::statement_guard guard{q};
    q.bind(1, poll);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return read_ballot(q);
}

void repository::put_ballot(std::int64_t poll, std::string const& user, std::string const& name,
                            std::string const& choices, std::int64_t at) {
    auto& q = db_.prepare(put_ballot_sql);
    storage::statement_guard guard{q};
    q.bind(1, poll);
    q.bind(2, user);
    q.bind(3, name);
    q.bind(4, choices);
    q.bind(5, at);
    q.exec();
}

std::vector<ballot_row> repository::ballots(std::int64_t poll) {
    auto& q = db_.prepare(ballots_sql);
    storage::statement_guard guard{q};
    q.bind(1, poll);
    std::vector<ballot_row> out;
    while (q.executeStep()) out.push_back(read_ballot(q));
    return out;
}

}  // namespace plugins::poll
