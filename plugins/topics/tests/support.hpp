#pragma once
// Shared helpers of the topic bank's tests.

#include <algorithm>
#include <string>
#include <vector>

#include "bot/timezone.hpp"
#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::topics {
void register_plugin(bot::plugin_context& ctx);
}

namespace topics_test {

using testing::count_containing;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"topics", &plugins::topics::register_plugin}};
}

/// Moves the chat's clock to a local time of `zone` ("America/New_York").
inline void advance_to_in(testing::fake_chat& chat, std::string const& zone, bot::civil_date d, int h, int m) {
    auto t = bot::time_zone::must_load(zone).from_local(d, h, m);
    chat.advance(std::chrono::duration_cast<std::chrono::seconds>(t - chat.now()));
}

/// The topics posted since the last clear(), the posts' own lines after the heading.
inline std::vector<std::string> posts(testing::fake_chat& chat) {
    std::vector<std::string> out;
    for (auto const& t : chat.sent())
        if (t.starts_with("💬 聊个话题")) out.push_back(t.substr(t.find('\n') + 1));
    return out;
}

/// A group with an admin and three topics (two general, one professional), at Monday 09:00.
inline testing::member stocked(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/topic add 周末大家都去哪儿玩？");
    boss.says("/topic add 专业 最近读到的好文章是什么？");
    boss.says("/topic add 最想学的一项新技能？");
    chat.clear();
    return boss;
}

}  // namespace topics_test
