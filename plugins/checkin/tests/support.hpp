#pragma once
// Shared helpers of the check-in transcript tests.

#include <algorithm>
#include <string>

#include "tests/support/fake_chat.hpp"

namespace plugins::checkin {
void register_plugin(bot::plugin_context& ctx);
}

namespace checkin_test {

inline std::vector<bot::plugin_entry> loaded() { return {{"checkin", &plugins::checkin::register_plugin}}; }

/// The sends since the last clear() that went to the group (not private messages).
inline std::vector<testing::action> group_sends(testing::fake_chat& chat, std::size_t from) {
    std::vector<testing::action> out;
    auto const& all = chat.actions();
    for (std::size_t i = from; i < all.size(); ++i)
        if (all[i].kind == "send" && all[i].to.is_group()) out.push_back(all[i]);
    return out;
}

/// Private messages sent to `user` from action index `from` on.
inline std::vector<std::string> whispers_to(testing::fake_chat& chat, std::string const& user, std::size_t from = 0) {
    std::vector<std::string> out;
    auto const& all = chat.actions();
    for (std::size_t i = from; i < all.size(); ++i)
        if (all[i].kind == "send" && !all[i].to.is_group() && all[i].to.user == bot::id(user))
            out.push_back(all[i].text());
    return out;
}

inline int count_containing(std::vector<std::string> const& sent, std::string const& needle) {
    return static_cast<int>(std::count_if(sent.begin(), sent.end(),
                                          [&](auto const& s) { return s.find(needle) != std::string::npos; }));
}

}  // namespace checkin_test
