#pragma once
/// [plugins.groupadmin]: night mode (宵禁) and the limits on cards and titles.

#include <cstdint>

#include "bot/config_schema.hpp"

namespace plugins::groupadmin {

struct config {
    bool night_mode = false;
    bot::time_of_day night_start{23 * 60};
    bot::time_of_day night_end{7 * 60};
    bool night_announce = true;
    std::int64_t card_max_bytes = 60;
    std::int64_t title_max_bytes = 18;

    static void describe(bot::schema<config>& s) {
        s.field("night_mode", &config::night_mode,
                "night mode (宵禁): mute the whole group every night from night_start to night_end");
        s.field("night_start", &config::night_start, "when the night mute starts, the group's local time");
        s.field("night_end", &config::night_end, "when it ends, the group's local time");
        s.field("night_announce", &config::night_announce, "say in the group when the night mute starts and ends");
        s.range("card_max_bytes", &config::card_max_bytes, std::int64_t{1}, std::int64_t{120},
                "longest group card /card sets, in UTF-8 bytes (QQ: 60)");
        s.range("title_max_bytes", &config::title_max_bytes, std::int64_t{1}, std::int64_t{60},
                "longest special title /title sets, in UTF-8 bytes (QQ: 18, six Chinese characters)");
    }
};

}  // namespace plugins::groupadmin
