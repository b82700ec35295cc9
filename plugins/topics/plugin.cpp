// The topic bank: the glue between the chat and the rules.
#include "plugins/topics/glue.hpp"

namespace plugins::topics {

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    register_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_commands(st);
    register_poster(st);
    register_panel(st);
}

}  // namespace plugins::topics
