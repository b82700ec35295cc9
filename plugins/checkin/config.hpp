#pragma once
/// [plugins.checkin]: how a group checks in, what counts, leave, make-up, reminder and day close.

#include <chrono>
#include <string>

#include "bot/config_schema.hpp"

namespace plugins::checkin {

struct config {
    bool bare_words = true;
    std::string require = "none";
    int min_text_length = 10;
    int leave_per_week = 2;
    int leave_max_days = 7;
    int makeup_per_month = 2;
    std::chrono::seconds makeup_window{std::chrono::hours(24)};
    bool remind = true;
    bot::time_of_day remind_at{21 * 60};
    int max_mentions = 50;
    std::string roster = "participants";
    bool roll_call = true;
    int absent_days = 3;
    std::string absent_action = "none";
    int burst_replies = 3;
    std::chrono::seconds burst_window{60};

    static void describe(bot::schema<config>& s) {
        s.field("bare_words", &config::bare_words, "不带命令前缀的「签到」「打卡」「checkin」也算打卡")
            .global_only();
        s.one_of("require", &config::require, {"none", "text", "image", "text_or_image", "text_and_image"},
                 "打卡要附带什么才算数：none 不要求、text 文字、image 图片、text_or_image 文字或图片、text_and_image 文字和图片");
        s.range("min_text_length", &config::min_text_length, 0, 10000,
                "文字至少多少字才算文字输出（require 要求文字时）");
        s.range("leave_per_week", &config::leave_per_week, 0, 7, "每人每周（周一到周日）可请假的天数");
        s.range("leave_max_days", &config::leave_max_days, 1, 60, "一次 /请假 最多几天");
        s.range("makeup_per_month", &config::makeup_per_month, 0, 31, "每人每月可补卡的次数；0 为不允许补卡");
        s.field("makeup_window", &config::makeup_window, "换日后多久内还能补昨天的卡");
        s.field("remind", &config::remind, "提醒还没打卡的成员");
        s.field("remind_at", &config::remind_at, "每天几点提醒（本群时间）");
        s.range("max_mentions", &config::max_mentions, 1, 500, "一条消息最多 @ 几人");
        s.one_of("roster", &config::roster, {"participants", "members"},
                 "谁应当打卡：participants 在本群打过卡的人，members 平台上的全体群成员");
        s.field("roll_call", &config::roll_call, "换日时发当天的点名");
        s.range("absent_days", &config::absent_days, 0, 365,
                "成员连续缺卡这么多天就告诉管理员；0 为从不");
        s.one_of("absent_action", &config::absent_action, {"none", "remind", "kick"},
                 "成员连续缺卡达到 absent_days 时还要做什么：none 不做、remind 提醒本人、kick 移出群");
        s.range("burst_replies", &config::burst_replies, 1, 100,
                "burst_window 内逐条回复的打卡确认数，超出后合并成一条");
        s.field("burst_window", &config::burst_window, "burst_replies 的统计时长，也是合并确认等待的时长");
    }
};

}  // namespace plugins::checkin
