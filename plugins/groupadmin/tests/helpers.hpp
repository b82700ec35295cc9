#pragma once
// Shared helpers of the group-admin transcript tests.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"

namespace plugins::groupadmin {
void register_plugin(bot::plugin_context& ctx);
}

namespace groupadmin_test {

inline std::vector<bot::plugin_entry> loaded() { return {{"groupadmin", &plugins::groupadmin::register_plugin}}; }

/// The platform actions of one kind, in order.
inline std::vector<testing::action> actions_of(testing::fake_chat& chat, std::string const& kind) {
    std::vector<testing::action> out;
    for (auto const& a : chat.actions())
        if (a.kind == kind) out.push_back(a);
    return out;
}

inline int count(testing::fake_chat& chat, std::string const& kind) {
    return static_cast<int>(actions_of(chat, kind).size());
}

/// A chat where the bot is an admin of g1, alice is an admin and bob a member.
inline void admins(testing::fake_chat& chat, bot::role bot_role = bot::role::admin) {
    chat.platform().roles["g1"]["bot"] = bot_role;
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").is(bot::role::member);
}

/// A group message from `user` that quotes message `quoted`.
inline bot::message replying(bot::id const& quoted, std::string const& text) {
    return bot::message().reply_to(quoted).text(text);
}

}  // namespace groupadmin_test
