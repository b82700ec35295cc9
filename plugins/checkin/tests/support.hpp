#pragma once
// Shared helpers of the check-in transcript tests.

#include <algorithm>
#include <string>

#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::checkin {
void register_plugin(bot::plugin_context& ctx);
}

namespace checkin_test {

using testing::group_sends;
using testing::whispers_to;
using testing::count_containing;

inline std::vector<bot::plugin_entry> loaded() { return {{"checkin", &plugins::checkin::register_plugin}}; }

}  // namespace checkin_test
