#pragma once
/// [plugins.redpacket]: owed red packets for missed days, lurker activation, the group fund view.

#include <chrono>
#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::redpacket {

struct config {
    bool owe_on_miss = false;
    bot::money_amount owed_amount{500};
    int lurker_days = 7;
    int mention_every_days = 7;
    int session_weekday = 0;
    bot::time_of_day session_at{20 * 60};
    std::chrono::seconds notice_before{std::chrono::hours(2)};
    std::string session_name = "分享会";
    std::vector<std::string> hosts;
    bool mention_lurkers = true;
    int max_mentions = 50;
    int fund_entries = 10;

    static void describe(bot::schema<config>& s) {
        s.field("owe_on_miss", &config::owe_on_miss,
                "群规「没输出就发红包」：每缺一天打卡欠一个红包");
        s.field("owed_amount", &config::owed_amount, "缺一天欠的红包金额");
        s.range("lurker_days", &config::lurker_days, 1, 365, "多少天没发言算潜水");
        s.range("mention_every_days", &config::mention_every_days, 1, 365,
                "潜水成员在群里最多每隔几天被 @ 一次");
        s.range("session_weekday", &config::session_weekday, 0, 7,
                "群例会在星期几（1 为周一 … 7 为周日）；0 为没有例会");
        s.field("session_at", &config::session_at, "例会几点开始（本群时间）");
        s.field("notice_before", &config::notice_before, "例会开始前多久把潜水名单发给主持人");
        s.field("session_name", &config::session_name, "消息里怎么称呼例会");
        s.field("hosts", &config::hosts, "例会主持人的用户 ID；留空为本群管理员");
        s.field("mention_lurkers", &config::mention_lurkers, "例会开始时在群里 @ 潜水成员");
        s.range("max_mentions", &config::max_mentions, 1, 500, "一条消息最多 @ 几人");
        s.range("fund_entries", &config::fund_entries, 1, 50, "/fund 显示最近几笔记录");
    }
};

}  // namespace plugins::redpacket
