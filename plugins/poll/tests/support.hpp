#pragma once
// Shared helpers of the poll plugin's transcript tests.

#include <algorithm>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "tests/support/fake_chat.hpp"

namespace plugins::poll {
void register_plugin(bot::plugin_context& ctx);
}

namespace poll_test {

inline std::vector<bot::plugin_entry> loaded() {
    return {{"poll", &plugins::poll::register_plugin}};
}

inline int count_containing(std::vector<std::string> const& sent, std::string const& needle) {
    return static_cast<int>(
        std::count_if(sent.begin(), sent.end(), [&](auto const& s) { return s.find(needle) != std::string::npos; }));
}

/// Private messages sent to `user`.
inline std::vector<std::string> whispers_to(testing::fake_chat& chat, std::string const& user) {
    std::vector<std::string> out;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && !a.to.is_group() && a.to.user == bot::id(user)) out.push_back(a.text());
    return out;
}

/// One number from the database.
inline long long scalar(testing::fake_chat& chat, std::string const& sql) {
    auto& q = chat.bot().db().prepare(sql);
    storage::statement_guard guard{q};
    q.executeStep();
    return q.getColumn(0).getInt64();
}

}  // namespace poll_test
