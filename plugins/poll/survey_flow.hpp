#pragma once
/// What the survey commands share with the answering flow (answers.cpp, survey_views.cpp).

#include <string>
#include <vector>

#include "plugins/poll/glue.hpp"

namespace plugins::poll {

/// The scheduler key of a survey's deadline job.
std::string survey_job_key(std::int64_t survey);

/// Who a survey's start puts the first question to.
struct enrolment {
    bool listed = false;          ///< the platform listed the members (else they opt in with /survey join)
    std::vector<bot::id> to_ask;  ///< members whose first question was claimed just now
};
/// Enrolls every member the platform lists and claims their first question, in one transaction.
bot::task<enrolment> enroll_everyone(state_ptr st, bot::group_ref g, survey_row sv);
/// Sends the claimed first questions in private (paced by the outbox); returns how many failed.
bot::task<int> send_first_questions(state_ptr st, bot::group_ref g, survey_row sv, std::vector<bot::id> to_ask);

/// A question as put to a member: "调研 #1「标题」第 2/3 题：…".
std::string question_text(state& st, bot::group_ref const& g, survey_row const& sv, int index);
/// The admins' progress line with the names of those not done.
std::string progress_text(state& st, bot::group_ref const& g, survey_row const& sv);
/// Closes a survey and tells the group, once; false when it was closed before.
bot::task<bool> close_survey(state_ptr st, bot::group_ref g, std::int64_t survey);

}  // namespace plugins::poll
