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
    // Planned sends are jobs of this plugin's own, which /plugin off does not stop: switching it
    // off while announcements or sessions are planned is refused, with what to pause or cancel.
    ctx.text("still_planned",
             "本群还有 {items} 条进行中的定时公告、{sessions} 场未开始的分享会；先用 /announce pause、"
             "/announce cancel 或 /session cancel 停掉它们。",
             {"items", "sessions"});
    ctx.listen<bot::plugin_switching_off>([st](bot::plugin_switching_off& n) {
        if (n.plugin != st->ctx.name()) return;
        int items = 0;
        for (auto const& it : st->repo.live(n.group.key()))
            if (it.state == item_state::active) ++items;
        auto sessions = static_cast<int>(st->repo.upcoming(n.group.key(), to_unix(st->now())).size());
        if (items == 0 && sessions == 0) return;
        bot::text_args args{{"items", items}, {"sessions", sessions}};
        n.objections.push_back(st->ctx.render(n.group, "still_planned", args));
    });
}

}  // namespace plugins::announce
