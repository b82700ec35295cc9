#pragma once
// Shared helpers of the birthday transcript tests.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::birthday {
void register_plugin(bot::plugin_context& ctx);
}

namespace birthday_test {

using testing::group_sends;
using testing::whispers_to;
using testing::count_containing;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"birthday", &plugins::birthday::register_plugin}};
}

/// The greeting's fixed words, as the default text has them.
inline constexpr char const* greeting = "位小伙伴的生日，祝生日快乐";

}  // namespace birthday_test
