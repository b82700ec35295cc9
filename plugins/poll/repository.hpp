#pragma once
/// The poll plugin's SQL: polls and their ballots (one per member per poll, by primary key),
/// surveys, their questions, each member's place in them, and the answers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace plugins::poll {

/// The schema steps (owner "poll").
std::vector<storage::migration> const& schema();

struct poll_row {
    std::int64_t id = 0;
    std::string group_key;
    int num = 0;          ///< #N within the group
    std::string creator;  ///< encoded user id
    std::string creator_name;
    std::string question;
    std::vector<std::string> options;
    bool multi = false;
    bool anon = false;
    std::int64_t created_at = 0;
    std::int64_t deadline = 0;
    std::optional<std::int64_t> closed_at;  ///< set once, when the results were posted
};

struct ballot_row {
    std::string user;  ///< encoded user id
    std::string name;
    std::vector<int> choices;
};

struct survey_row {
    std::int64_t id = 0;
    std::string group_key;
    int num = 0;
    std::string title;
    std::string creator;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> started_at;
    std::optional<std::int64_t> deadline;
    std::optional<std::int64_t> closed_at;
};

/// A member's place in a survey: the next question and whether it was put to them.
struct respondent_row {
    std::int64_t survey_id = 0;
    std::string user;
    std::string name;
    int next = 0;                          ///< index of the next question to answer
    std::optional<std::int64_t> asked_at;  ///< when question `next` was put to them
    std::optional<std::int64_t> done_at;
};

struct answer_row {
    std::string user;
    std::string name;
    int question = 0;
    std::string text;
    std::int64_t at = 0;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    // ---- polls ----
    /// Adds a poll with the group's next number (call inside a transaction); returns it with id and num.
    poll_row add_poll(poll_row p);
    std::optional<poll_row> poll_by_num(std::string const& g, int num);
    std::optional<poll_row> poll_by_id(std::int64_t id);
    /// The group's polls whose results were not posted yet, by number.
    std::vector<poll_row> open_polls(std::string const& g);
    /// The group's latest polls, newest first.
    std::vector<poll_row> recent_polls(std::string const& g, int limit);
    /// Marks a poll closed; false when it was already (its results were posted before).
    bool close_poll(std::int64_t id, std::int64_t at);
    /// The member's ballot in a poll.
    std::optional<ballot_row> ballot(std::int64_t poll, std::string const& user);
    /// Inserts or replaces the member's one ballot.
    void put_ballot(std::int64_t poll, std::string const& user, std::string const& name, std::string const& choices,
                    std::int64_t at);
    std::vector<ballot_row> ballots(std::int64_t poll);

    // ---- surveys ----
    survey_row add_survey(std::string const& g, std::string const& title, std::string const& creator, std::int64_t at);
    std::optional<survey_row> survey_by_num(std::string const& g, int num);
    std::optional<survey_row> survey_by_id(std::int64_t id);
    std::vector<survey_row> surveys(std::string const& g, int limit);
    /// Appends a question; returns its index.
    int add_question(std::int64_t survey, std::string const& text);
    std::vector<std::string> questions(std::int64_t survey);
    /// Starts a survey not started yet; false when it was.
    bool start_survey(std::int64_t id, std::int64_t at, std::int64_t deadline);
    bool close_survey(std::int64_t id, std::int64_t at);
    /// Adds a member to a survey; false when they were in it already.
    bool enroll(std::int64_t survey, std::string const& user, std::string const& name);
    std::optional<respondent_row> respondent(std::int64_t survey, std::string const& user);
    std::vector<respondent_row> respondents(std::int64_t survey);
    /// Claims putting question `index` to the member; false when it was put before (never twice).
    bool claim_ask(std::int64_t survey, std::string const& user, int index, std::int64_t at);
    /// Records the answer to the question put to the member and moves them on: the next question
    /// counts as put now, or they are done after the last. False when `index` was not the one put.
    bool answer(std::int64_t survey, std::string const& user, int index, std::string const& text, bool last,
                std::int64_t at);
    /// Surveys of groups on `platform` (running, not past `now`) with a question put to the member,
    /// the one put first first.
    std::vector<respondent_row> waiting(std::string const& platform, std::string const& user, std::int64_t now);
    std::vector<answer_row> answers(std::int64_t survey);

private:
    storage::database& db_;
};

}  // namespace plugins::poll
