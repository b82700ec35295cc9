// The welcome ritual: greet newcomers (merged in bursts) with the rules and the intake template,
// screen them when the group wants it, keep the member directory, answer join requests.
#include "bot/plugin_context.hpp"
#include "plugins/welcome/schema.hpp"
#include "plugins/welcome/state.hpp"
#include "plugins/welcome/texts.hpp"

namespace plugins::welcome {

void register_plugin(bot::plugin_context& ctx) {
    ctx.config<config>();
    for (auto const& t : text_defs()) ctx.text(t.key, t.text, t.placeholders);
    ctx.migrations(schema());
    auto st = std::make_shared<state>(ctx);
    register_welcome(st);
    register_verification(st);
    register_intake(st);
    register_requests(st);
    register_rules(st);
    register_panels(st);
}

}  // namespace plugins::welcome
