// The weekly best share: nominations during the week (/提名, and long check-ins), a vote at a
// weekly time, the winner announced and rewarded from the group fund, and the "best of" archive.
#include "plugins/bestshare/glue.hpp"

namespace plugins::bestshare {

void register_plugin(bot::plugin_context& ctx) {
    ctx.config<config>();
    ctx.migrations(schema());
    register_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_nominate(st);
    register_vote(st);
    register_reward(st);
    register_archive(st);
    register_panel(st);
}

}  // namespace plugins::bestshare
