#pragma once
// Shared bits of the welcome plugin's tests.

#include <string>
#include <vector>

#include "bot/display.hpp"
#include "tests/support/fake_chat.hpp"

namespace plugins::welcome {
void register_plugin(bot::plugin_context& ctx);
}

namespace welcome_test {

inline std::vector<bot::plugin_entry> plugin() { return {{"welcome", &plugins::welcome::register_plugin}}; }

/// The messages the bot sent, counting actions from index `from` on.
inline std::vector<testing::action> sends(testing::fake_chat& chat, std::size_t from = 0) {
    std::vector<testing::action> out;
    for (std::size_t i = from; i < chat.actions().size(); ++i)
        if (chat.actions()[i].kind == "send") out.push_back(chat.actions()[i]);
    return out;
}

/// How many actions of a kind ("mute", "kick", "answer") happened, and to whom.
inline int count(testing::fake_chat& chat, std::string const& kind, std::string const& user = "") {
    int n = 0;
    for (auto const& a : chat.actions())
        if (a.kind == kind && (user.empty() || a.user.str() == user)) ++n;
    return n;
}

/// The users @-mentioned in a message, in order.
inline std::vector<std::string> mentioned(bot::message const& m) {
    std::vector<std::string> out;
    for (auto const& s : m.segments())
        if (auto a = std::get_if<bot::seg::at>(&s)) out.push_back(a->user.str());
    return out;
}

}  // namespace welcome_test
