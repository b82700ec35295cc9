// The surveys' SQL: surveys, questions, each member's place in a survey, the answers.
#include "plugins/poll/repository.hpp"

namespace plugins::poll {

namespace {

constexpr char const* survey_columns =
    "SELECT id, group_key, num, title, creator, created_at, started_at, deadline, closed_at FROM poll_surveys ";
constexpr char const* next_num_sql = "SELECT coalesce(max(num), 0) + 1 FROM poll_surveys WHERE group_key = ?1";
constexpr char const* add_survey_sql =
    "INSERT INTO poll_surveys(group_key, num, title, creator, created_at) VALUES(?1, ?2, ?3, ?4, ?5) RETURNING id";
constexpr char const* add_question_sql =
    "INSERT INTO poll_questions(survey_id, idx, text) SELECT ?1, coalesce(max(idx), -1) + 1, ?2 FROM poll_questions "
    "WHERE survey_id = ?1 RETURNING idx";
constexpr char const* questions_sql = "SELECT text FROM poll_questions WHERE survey_id = ?1 ORDER BY idx";
constexpr char const* start_sql =
    "UPDATE poll_surveys SET started_at = ?2, deadline = ?3 WHERE id = ?1 AND started_at IS NULL";
constexpr char const* close_sql = "UPDATE poll_surveys SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL";
constexpr char const* enroll_sql =
    "INSERT INTO poll_respondents(survey_id, user, name) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING";
constexpr char const* respondent_columns =
    "SELECT survey_id, user, name, next_idx, asked_at, done_at FROM poll_respondents ";
constexpr char const* claim_sql =
    "UPDATE poll_respondents SET asked_at = ?4 WHERE survey_id = ?1 AND user = ?2 AND next_idx = ?3 "
    "AND asked_at IS NULL AND done_at IS NULL";
constexpr char const* move_on_sql =
    "UPDATE poll_respondents SET next_idx = ?3 + 1, asked_at = CASE WHEN ?4 THEN NULL ELSE ?5 END, "
    "done_at = CASE WHEN ?4 THEN ?5 ELSE NULL END "
    "WHERE survey_id = ?1 AND user = ?2 AND next_idx = ?3 AND asked_at IS NOT NULL AND done_at IS NULL";
constexpr char const* add_answer_sql =
    "INSERT INTO poll_answers(survey_id, user, idx, answer, at) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char const* waiting_sql =
    "SELECT r.survey_id, r.user, r.name, r.next_idx, r.asked_at, r.done_at FROM poll_respondents r "
    "JOIN poll_surveys s ON s.id = r.survey_id WHERE r.user = ?2 AND r.asked_at IS NOT NULL AND r.done_at IS NULL "
    "AND s.closed_at IS NULL AND s.deadline > ?3 AND substr(s.group_key, 1, length(?1) + 1) = ?1 || ':' "
    "ORDER BY r.asked_at, r.survey_id";
constexpr char const* answers_sql =
    "SELECT a.user, r.name, a.idx, a.answer, a.at FROM poll_answers a JOIN poll_respondents r "
    "ON r.survey_id = a.survey_id AND r.user = a.user WHERE a.survey_id = ?1 ORDER BY a.idx, a.at, a.user";

std::optional<std::int64_t> optional_int(SQLite::Column const& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

survey_row read_survey(SQLite::Statement& q) {
    survey_row s;
    s.id = q.getColumn(0).getInt64();
    s.group_key = q.getColumn(1).getString();
    s.num = q.getColumn(2).getInt();
    s.title = q.getColumn(3).getString();
    s.creator = q.getColumn(4).getString();
    s.created_at = q.getColumn(5).getInt64();
    s.started_at = optional_int(q.getColumn(6));
    s.deadline = optional_int(q.getColumn(7));
    s.closed_at = optional_int(q.getColumn(8));
    return s;
}

respondent_row read_respondent(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(), q.getColumn(1).getString(),   q.getColumn(2).getString(),
            q.getColumn(3).getInt(),   optional_int(q.getColumn(4)), optional_int(q.getColumn(5))};
}

}  // namespace

survey_row repository::add_survey(std::string const& g, std::string const& title, std::string const& creator,
                                  std::int64_t at) {
    survey_row s;
    s.group_key = g;
    s.title = title;
    s.creator = creator;
    s.created_at = at;
    {
        auto& q = db_.prepare(next_num_sql);
        storage::statement_guard guard{q};
        q.bind(1, g);
        q.executeStep();
        s.num = q.getColumn(0).getInt();
    }
    auto& q = db_.prepare(add_survey_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, s.num);
    q.bind(3, title);
    q.bind(4, creator);
    q.bind(5, at);
    q.executeStep();
    s.id = q.getColumn(0).getInt64();
    return s;
}

std::optional<survey_row> repository::survey_by_num(std::string const& g, int num) {
    auto& q = db_.prepare(std::string(survey_columns) + "WHERE group_key = ?1 AND num = ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, num);
    if (!q.executeStep()) return std::nullopt;
    return read_survey(q);
}

std::optional<survey_row> repository::survey_by_id(std::int64_t id) {
    auto& q = db_.prepare(std::string(survey_columns) + "WHERE id = ?1");
    storage::statement_guard guard{q};
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_survey(q);
}

std::vector<survey_row> repository::surveys(std::string const& g, int limit) {
    auto& q = db_.prepare(std::string(survey_columns) + "WHERE group_key = ?1 ORDER BY num DESC LIMIT ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, limit);
    std::vector<survey_row> out;
    while (q.executeStep()) out.push_back(read_survey(q));
    return out;
}

int repository::add_question(std::int64_t survey, std::string const& text) {
    auto& q = db_.prepare(add_question_sql);
    storage::statement_guard guard{q};
    q.bind(1, survey);
    q.bind(2, text);
    q.executeStep();
    return q.getColumn(0).getInt();
}

std::vector<std::string> repository::questions(std::int64_t survey) {
    auto& q = db_.prepare(questions_sql);
    storage::statement_guard guard{q};
    q.bind(1, survey);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

bool repository::start_survey(std::int64_t id, std::int64_t at, std::int64_t deadline) {
    auto& q = db_.prepare(start_sql);
    storage::statement_guard guard{q};
    q.bind(1, id);
    q.bind(2, at);
    q.bind(3, deadline);
    return q.exec() == 1;
}

bool repository::close_survey(std::int64_t id, std::int64_t at) {
    auto& q = db_.prepare(close_sql);
    storage::statement_guard guard{q};
    q.bind(1, id);
    q.bind(2, at);
    return q.exec() == 1;
}

bool repository::enroll(std::int64_t survey, std::string const& user, std::string const& name) {
    auto& q = db_.prepare(enroll_sql);
    storage::statement_guard guard{q};
    q.bind(1, survey);
    q.bind(2, user);
    q.bind(3, name);
    return q.exec() == 1;
}

std::optional<respondent_row> repository::respondent(std::int64_t survey, std::string const& user) {
    auto& q = db_.prepare(std::string(respondent_columns) + "WHERE survey_id = ?1 AND user = ?2");
    storage::statement_guard guard{q};
    q.bind(1, survey);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return read_respondent(q);
}

std::vector<respondent_row> repository::respondents(std::int64_t survey) {
    auto& q = db_.prepare(std::string(respondent_columns) + "WHERE survey_id = ?1 ORDER BY name, user");
    storage::statement_guard guard{q};
    q.bind(1, survey);
    std::vector<respondent_row> out;
    while (q.executeStep()) out.push_back(read_respondent(q));
    return out;
}

bool repository::claim_ask(std::int64_t survey, std::string const& user, int index, std::int64_t at) {
    auto& q = db_.prepare(claim_sql);
    storage::statement_guard guard{q};
    q.bind(1, survey);
    q.bind(2, user);
    q.bind(3, index);
    q.bind(4, at);
    return q.exec() == 1;
}

bool repository::answer(std::int64_t survey, std::string const& user, int index, std::string const& text, bool last,
                        std::int64_t at) {
    {
        auto& q = db_.prepare(move_on_sql);
        storage::statement_guard guard{q};
        q.bind(1, survey);
        q.bind(2, user);
        q.bind(3, index);
        q.bind(4, last ? 1 : 0);
        q.bind(5, at);
        if (q.exec() != 1) return false;
    }
    auto& q = db_.prepare(add_answer_sql);
    storage::statement_guard guard{q};
    q.bind(1, survey);
    q.bind(2, user);
    q.bind(3, index);
    q.bind(4, text);
    q.bind(5, at);
    q.exec();
    return true;
}

std::vector<respondent_row> repository::waiting(std::string const& platform, std::string const& user,
                                                std::int64_t now) {
    auto& q = db_.prepare(waiting_sql);
    storage::statement_guard guard{q};
    q.bind(1, platform);
    q.bind(2, user);
    q.bind(3, now);
    std::vector<respondent_row> out;
    while (q.executeStep()) out.push_back(read_respondent(q));
    return out;
}

std::vector<answer_row> repository::answers(std::int64_t survey) {
    auto& q = db_.prepare(answers_sql);
    storage::statement_guard guard{q};
    q.bind(1, survey);
    std::vector<answer_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt(),
                       q.getColumn(3).getString(), q.getColumn(4).getInt64()});
    return out;
}

}  // namespace plugins::poll
