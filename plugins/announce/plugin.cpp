// Announcements and sessions: the glue between the chat and the rules.
#include "plugins/announce/glue.hpp"

namespace plugins::announce {

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    auto st = std::make_shared<state>(ctx);
    register_texts(ctx);
    register_announcements(st);
    register_sessions(st);
    register_panel(st);
}

}  // namespace plugins::announce
