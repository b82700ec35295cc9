// Duty admins: the glue between the chat and the rotation rules. Whoever is on shift holds the
// bot-level role 分管 (bot::moderator_role) for exactly that shift, computed on each check.
#include "plugins/duty/glue.hpp"
#include "plugins/duty/schema.hpp"

namespace plugins::duty {

void register_plugin(bot::plugin_context& ctx) {
    ctx.config<config>();
    ctx.migrations(schema());
    define_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    // Asked on every permission check: the roster comes from memory, the shift is arithmetic.
    ctx.role_source(bot::moderator_role, [st](bot::group_ref const& g, bot::time_point now) {
        return on_duty(st->roster_of(g.key()).rot, st->face(g), now);
    });
    register_commands(st);
    register_counting(st);
    register_jobs(st);
    register_panel(st);
}

}  // namespace plugins::duty
