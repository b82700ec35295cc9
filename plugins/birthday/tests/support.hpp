#pragma once
// Shared helpers of the birthday transcript tests.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"

namespace plugins::birthday {
void register_plugin(bot::plugin_context& ctx);
}

namespace birthday_test {

inline std::vector<bot::plugin_entry> loaded() {
    return {{"birthday", &plugins::birthday::register_plugin}};
}

/// The sends from action index `from` on that went to a group.
inline std::vector<testing::action> group_sends(testing::fake_chat& chat, std::size_t from = 0) {
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
    return static_cast<int>(
        std::count_if(sent.begin(), sent.end(), [&](auto const& s) { return s.find(needle) != std::string::npos; }));
}

/// The greeting's fixed words, as the default text has them.
inline constexpr char const* greeting = "位小伙伴的生日，祝生日快乐";

}  // namespace birthday_test
