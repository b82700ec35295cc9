#pragma once
// Reading what the bot sent in a fake_chat transcript: the group messages, the private messages to
// one member, and how many texts contain a phrase.

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"

namespace testing {

/// The sends from action index `from` on that went to a group (not private messages).
inline std::vector<action> group_sends(fake_chat& chat, std::size_t from = 0) {
    std::vector<action> out;
    auto const& all = chat.actions();
    for (std::size_t i = from; i < all.size(); ++i)
        if (all[i].kind == "send" && all[i].to.is_group()) out.push_back(all[i]);
    return out;
}

/// The texts of the private messages sent to `user` from action index `from` on.
inline std::vector<std::string> whispers_to(fake_chat& chat, std::string const& user, std::size_t from = 0) {
    std::vector<std::string> out;
    auto const& all = chat.actions();
    for (std::size_t i = from; i < all.size(); ++i)
        if (all[i].kind == "send" && !all[i].to.is_group() && all[i].to.user == bot::id(user))
            out.push_back(all[i].text());
    return out;
}

/// How many of `texts` contain `needle`.
inline int count_containing(std::vector<std::string> const& texts, std::string const& needle) {
    return static_cast<int>(std::count_if(texts.begin(), texts.end(),
                                          [&](auto const& t) { return t.find(needle) != std::string::npos; }));
}

}  // namespace testing
