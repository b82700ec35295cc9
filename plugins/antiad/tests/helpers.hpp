#pragma once
// Shared helpers for the anti-ad transcript tests.

#include <string>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

namespace plugins::antiad {
void register_plugin(bot::plugin_context& ctx);
}

namespace antiad_test {

/// A command that echoes its text, to show that an ad never reaches the commands.
inline void echo_plugin(bot::plugin_context& ctx) {
    ctx.command({"echo"}, "echo")
        .optional_arg("t", bot::arg_kind::text)
        .handle([](bot::command_call& call) -> bot::task<> {
            auto t = "echo:" + call.text("t");
            co_await call.reply(t);
        });
}

inline std::vector<bot::plugin_entry> with_antiad() {
    return {{"antiad", &plugins::antiad::register_plugin}, {"echo", &echo_plugin}};
}

inline int count(testing::fake_chat& chat, std::string const& kind, std::size_t from = 0) {
    int n = 0;
    for (std::size_t i = from; i < chat.actions().size(); ++i)
        if (chat.actions()[i].kind == kind) ++n;
    return n;
}

inline bool recalled(testing::fake_chat& chat, bot::id const& message) {
    for (auto const& a : chat.actions())
        if (a.kind == "recall" && a.message_id == message) return true;
    return false;
}

/// The last mute of a user, in seconds; -1 when none.
inline long long last_mute(testing::fake_chat& chat, std::string const& user) {
    long long out = -1;
    for (auto const& a : chat.actions())
        if (a.kind == "mute" && a.user == bot::id(user)) out = a.duration.count();
    return out;
}

inline bool kicked(testing::fake_chat& chat, std::string const& user) {
    for (auto const& a : chat.actions())
        if (a.kind == "kick" && a.user == bot::id(user)) return true;
    return false;
}

/// Everything sent to one target ("g:gadmin", "u:olivia") since the start.
inline std::vector<std::string> sent_to(testing::fake_chat& chat, std::string const& key) {
    std::vector<std::string> out;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.to.key() == key) out.push_back(a.text());
    return out;
}

inline bool any_contains(std::vector<std::string> const& texts, std::string const& needle) {
    for (auto const& t : texts)
        if (t.find(needle) != std::string::npos) return true;
    return false;
}

}  // namespace antiad_test
