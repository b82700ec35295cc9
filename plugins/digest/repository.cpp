#include "plugins/digest/repository.hpp"

#include "storage/database.hpp"

namespace plugins::digest {

namespace {

// A question keeps its per-group number for life: /digest forget blanks its text and asker and
// drops its answers, but the row stays so the number is never given to another question.
// `message_id` is the platform's message (encoded), how replies name the question.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE digest_questions(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    number INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    asker TEXT NOT NULL,
    asker_name TEXT NOT NULL,
    text TEXT NOT NULL,
    at INTEGER NOT NULL,
    forgotten INTEGER NOT NULL DEFAULT 0,
    UNIQUE(group_key, number),
    UNIQUE(group_key, message_id));
CREATE INDEX digest_questions_by_time ON digest_questions(group_key, at);
CREATE TABLE digest_answers(
    id INTEGER PRIMARY KEY,
    question INTEGER NOT NULL REFERENCES digest_questions(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    answerer TEXT NOT NULL,
    answerer_name TEXT NOT NULL,
    rank INTEGER NOT NULL,
    text TEXT NOT NULL,
    at INTEGER NOT NULL,
    UNIQUE(question, message_id));
CREATE TABLE digest_posts(
    group_key TEXT NOT NULL,
    period TEXT NOT NULL,
    at INTEGER NOT NULL,
    how TEXT NOT NULL,
    questions INTEGER NOT NULL,
    message_id TEXT NOT NULL DEFAULT '',
    pinned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(group_key, period));
CREATE INDEX digest_posts_by_time ON digest_posts(group_key, at);
)sql";

constexpr char const* question_columns =
    "SELECT q.id, q.number, q.message_id, q.asker, q.asker_name, q.text, q.at, "
    "(SELECT count(*) FROM digest_answers a WHERE a.question = q.id) FROM digest_questions q ";

question_row read_question(SQLite::Statement& q) {
    question_row r;
    r.id = q.getColumn(0).getInt64();
    r.number = q.getColumn(1).getInt();
    r.message_id = q.getColumn(2).getString();
    r.asker = bot::id::decode(q.getColumn(3).getString());
    r.asker_name = q.getColumn(4).getString();
    r.text = q.getColumn(5).getString();
    r.at = q.getColumn(6).getInt64();
    r.answers = q.getColumn(7).getInt();
    return r;
}

std::vector<question_row> read_questions(SQLite::Statement& q) {
    std::vector<question_row> out;
    while (q.executeStep()) out.push_back(read_question(q));
    return out;
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

std::optional<question_row> repository::add_question(std::string const& g, new_question const& nq) {
    if (!changed_) return insert_question(g, nq);
    if (stored(g, nq.message_id)) return std::nullopt;
    // The id and the number are given here, as SQLite would give them (one more than the largest),
    // since this repository is the only writer of the table.
    if (last_id_ < 0) last_id_ = db_.raw().execAndGet("SELECT coalesce(max(id), 0) FROM digest_questions").getInt64();
    auto last = last_number_.find(g);
    if (last == last_number_.end()) {
        auto& q = db_.prepare("SELECT coalesce(max(number), 0) FROM digest_questions WHERE group_key = ?1");
        storage::statement_guard guard{q};
        q.bind(1, g);
        q.executeStep();
        last = last_number_.emplace(g, q.getColumn(0).getInt()).first;
    }
    question_row r{++last_id_, ++last->second, nq.message_id, nq.asker, nq.asker_name, nq.text, nq.at, 0};
    questions_.push_back({g, r});
    changed_();
    return r;
}

bool repository::stored(std::string const& g, std::string const& message_id) {
    for (auto const& w : questions_)
        if (w.group == g && w.row.message_id == message_id) return true;
    auto& q = db_.prepare("SELECT 1 FROM digest_questions WHERE group_key = ?1 AND message_id = ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, message_id);
    return q.executeStep();
}

void repository::write_pending() {
    auto& q = db_.prepare(
        "INSERT INTO digest_questions(id, group_key, number, message_id, asker, asker_name, text, at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING");
    for (auto const& [g, r] : questions_) {
        q.bind(1, r.id);
        q.bind(2, g);
        q.bind(3, r.number);
        q.bind(4, r.message_id);
        q.bind(5, r.asker.encode());
        q.bind(6, r.asker_name);
        q.bind(7, r.text);
        q.bind(8, r.at);
        q.exec();
        q.reset();
    }
    for (auto const& [question, a] : answers_) insert_answer(question, a);
}

std::optional<question_row> repository::insert_question(std::string const& g, new_question const& nq) {
    auto& q = db_.prepare(
        "INSERT INTO digest_questions(group_key, number, message_id, asker, asker_name, text, at) "
        "SELECT ?1, coalesce(max(number), 0) + 1, ?2, ?3, ?4, ?5, ?6 FROM digest_questions WHERE group_key = ?1 "
        "ON CONFLICT DO NOTHING");
    q.bind(1, g);
    q.bind(2, nq.message_id);
    q.bind(3, nq.asker.encode());
    q.bind(4, nq.asker_name);
    q.bind(5, nq.text);
    q.bind(6, nq.at);
    if (q.exec() == 0) return std::nullopt;
    auto id = db_.raw().getLastInsertRowid();
    auto& r = db_.prepare(std::string(question_columns) + "WHERE q.id = ?1");
    storage::statement_guard guard{r};
    r.bind(1, id);
    if (!r.executeStep()) return std::nullopt;
    return read_question(r);
}

std::vector<question_row> repository::recent(std::string const& g, std::int64_t since, int limit) {
    flush();
    auto& q = db_.prepare(std::string(question_columns) +
                          "WHERE q.group_key = ?1 AND q.at >= ?2 AND q.forgotten = 0 ORDER BY q.at DESC, q.id DESC "
                          "LIMIT ?3");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, since);
    q.bind(3, limit);
    return read_questions(q);
}

bool repository::add_answer(std::int64_t question, new_answer const& a) {
    if (!changed_) return insert_answer(question, a);
    answers_.push_back({question, a});
    changed_();
    return true;
}

bool repository::insert_answer(std::int64_t question, new_answer const& a) {
    auto& q = db_.prepare(
        "INSERT INTO digest_answers(question, message_id, answerer, answerer_name, rank, text, at) "
        "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM digest_questions WHERE id = ?1 AND "
        "forgotten = 0) ON CONFLICT DO NOTHING");
    q.bind(1, question);
    q.bind(2, a.message_id);
    q.bind(3, a.answerer.encode());
    q.bind(4, a.answerer_name);
    q.bind(5, static_cast<int>(a.rank));
    q.bind(6, a.text);
    q.bind(7, a.at);
    return q.exec() > 0;
}

std::vector<question_row> repository::asked_between(std::string const& g, std::int64_t from, std::int64_t to) {
    flush();
    auto& q = db_.prepare(std::string(question_columns) +
                          "WHERE q.group_key = ?1 AND q.at >= ?2 AND q.at < ?3 AND q.forgotten = 0 "
                          "ORDER BY q.at, q.id");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, from);
    q.bind(3, to);
    return read_questions(q);
}

std::vector<answer_row> repository::answers_of(std::int64_t question) {
    flush();
    auto& q = db_.prepare(
        "SELECT answerer, answerer_name, rank, text, at FROM digest_answers WHERE question = ?1 ORDER BY at, id");
    storage::statement_guard guard{q};
    q.bind(1, question);
    std::vector<answer_row> out;
    while (q.executeStep()) {
        answer_row a;
        a.answerer = bot::id::decode(q.getColumn(0).getString());
        a.answerer_name = q.getColumn(1).getString();
        a.rank = static_cast<answer_rank>(q.getColumn(2).getInt());
        a.text = q.getColumn(3).getString();
        a.at = q.getColumn(4).getInt64();
        out.push_back(std::move(a));
    }
    return out;
}

std::optional<question_row> repository::find(std::string const& g, int number) {
    flush();
    auto& q =
        db_.prepare(std::string(question_columns) + "WHERE q.group_key = ?1 AND q.number = ?2 AND q.forgotten = 0");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, number);
    if (!q.executeStep()) return std::nullopt;
    return read_question(q);
}

bool repository::forget(std::string const& g, int number) {
    flush();
    auto& del = db_.prepare(
        "DELETE FROM digest_answers WHERE question IN (SELECT id FROM digest_questions WHERE group_key = ?1 AND "
        "number = ?2)");
    del.bind(1, g);
    del.bind(2, number);
    del.exec();
    auto& q = db_.prepare(
        "UPDATE digest_questions SET text = '', asker_name = '', forgotten = 1 WHERE group_key = ?1 AND number = ?2 "
        "AND forgotten = 0");
    q.bind(1, g);
    q.bind(2, number);
    return q.exec() > 0;
}

std::optional<int> repository::forget_message(std::string const& g, std::string const& message_id) {
    flush();
    auto& q =
        db_.prepare("SELECT number FROM digest_questions WHERE group_key = ?1 AND message_id = ?2 AND forgotten = 0");
    std::optional<int> number;
    {
        storage::statement_guard guard{q};
        q.bind(1, g);
        q.bind(2, message_id);
        if (q.executeStep()) number = q.getColumn(0).getInt();
    }
    if (number && !forget(g, *number)) number.reset();
    return number;
}

bool repository::forget_answer(std::string const& g, std::string const& message_id) {
    flush();
    auto& q = db_.prepare(
        "DELETE FROM digest_answers WHERE message_id = ?2 AND question IN (SELECT id FROM digest_questions WHERE "
        "group_key = ?1)");
    q.bind(1, g);
    q.bind(2, message_id);
    return q.exec() > 0;
}

std::vector<question_row> repository::search(std::string const& g, std::string const& pattern, int limit) {
    flush();
    auto& q = db_.prepare(std::string(question_columns) +
                          "WHERE q.group_key = ?1 AND q.forgotten = 0 AND EXISTS (SELECT 1 FROM digest_answers a "
                          "WHERE a.question = q.id) AND (q.text LIKE ?2 ESCAPE '\\' OR EXISTS (SELECT 1 FROM "
                          "digest_answers a WHERE a.question = q.id AND a.text LIKE ?2 ESCAPE '\\')) "
                          "ORDER BY q.at DESC, q.id DESC LIMIT ?3");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, pattern);
    q.bind(3, limit);
    return read_questions(q);
}

std::pair<int, int> repository::counts(std::string const& g) {
    flush();
    auto& q = db_.prepare(
        "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM digest_answers a WHERE a.question = q.id)), 0) "
        "FROM digest_questions q WHERE q.group_key = ?1 AND q.forgotten = 0");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.executeStep();
    return {q.getColumn(0).getInt(), q.getColumn(1).getInt()};
}

bool repository::record_post(std::string const& g, post_row const& p) {
    auto& q = db_.prepare(
        "INSERT INTO digest_posts(group_key, period, at, how, questions) VALUES(?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT DO NOTHING");
    q.bind(1, g);
    q.bind(2, p.period);
    q.bind(3, p.at);
    q.bind(4, p.how);
    q.bind(5, p.questions);
    return q.exec() > 0;
}

void repository::set_post_message(std::string const& g, std::string const& period, std::string const& message_id) {
    auto& q = db_.prepare("UPDATE digest_posts SET message_id = ?3 WHERE group_key = ?1 AND period = ?2");
    q.bind(1, g);
    q.bind(2, period);
    q.bind(3, message_id);
    q.exec();
}

void repository::set_pinned(std::string const& g, std::string const& period) {
    auto& q = db_.prepare("UPDATE digest_posts SET pinned = 1 WHERE group_key = ?1 AND period = ?2");
    q.bind(1, g);
    q.bind(2, period);
    q.exec();
}

std::vector<post_row> repository::posts(std::string const& g, int limit) {
    auto& q = db_.prepare(
        "SELECT period, at, how, questions, message_id, pinned FROM digest_posts WHERE group_key = ?1 "
        "ORDER BY at DESC, rowid DESC LIMIT ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, limit);
    std::vector<post_row> out;
    while (q.executeStep()) {
        post_row p;
        p.period = q.getColumn(0).getString();
        p.at = q.getColumn(1).getInt64();
        p.how = q.getColumn(2).getString();
        p.questions = q.getColumn(3).getInt();
        p.message_id = q.getColumn(4).getString();
        p.pinned = q.getColumn(5).getInt() != 0;
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace plugins::digest
