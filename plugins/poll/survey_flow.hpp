#pragma once
/// What the survey commands share with the answering flow (answers.cpp, survey_views.cpp).

#include <string>

#include "plugins/poll/glue.hpp"

namespace plugins::poll {

/// The scheduler key of a survey's deadline job.
std::string survey_job_key(std::int64_t survey);

/// How a survey's start reached the members.
struct ask_result {
    bool listed = false;  ///< the platform listed the members (else they opt in with /survey join)
    int sent = 0;         ///< first questions sent in private
    int failed = 0;       ///< private messages that failed: those members answer in the group
};
/// Enrolls every member the platform lists and puts the first question to each in private, once.
bot::task<ask_result> ask_everyone(state_ptr st, bot::group_ref g, survey_row sv);

/// A question as put to a member: "调研 #1「标题」第 2/3 题：…".
std::string question_text(state& st, bot::group_ref const& g, survey_row const& sv, int index);
/// The admins' progress line with the names of those not done.
std::string progress_text(state& st, bot::group_ref const& g, survey_row const& sv);
/// Closes a survey and tells the group, once; false when it was closed before.
bot::task<bool> close_survey(state_ptr st, bot::group_ref g, std::int64_t survey);

}  // namespace plugins::poll
