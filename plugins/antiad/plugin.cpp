// Anti-ad moderation: a middleware ahead of every command that checks each group message in layers
// (message types, normalised text, admin rules, behaviour, images) and acts on what it finds.
#include "bot/plugin_context.hpp"
#include "plugins/antiad/commands.hpp"
#include "plugins/antiad/moderation.hpp"
#include "plugins/antiad/panels.hpp"
#include "plugins/antiad/schema.hpp"
#include "plugins/antiad/texts.hpp"

namespace plugins::antiad {

std::shared_ptr<moderation> install(bot::plugin_context& ctx) {
    ctx.config<config>();
    ctx.migrations(migrations());
    define_texts(ctx);
    auto mod = std::make_shared<moderation>(ctx);
    ctx.middleware("filter", bot::priority::moderation,
                   [mod](bot::session& s, bot::next_fn next) { return mod->inspect(s, std::move(next)); });
    ctx.on<bot::ev::member_joined>([mod](bot::session& s, bot::ev::member_joined const& e) -> bot::task<> {
        if (s.group()) mod->joined(*s.group(), e.user, s.now().time_since_epoch().count());
        co_return;
    });
    ctx.on<bot::ev::member_left>([mod](bot::session& s, bot::ev::member_left const& e) -> bot::task<> {
        if (s.group()) mod->left(*s.group(), e.user);
        co_return;
    });
    register_member_commands(ctx, mod);
    register_group_commands(ctx, mod);
    register_learn_commands(ctx, mod);
    register_panels(ctx, mod);
    return mod;
}

void register_plugin(bot::plugin_context& ctx) {
    install(ctx);
}

}  // namespace plugins::antiad
