#pragma once
// Shared helpers of the poll plugin's transcript tests.

#include <algorithm>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::poll {
void register_plugin(bot::plugin_context& ctx);
}

namespace poll_test {

using testing::whispers_to;
using testing::count_containing;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"poll", &plugins::poll::register_plugin}};
}

/// One number from the database.
inline long long scalar(testing::fake_chat& chat, std::string const& sql) {
    auto& q = chat.bot().db().prepare(sql);
    storage::statement_guard guard{q};
    q.executeStep();
    return q.getColumn(0).getInt64();
}

}  // namespace poll_test
