#pragma once
/// [plugins.deposit]: the defaults of new challenges and the plugin's timing. Each challenge keeps
/// the rules it was created with; changing these later never changes a running challenge.

#include <chrono>
#include <string>

#include "bot/config_schema.hpp"

namespace plugins::deposit {

struct config {
    bot::money_amount deposit{5000};
    int days = 21;
    bot::money_amount fine{500};
    int fine_percent = 0;
    int free_misses = 0;
    std::string forfeit_to = "fund";
    int fund_percent = 50;
    int leave_limit = 3;
    std::string leaver = "forfeit";
    std::string rule = "checkin";
    std::chrono::seconds pay_within{std::chrono::hours(48)};
    bot::time_of_day remind_at{20 * 60};
    bool nudge = true;
    int judge_delay_hours = 0;
    std::string export_dir;

    static void describe(bot::schema<config>& s) {
        s.field("deposit", &config::deposit, "新挑战的默认押金");
        s.range("days", &config::days, 1, 366, "新挑战的默认天数");
        s.field("fine", &config::fine, "每缺一天的默认罚金（fine_percent 为 0 时）");
        s.range("fine_percent", &config::fine_percent, 0, 100,
                "默认罚金比例：每缺一天扣剩余押金的百分之几；0 为按固定罚金");
        s.range("free_misses", &config::free_misses, 0, 366,
                "默认可免罚缺几天（全额退还需完成 days - free_misses 天）");
        s.one_of("forfeit_to", &config::forfeit_to, {"fund", "finishers", "split"},
                 "罚金默认去向：fund 进群基金，finishers 分给完成者，split 两者分摊");
        s.range("fund_percent", &config::fund_percent, 0, 100, "split 时每笔罚金进群基金的百分比");
        s.range("leave_limit", &config::leave_limit, 0, 366,
                "每次挑战默认可请假几天；超出的请假算缺卡");
        s.one_of("leaver", &config::leaver, {"forfeit", "prorata"},
                 "已交押金的成员中途退群时的默认处理：forfeit 没收，prorata 按比例退还");
        s.one_of("rule", &config::rule, {"checkin", "message"},
                 "默认怎样算完成一天：checkin 有效打卡，message 在群里发任意消息");
        s.field("pay_within", &config::pay_within, "报名后这么久押金还没确认就失效");
        s.field("remind_at", &config::remind_at,
                "每天提醒未交押金的报名和今天还没完成的成员的时间（本群时间）");
        s.field("nudge", &config::nudge, "在 remind_at 时 @ 今天还没完成的已交押金成员");
        s.range("judge_delay_hours", &config::judge_delay_hours, 0, 23,
                "换日后过几小时再结算当天，这段时间内补卡仍算数");
        s.field("export_dir", &config::export_dir, "/deposit export 写 CSV 文件的目录；留空则为数据库旁的 exports/")
            .global_only();
    }
};

}  // namespace plugins::deposit
