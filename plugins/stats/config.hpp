#pragma once
/// [plugins.stats]: what counts as a contributor and a question, when counters are written, the
/// member cap, the top-talker board and the weekly report.

#include <chrono>
#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::stats {

struct config {
    /// Written to the database at most this long after they happen (bot.toml only).
    std::chrono::seconds flush_every{30};
    /// Written at once, before flush_every, when this many member days wait in memory: the counts
    /// of a busy bot stay a few megabytes, and no flush writes more rows than that (bot.toml only).
    int flush_members = 20000;
    int contributor_messages = 5;
    std::vector<std::string> question_words;  ///< empty: bot::default_question_words()
    std::chrono::seconds answer_window{std::chrono::hours(24)};
    int member_cap = 0;  ///< 0: the platform's (WeChat/WeCom 500, QQ 2000 assumed)
    int top_n = 10;
    int silent_shown = 10;
    bool weekly_report = true;
    int report_weekday = 1;
    bot::time_of_day report_at{9 * 60};

    static void describe(bot::schema<config>& s);
};

}  // namespace plugins::stats
