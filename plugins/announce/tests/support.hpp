#pragma once
// Shared helpers of the announce transcript tests.

#include <algorithm>
#include <string>

#include "bot/clock.hpp"
#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::announce {
void register_plugin(bot::plugin_context& ctx);
}

namespace announce_test {

using testing::whispers_to;
using testing::count_containing;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"announce", &plugins::announce::register_plugin}};
}

/// The group messages that mention `user`.
inline int mentions_of(testing::fake_chat& chat, std::string const& user) {
    int n = 0;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.to.is_group() && a.msg.mentions(bot::id(user))) ++n;
    return n;
}

/// Stops the bot, lets time pass while it is down (no job runs), and starts it again.
inline void down_until(testing::fake_chat& chat, bot::time_point t) {
    auto& clock = dynamic_cast<bot::manual_clock&>(chat.bot().clock());
    clock.set(t);
    chat.restart();
    chat.advance(std::chrono::seconds(1));
}

}  // namespace announce_test
