#pragma once
/// [plugins.announce]: how late a missed announcement may still go out, when sessions remind.

#include <chrono>

#include "bot/config_schema.hpp"

namespace plugins::announce {

struct config {
    std::chrono::seconds max_lateness{std::chrono::hours(2)};
    std::chrono::seconds remind_before{std::chrono::hours(1)};
    std::chrono::seconds early_remind{0};
    int max_mentions = 20;
    int max_cap = 500;

    static void describe(bot::schema<config>& s) {
        s.field("max_lateness", &config::max_lateness, "机器人停机错过的公告，迟到多久以内仍补发一次（超过就跳过）");
        s.field("remind_before", &config::remind_before, "分享会开始前多久提醒已报名的成员、把名单发给主持人");
        s.field("early_remind", &config::early_remind,
                "分享会开始前多久再多提醒一次（如 1d，只 @ 报了名的人）；0s 为不提醒，须长于 remind_before");
        s.range("max_mentions", &config::max_mentions, 1, 200, "提醒时一条消息最多 @ 几人");
        s.range("max_cap", &config::max_cap, 1, 10000, "分享会人数上限最多能设多少");
    }
};

}  // namespace plugins::announce
