// The smallest useful plugin: /ping answers, so you can see the bot is alive and how fast.
#include "bot/plugin_context.hpp"

namespace plugins::ping {

/// [plugins.ping]
struct config {
    std::string reply = "pong";
    static void describe(bot::schema<config>& s) { s.field("reply", &config::reply, "/ping 的回复内容"); }
};

void register_plugin(bot::plugin_context& ctx) {
    auto const& cfg = ctx.config<config>();
    ctx.text("pong", "{reply} 🏓", {"reply", "name"});
    ctx.command({"ping", "在吗"}, "检查机器人是否在线").handle([&ctx, &cfg](bot::command_call& call) -> bot::task<> {
        auto g = call.s().group();
        auto reply = g ? ctx.group_config<config>(*g).reply : cfg.reply;
        auto text = ctx.render(g, "pong", {{"reply", reply}, {"name", call.s().user_name()}});
        co_await call.reply(text);
    });
}

}  // namespace plugins::ping
