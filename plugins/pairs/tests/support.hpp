#pragma once
// Shared helpers of the pairs transcript tests.

#include <string>
#include <vector>

#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::checkin {
void register_plugin(bot::plugin_context& ctx);
}
namespace plugins::pairs {
void register_plugin(bot::plugin_context& ctx);
}

namespace pairs_test {

using testing::count_containing;
using testing::group_sends;
using testing::whispers_to;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"checkin", &plugins::checkin::register_plugin}, {"pairs", &plugins::pairs::register_plugin}};
}

/// Check-in reminders and roll calls stay out of the way of what these tests read.
inline constexpr char const* quiet = "[plugins.checkin]\nremind = false\nroll_call = false\n";

/// boss (an admin) and the members `who` join the pairs.
inline testing::member enrol(testing::fake_chat& chat, std::vector<std::string> const& who) {
    auto boss = chat.user("boss").is(bot::role::admin);
    for (auto const& w : who) chat.user(w).says("/pairs join");
    return boss;
}

/// Which group `user` is in, as /mypartner... read from the /pairs list reply: the line holding the name.
inline std::string line_with(std::string const& text, std::string const& name) {
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        auto line = text.substr(at, end - at);
        if (line.find(name) != std::string::npos) return line;
        at = end + 1;
    }
    return {};
}

}  // namespace pairs_test

namespace pairs_test {

/// The names in `user`'s group, from the /pairs list reply (without `user`).
inline std::vector<std::string> partners_of(testing::fake_chat& chat, std::string const& user) {
    chat.user(user).says("/pairs list");
    auto line = line_with(chat.last(), user);
    std::vector<std::string> out;
    auto colon = line.find("：");
    if (colon == std::string::npos) return out;
    auto rest = line.substr(colon + std::string("：").size()) + "、";
    std::size_t at = 0;
    for (auto sep = rest.find("、"); sep != std::string::npos; sep = rest.find("、", at)) {
        auto name = rest.substr(at, sep - at);
        if (name != user) out.push_back(name);
        at = sep + std::string("、").size();
    }
    return out;
}

}  // namespace pairs_test
