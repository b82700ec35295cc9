// Group admin basics: whole-group mute, night mode, cards, titles, recall and essence by reply,
// the list of running mutes, the daily activity record and the console panels. The glue between
// the chat and the rules in groupadmin.hpp.
#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    declare_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_night(st);
    register_message_commands(st);
    register_member_commands(st);
    register_activity(st);
    register_panels(st);
}

}  // namespace plugins::groupadmin
