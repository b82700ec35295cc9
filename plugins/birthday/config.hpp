#pragma once
/// [plugins.birthday]: when the morning greeting goes out and where birthdays come from.

#include <string>

#include "bot/config_schema.hpp"

namespace plugins::birthday {

struct config {
    bool greet = true;
    bot::time_of_day greet_at{8 * 60};
    int max_mentions = 50;
    std::string profile_field = "生日";

    static void describe(bot::schema<config>& s) {
        s.field("greet", &config::greet, "生日当天在群里发祝福");
        s.field("greet_at", &config::greet_at, "每天几点发生日祝福（本群时间）");
        s.range("max_mentions", &config::max_mentions, 1, 500, "一条祝福最多 @ 几人，超出的另发一条");
        s.field("profile_field", &config::profile_field,
                "入群资料里哪一项当作生日（欢迎插件的资料字段名）；留空则不从资料读取");
    }
};

}  // namespace plugins::birthday
