#include "plugins/digest/config.hpp"

#include "bot/utf8.hpp"

namespace plugins::digest {

namespace {

using duration_check = std::function<std::optional<bot::expectation>(std::chrono::seconds const&)>;
using list_check = std::function<std::optional<bot::expectation>(std::vector<std::string> const&)>;

constexpr std::chrono::seconds shortest_window{std::chrono::minutes(5)};
constexpr std::chrono::seconds longest_window{std::chrono::hours(24 * 7)};

std::optional<bot::expectation> window_ok(std::chrono::seconds const& v) {
    if (v >= shortest_window && v <= longest_window) return std::nullopt;
    return bot::expect::duration_range(shortest_window, longest_window);
}

/// At most 50 words, each 1 to 10 characters without spaces.
std::optional<bot::expectation> words_ok(std::vector<std::string> const& v) {
    auto want = bot::expect::custom("digest.expect.question_words",
                                    "at most 50 words of 1 to 10 characters each, without spaces");
    if (v.size() > 50) return want;
    for (auto const& w : v)
        if (w.empty() || bot::code_points(w) > 10 || w.find_first_of(" \t\r\n") != std::string::npos) return want;
    return std::nullopt;
}

}  // namespace

void config::describe(bot::schema<config>& s) {
    s.field("question_words", &config::question_words, "表示提问的词（如 请问、怎么）；留空用内置的词表")
        .check(&config::question_words, list_check(words_ok));
    s.range("min_length", &config::min_length, 1, 100, "收集的问题最少几个字（不算 @）");
    s.field("answer_window", &config::answer_window, "提问后多久内 @ 提问人的消息算作回答（5m 到 7d）")
        .check(&config::answer_window, duration_check(window_ok))
        .accepts(bot::expect::duration_range(shortest_window, longest_window));
    s.range("answers_per_question", &config::answers_per_question, 1, 5, "精选里每个问题最多列几条回答");
    s.one_of("schedule", &config::schedule, {"daily", "weekly", "off"}, "多久发一次问答精选：daily、weekly 或 off");
    s.range("weekday", &config::weekday, 1, 7, "每周精选在星期几发（1 是周一，7 是周日）");
    s.field("digest_at", &config::digest_at, "几点发问答精选（本群时间）");
    s.range("max_questions", &config::max_questions, 1, 30, "一期精选最多列几个问题");
    s.field("list_unanswered", &config::list_unanswered, "精选末尾列出还没人回答的问题");
}

}  // namespace plugins::digest
