#pragma once
// Shared helpers of the deposit transcript tests: both plugins loaded, members enrolled and paid.

#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"

namespace plugins::checkin {
void register_plugin(bot::plugin_context& ctx);
}
namespace plugins::deposit {
void register_plugin(bot::plugin_context& ctx);
}

namespace deposit_test {

inline std::vector<bot::plugin_entry> loaded() {
    return {{"checkin", &plugins::checkin::register_plugin}, {"deposit", &plugins::deposit::register_plugin}};
}

/// The bot.toml of the tests: the check-in roll call and reminder off, so transcripts show only
/// what the deposit plugin says.
inline std::string const quiet = "[plugins.checkin]\nremind = false\nroll_call = false\nabsent_days = 0\n";

/// The group's key in the ledger.
inline std::string const group_key = "test:g1";

/// Every send since the last clear(), joined, for readable failure messages.
inline std::string all(testing::fake_chat& chat) {
    std::string out;
    for (auto const& s : chat.sent()) out += s + "\n---\n";
    return out;
}

}  // namespace deposit_test
