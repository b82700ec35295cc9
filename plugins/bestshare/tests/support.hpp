#pragma once
// Shared helpers of the best-share transcript tests: the plugins they load (check-ins for the
// automatic nominations, red packets for /fund), money put into the group fund, and the ledger.

#include <string>

#include "bot/core.hpp"
#include "bot/message.hpp"
#include "storage/ledger.hpp"
#include "tests/support/fake_chat.hpp"
#include "tests/support/transcript.hpp"

namespace plugins::bestshare {
void register_plugin(bot::plugin_context& ctx);
}
namespace plugins::checkin {
void register_plugin(bot::plugin_context& ctx);
}
namespace plugins::redpacket {
void register_plugin(bot::plugin_context& ctx);
}

namespace bestshare_test {

using testing::count_containing;
using testing::whispers_to;

inline std::vector<bot::plugin_entry> loaded() {
    return {{"bestshare", &plugins::bestshare::register_plugin},
            {"checkin", &plugins::checkin::register_plugin},
            {"redpacket", &plugins::redpacket::register_plugin}};
}

inline std::string gk(testing::fake_chat& chat) { return chat.group_ref().key(); }

/// Puts `fen` into the group fund, as a red packet received would.
inline void fund(testing::fake_chat& chat, bot::fen fen, std::string const& key) {
    storage::posting p{"test:fund:" + key, gk(chat), "redpacket", "红包", "system",
                       {{"fund:" + gk(chat), fen}, {"external:donor", -fen}},
                       chat.now().time_since_epoch().count()};
    chat.bot().ledger().post(p);
}

inline bot::fen balance(testing::fake_chat& chat, std::string const& account) {
    return chat.bot().ledger().balance(gk(chat), account);
}

/// `who` quotes message `quoted` and types `text` after it, as a chat client's reply does.
inline bot::id replies(testing::fake_chat& chat, std::string const& who, bot::id const& quoted, std::string const& text) {
    auto m = bot::message().reply_to(quoted).text(text);
    return chat.user(who).says(m);
}

/// The three members' shares of a week, each nominated by someone else: #1 bob (by alice),
/// #2 carol (by bob), #3 alice (by carol).
inline void three_nominations(testing::fake_chat& chat) {
    auto b = chat.user("bob").says("这周读完了《原则》第三章，记了十条笔记");
    auto c = chat.user("carol").says("分享一个番茄钟用法：25 分钟专注加 5 分钟休息");
    auto a = chat.user("alice").says("我把每天的跑步记录做成了图表");
    replies(chat, "alice", b, "/提名");
    replies(chat, "bob", c, "/提名");
    replies(chat, "carol", a, "/提名");
}

}  // namespace bestshare_test
