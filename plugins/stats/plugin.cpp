// Group health statistics: the glue between the chat and the figures.
#include "plugins/stats/glue.hpp"

namespace plugins::stats {

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    register_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_counting(st);
    register_commands(st);
    register_report(st);
    register_panel(st);
}

}  // namespace plugins::stats
