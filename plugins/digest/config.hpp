#pragma once
/// [plugins.digest]: what counts as a question, how long an answer may come, and when and how the
/// group's Q&A digest is posted.

#include <chrono>
#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::digest {

struct config {
    /// Words that mark a question; empty means bot::default_question_words().
    std::vector<std::string> question_words;
    /// The shortest question collected, in characters (without mentions).
    int min_length = 4;
    /// How long after a question a message that @-mentions the asker counts as an answer.
    std::chrono::seconds answer_window{std::chrono::hours(2)};
    int answers_per_question = 2;
    /// "daily", "weekly" or "off".
    std::string schedule = "daily";
    /// For "weekly": 1 = Monday ... 7 = Sunday.
    int weekday = 7;
    bot::time_of_day digest_at{21 * 60};
    int max_questions = 10;
    /// List the period's questions nobody answered at the end of the digest.
    bool list_unanswered = false;

    static void describe(bot::schema<config>& s);
};

}  // namespace plugins::digest
