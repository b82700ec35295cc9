// Red-packet nudges and lurker activation: the glue between the chat and the rules.
#include "plugins/redpacket/glue.hpp"

namespace plugins::redpacket {

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    auto st = std::make_shared<state>(ctx);
    register_owed(st);
    register_lurkers(st);
    register_panel(st);
}

}  // namespace plugins::redpacket
