#pragma once
// Shared helpers of the red-packet transcript tests.

#include <algorithm>
#include <string>

#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::checkin {
void register_plugin(bot::plugin_context& ctx);
}
namespace plugins::redpacket {
void register_plugin(bot::plugin_context& ctx);
}

namespace redpacket_test {

using testing::whispers_to;
using testing::count_containing;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"checkin", &plugins::checkin::register_plugin}, {"redpacket", &plugins::redpacket::register_plugin}};
}

/// The group messages that mention `user`.
inline int mentions_of(testing::fake_chat& chat, std::string const& user) {
    int n = 0;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.to.is_group() && a.msg.mentions(bot::id(user))) ++n;
    return n;
}

}  // namespace redpacket_test
