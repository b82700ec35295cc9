#pragma once
/// [plugins.pairs]: who takes part, how big the groups are, how long a cycle lasts, how they are matched.

#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::pairs {

struct config {
    std::string enrol = "join";
    int group_size = 2;
    int cycle_days = 7;
    bool auto_regroup = true;
    int avoid_cycles = 3;
    std::vector<std::string> match_fields;
    std::vector<std::string> mix_fields;
    bool nudge = true;
    int max_mentions = 50;

    static void describe(bot::schema<config>& s) {
        s.one_of("enrol", &config::enrol, {"join", "roster"},
                 "谁参加分组：join 为发「/pairs join」报名的人，roster 为所有参加打卡的成员");
        s.range("group_size", &config::group_size, 2, 20, "每组默认几人（2 为同桌）");
        s.range("cycle_days", &config::cycle_days, 1, 90, "每轮默认几天");
        s.field("auto_regroup", &config::auto_regroup, "一轮结束时自动重新分组，开始下一轮");
        s.range("avoid_cycles", &config::avoid_cycles, 0, 20, "重新分组时尽量避开最近几轮同组过的人");
        s.field("match_fields", &config::match_fields, "入群资料里哪些项尽量相同的人分在一组（如 行业）");
        s.field("mix_fields", &config::mix_fields, "入群资料里哪些项在组内尽量不同（如 擅长）");
        s.field("nudge", &config::nudge, "有人没打卡时，在收盘后提醒同组的小伙伴");
        s.range("max_mentions", &config::max_mentions, 1, 500, "一条消息最多 @ 几人");
    }
};

}  // namespace plugins::pairs
