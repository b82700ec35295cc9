#pragma once
/// [plugins.duty]: when shifts begin, how the rotation turns, what is announced and counted.

#include <chrono>
#include <string>

#include "bot/config_schema.hpp"

namespace plugins::duty {

struct config {
    std::string mode = "daily";
    bot::time_of_day shift_start{9 * 60};
    bool announce = true;
    bool weekly_report = true;
    std::chrono::seconds answer_window{std::chrono::hours(2)};
    std::chrono::seconds flush_every{std::chrono::minutes(5)};

    static void describe(bot::schema<config>& s) {
        s.one_of("mode", &config::mode, {"daily", "weekly"},
                 "新建值班名单时的轮换方式：daily 每天换班、weekly 每周一换班（已有名单用 /duty mode 改）")
            .global_only();
        s.field("shift_start", &config::shift_start, "每班从几点开始（本群时间），到下一天（或下周一）的同一时刻结束");
        s.field("announce", &config::announce, "换班时在群里发值班交接并 @ 新的值班管理员");
        s.field("weekly_report", &config::weekly_report, "每周一换班时把上周的值班统计私聊发给群主和管理员");
        s.field("answer_window", &config::answer_window, "值班管理员在提问后多久内回复（引用或 @ 提问人）算回答了问题");
        s.field("flush_every", &config::flush_every, "值班统计在内存里累积多久写入一次数据库").global_only();
    }
};

}  // namespace plugins::duty
