#pragma once
/// [plugins.poll]: polls (投票) and surveys (需求调研).

#include <chrono>

#include "bot/config_schema.hpp"

namespace plugins::poll {

struct config {
    std::chrono::seconds default_deadline{std::chrono::hours(24)};
    std::chrono::seconds max_deadline{std::chrono::hours(24 * 30)};
    int max_options = 10;
    int max_question = 120;
    int max_option = 40;
    int bar_width = 10;
    std::chrono::seconds survey_deadline{std::chrono::hours(24 * 3)};
    int max_questions = 10;
    int max_answer = 300;
    int summary_answers = 5;

    static void describe(bot::schema<config>& s) {
        s.field("default_deadline", &config::default_deadline, "投票不写截止时间时多久后截止")
            .check(&config::default_deadline, [](std::chrono::seconds d) -> std::optional<bot::expectation> {
                if (d < std::chrono::minutes(1)) return bot::expect::positive_duration();
                return std::nullopt;
            });
        s.field("max_deadline", &config::max_deadline, "投票和调研最长能开多久")
            .check(&config::max_deadline, [](std::chrono::seconds d) -> std::optional<bot::expectation> {
                if (d < std::chrono::minutes(1)) return bot::expect::positive_duration();
                return std::nullopt;
            });
        s.range("max_options", &config::max_options, 2, 30, "一个投票最多几个选项");
        s.range("max_question", &config::max_question, 10, 1000, "投票问题最长多少字节（超出截断）");
        s.range("max_option", &config::max_option, 4, 300, "每个选项最长多少字节（超出截断）");
        s.range("bar_width", &config::bar_width, 1, 40, "结果条形图最长几格");
        s.field("survey_deadline", &config::survey_deadline, "调研不写截止时间时多久后截止")
            .check(&config::survey_deadline, [](std::chrono::seconds d) -> std::optional<bot::expectation> {
                if (d < std::chrono::minutes(1)) return bot::expect::positive_duration();
                return std::nullopt;
            });
        s.range("max_questions", &config::max_questions, 1, 50, "一份调研最多几个问题");
        s.range("max_answer", &config::max_answer, 10, 4000, "调研每个回答最长多少字节（超出截断）");
        s.range("summary_answers", &config::summary_answers, 0, 50, "/survey summary 每题列出几条回答");
    }
};

}  // namespace plugins::poll
