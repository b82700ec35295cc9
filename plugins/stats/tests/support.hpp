#pragma once
// Shared helpers of the statistics' tests.

#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::stats {
void register_plugin(bot::plugin_context& ctx);
}
namespace plugins::checkin {
void register_plugin(bot::plugin_context& ctx);
}

namespace stats_test {

using testing::count_containing;
using testing::whispers_to;

inline std::vector<bot::plugin_entry> loaded() { return {{"stats", &plugins::stats::register_plugin}}; }
inline std::vector<bot::plugin_entry> with_checkin() {
    return {{"checkin", &plugins::checkin::register_plugin}, {"stats", &plugins::stats::register_plugin}};
}

}  // namespace stats_test
