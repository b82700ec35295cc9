// Polls and surveys: the glue between the chat and the rules.
#include "plugins/poll/glue.hpp"

namespace plugins::poll {

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    register_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_polls(st);
    register_surveys(st);
    register_answers(st);
    register_panel(st);
}

}  // namespace plugins::poll
