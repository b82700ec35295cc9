#pragma once
/// [plugins.bestshare]: when the weekly vote opens and closes, what counts as a share, the reward.

#include <chrono>

#include "bot/config_schema.hpp"

namespace plugins::bestshare {

struct config {
    int vote_weekday = 7;
    bot::time_of_day vote_at{20 * 60};
    std::chrono::seconds vote_for{std::chrono::hours(24)};
    bot::money_amount reward{500};
    int auto_min_chars = 80;
    int max_nominees = 10;
    int quote_chars = 60;

    static void describe(bot::schema<config>& s) {
        s.range("vote_weekday", &config::vote_weekday, 0, 7,
                "每周星期几开始评选最佳分享（1 为周一 … 7 为周日）；0 为不自动开始");
        s.field("vote_at", &config::vote_at, "评选投票几点开始（本群时间）");
        s.field("vote_for", &config::vote_for, "投票开放多久（如 24h，10 分钟到 6 天）")
            .check(&config::vote_for, [](std::chrono::seconds d) -> std::optional<bot::expectation> {
                if (d < std::chrono::minutes(10) || d > std::chrono::days(6))
                    return bot::expect::duration_range(std::chrono::minutes(10), std::chrono::days(6));
                return std::nullopt;
            });
        s.field("reward", &config::reward, "本周最佳从群基金领的奖励；0 为不发奖励");
        s.range("auto_min_chars", &config::auto_min_chars, 0, 10000,
                "打卡内容至少多少字自动提名；0 为不自动提名");
        s.range("max_nominees", &config::max_nominees, 1, 30, "每周最多几个提名");
        s.range("quote_chars", &config::quote_chars, 10, 300, "投票里引用分享的最多字数");
    }
};

}  // namespace plugins::bestshare
