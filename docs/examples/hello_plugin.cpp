// The example from docs/plugin-guide.md: a greeting command with config, a template and a listener.
#include "bot/plugin_context.hpp"

namespace plugins::hello {

struct config {
    std::string greeting = "你好";
    static void describe(bot::schema<config>& s) { s.field("greeting", &config::greeting, "问候语"); }
};

void register_plugin(bot::plugin_context& ctx) {
    ctx.config<config>();  // reads and checks [plugins.hello] at start
    // The group's value: bot.toml, or what an admin set with /set hello.greeting.
    auto greeting = [&ctx](bot::session const& s) {
        return s.group() ? ctx.group_config<config>(*s.group()).greeting : ctx.config<config>().greeting;
    };
    ctx.text("hi", "{greeting}，{name}！", {"greeting", "name"});
    ctx.command({"hello", "你好"}, "打个招呼").handle([&ctx, greeting](bot::command_call& call) -> bot::task<> {
        auto text = ctx.render(call.s().group(), "hi", {{"greeting", greeting(call.s())}, {"name", call.s().user_name()}});
        co_await call.reply(text);
    });
    ctx.on<bot::ev::member_joined>([greeting](bot::session& s, bot::ev::member_joined const& e) -> bot::task<> {
        auto welcome = bot::message().at(e.user).text(" " + greeting(s));
        co_await s.send(welcome);
    });
}

}  // namespace plugins::hello
