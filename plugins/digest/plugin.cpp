// The Q&A digest: the glue between the chat and the rules.
#include "plugins/digest/glue.hpp"

namespace plugins::digest {

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    register_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_collector(st);
    register_poster(st);
    register_commands(st);
    register_panel(st);
}

}  // namespace plugins::digest
