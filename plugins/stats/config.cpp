#include "plugins/stats/config.hpp"

namespace plugins::stats {

namespace {

using duration_check = std::function<std::optional<bot::expectation>(std::chrono::seconds const&)>;

constexpr std::chrono::seconds shortest_flush{5};
constexpr std::chrono::seconds longest_flush{std::chrono::minutes(10)};
constexpr std::chrono::seconds shortest_window{std::chrono::minutes(10)};
constexpr std::chrono::seconds longest_window{std::chrono::hours(24 * 7)};

std::optional<bot::expectation> flush_ok(std::chrono::seconds const& v) {
    if (v >= shortest_flush && v <= longest_flush) return std::nullopt;
    return bot::expect::duration_range(shortest_flush, longest_flush);
}

std::optional<bot::expectation> window_ok(std::chrono::seconds const& v) {
    if (v >= shortest_window && v <= longest_window) return std::nullopt;
    return bot::expect::duration_range(shortest_window, longest_window);
}

}  // namespace

void config::describe(bot::schema<config>& s) {
    s.field("flush_every", &config::flush_every, "统计数字多久写入一次数据库（5s 到 10m；崩溃最多丢这么久的计数）")
        .check(&config::flush_every, duration_check(flush_ok))
        .accepts(bot::expect::duration_range(shortest_flush, longest_flush))
        .global_only();
    s.range("flush_members", &config::flush_members, 100, 1000000,
            "内存里等待写入的成员日计数到这么多条就立刻写入，不等 flush_every（限住内存和单次写入的行数）")
        .global_only();
    s.range("contributor_messages", &config::contributor_messages, 1, 1000,
            "一天发言至少几条算贡献者（当天打卡也算）");
    s.field("question_words", &config::question_words, "哪些词表示提问（留空用默认：请问、怎么、有没有……）");
    s.field("answer_window", &config::answer_window, "提问后多久内有人回复或 @ 提问者算已回答（10m 到 7d）")
        .check(&config::answer_window, duration_check(window_ok))
        .accepts(bot::expect::duration_range(shortest_window, longest_window));
    s.range("member_cap", &config::member_cap, 0, 100000,
            "群成员上限；0 为按平台（微信、企业微信 500，QQ 按 2000 估计）");
    s.range("top_n", &config::top_n, 1, 50, "话唠榜显示前几名");
    s.range("silent_shown", &config::silent_shown, 0, 50, "统计里最多列出几位变沉默的成员");
    s.field("weekly_report", &config::weekly_report, "每周私信群主和管理员一份群况周报");
    s.range("report_weekday", &config::report_weekday, 1, 7, "周报在星期几发（1 为周一）");
    s.field("report_at", &config::report_at, "周报几点发（本群时间）");
}

}  // namespace plugins::stats
