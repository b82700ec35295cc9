#pragma once
// Shared helpers of the Q&A digest's tests.

#include <string>
#include <vector>

#include "bot/timezone.hpp"
#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::digest {
void register_plugin(bot::plugin_context& ctx);
}

namespace digest_test {

using testing::count_containing;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"digest", &plugins::digest::register_plugin}};
}

/// The digests posted since the last clear(): the messages that open one.
inline std::vector<std::string> digests(testing::fake_chat& chat) {
    std::vector<std::string> out;
    for (auto const& t : chat.sent())
        if (t.starts_with("📚 今日问答精选") || t.starts_with("📚 本周问答精选")) out.push_back(t);
    return out;
}

/// The same, counted since the chat began.
inline int digests_ever(testing::fake_chat& chat) {
    int n = 0;
    for (auto const& t : chat.sent_ever())
        if (t.starts_with("📚 今日问答精选") || t.starts_with("📚 本周问答精选")) ++n;
    return n;
}

/// bob asks, carol answers by quoting the question; returns the question's message ID.
inline bot::id asked_and_answered(testing::fake_chat& chat, std::string const& question = "请问报销的发票抬头写什么？",
                                  std::string const& answer = "写公司全称，税号在群公告里") {
    auto q = chat.user("bob").says(question);
    chat.user("carol").says(bot::message().reply_to(q).text(answer));
    return q;
}

}  // namespace digest_test
