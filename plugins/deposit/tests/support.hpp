#pragma once
// Shared helpers of the deposit transcript tests: both plugins loaded, members enrolled and paid.

#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

#include "bot/attendance.hpp"
#include "plugins/deposit/books.hpp"
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

/// The marks as the plugin reads them (a counted check-in is done, anything else missed), from the
/// attendance service the check-in plugin provides; optionally failing for one member, as a crash
/// in the middle of a day close would.
inline plugins::deposit::books::mark_fn marks(testing::fake_chat& chat, std::string const& crash_on = "") {
    return [&chat, crash_on](std::string const& g, bot::id const& u, bot::civil_date d) {
        if (u.encode() == crash_on) throw std::runtime_error("power cut");
        auto records = std::static_pointer_cast<bot::attendance>(
            chat.bot().find_service(bot::attendance::service_name, typeid(bot::attendance)));
        return records->mark(g, u, d) == bot::day_mark::done ? bot::day_mark::done : bot::day_mark::missed;
    };
}

}  // namespace deposit_test
