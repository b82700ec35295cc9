#pragma once
// Shared helpers of the duty tests: the plugin, with antiad for /mute, in a fake chat whose admin is
// "boss" and whose members are alice, bob, carol and dave.

#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::duty {
void register_plugin(bot::plugin_context& ctx);
}
namespace plugins::antiad {
void register_plugin(bot::plugin_context& ctx);
}

namespace duty_test {

using testing::count_containing;
using testing::group_sends;
using testing::whispers_to;

inline std::vector<bot::plugin_entry> loaded() { return {{"duty", &plugins::duty::register_plugin}}; }
/// With antiad, whose /mute asks for the 分管 role that a shift gives.
inline std::vector<bot::plugin_entry> with_mute() {
    return {{"antiad", &plugins::antiad::register_plugin}, {"duty", &plugins::duty::register_plugin}};
}

/// A chat in `zone` (the bot's zone, so advance_to reads local times there) with boss as admin.
struct duty_chat : testing::fake_chat {
    explicit duty_chat(std::vector<bot::plugin_entry> plugins = loaded(), std::string toml = "",
                       std::string start = "2026-03-02 08:00")
        : testing::fake_chat(toml, std::move(plugins), start) {
        for (auto const* u : {"alice", "bob", "carol", "dave"}) user(u).is(bot::role::member);
        user("boss").is(bot::role::admin);
    }
    void admin(std::string const& text) { user("boss").says(text); }
    /// How many group messages from index `from` contain `needle`.
    int group_count(std::string const& needle, std::size_t from = 0) {
        int n = 0;
        for (auto const& a : group_sends(*this, from)) n += a.text().find(needle) != std::string::npos ? 1 : 0;
        return n;
    }
};

inline std::string const new_york = "[bot]\ntimezone = \"America/New_York\"\n";

}  // namespace duty_test
