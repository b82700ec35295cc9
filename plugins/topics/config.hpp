#pragma once
/// [plugins.topics]: the group's topic bank, and when the bot may post one into a quiet group.

#include <chrono>
#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::topics {

/// The longest category name, in characters.
inline constexpr std::size_t max_category_chars = 12;

struct config {
    std::vector<std::string> categories{"通用", "专业"};
    bool auto_post = true;
    std::chrono::seconds quiet_after{std::chrono::hours(3)};
    bot::time_of_day waking_start{9 * 60};
    bot::time_of_day waking_end{22 * 60};
    int max_per_day = 2;

    static void describe(bot::schema<config>& s);
};

}  // namespace plugins::topics
