#include "bot/builtin.hpp"

#include <fmt/format.h>

#include "bot/builtin_settings.hpp"
#include "bot/plugin_context.hpp"

namespace bot {

namespace {

std::string first_prefix(command const& c, core const& bot) {
    auto const& p = c.prefixes ? *c.prefixes : bot.config().bot.command_prefixes;
    return p.empty() ? "" : p.front();
}

/// Whether a member could run the command here: on in the group, rule and permission pass.
bool visible_to(command const& c, session const& s) {
    if (c.hidden) return false;
    if (s.in_group()) {
        auto key = s.group()->key();
        if (!s.bot().plugin_enabled(c.plugin, key) || !s.bot().command_enabled(c.name(), key)) return false;
    }
    return c.where(s) && c.permit(s);
}

task<> help_overview(command_call& call) {
    auto& s = call.s();
    auto& bot = s.bot();
    std::string lines;
    for (auto const& c : bot.commands().all()) {
        if (!visible_to(*c, s)) continue;
        lines += fmt::format("\n{}{} — {}", first_prefix(*c, bot), c->name(), c->help);
    }
    auto g = s.group();
    // Built before co_await: GCC 12 mishandles braced temporaries inside a co_await expression.
    text_args args{{"name", bot.config().bot.name}, {"commands", lines}};
    auto text = bot.texts().render(g ? g->key() : std::string(), "core.help", args);
    co_await s.reply(text);
}

task<> help_command(command_call& call, std::string const& name) {
    auto& s = call.s();
    auto& bot = s.bot();
    auto g = s.group();
    auto gk = g ? g->key() : std::string();
    auto c = bot.commands().find(name.starts_with("/") ? name.substr(1) : name);
    if (!c || c->hidden) {
        text_args args{{"command", name}};
        auto text = bot.texts().render(gk, "core.help_unknown", args);
        co_await s.reply(text);
        co_return;
    }
    // Switched off here: say so and how to switch it on, rather than describe what would not answer.
    if (g && (!bot.plugin_enabled(c->plugin, gk) || !bot.command_enabled(c->name(), gk))) {
        auto enable = bot.plugin_enabled(c->plugin, gk) ? "/command on " + c->name() : "/plugin on " + c->plugin;
        text_args args{{"command", first_prefix(*c, bot) + c->name()}, {"enable", enable}};
        auto text = bot.texts().render(gk, "core.help_off", args);
        co_await s.reply(text);
        co_return;
    }
    auto prefix = first_prefix(*c, bot);
    std::string out = fmt::format("{} — {}\n用法：{}", c->name(), c->help, c->usage(prefix));
    for (auto const& a : c->args)
        if (!a.help.empty()) out += fmt::format("\n  {}：{}", a.name, a.help);
    if (c->names.size() > 1) {
        std::string aliases;
        for (std::size_t i = 1; i < c->names.size(); ++i) aliases += (i > 1 ? "、" : "") + c->names[i];
        out += "\n别名：" + aliases;
    }
    if (c->permit.describe() != "member") out += "\n权限：" + c->permit.describe();
    for (auto const& e : c->examples) out += "\n例：" + e;
    co_await s.reply(out);
}

}  // namespace

void register_builtin(plugin_context& ctx) {
    auto& texts = ctx.bot().texts();
    texts.define("core.help", "{name} 可用的命令：{commands}\n发送 /help 命令名 查看用法。", {"name", "commands"});
    texts.define("core.help_unknown", "没有叫「{command}」的命令。发送 /help 查看全部命令。", {"command"});
    texts.define("core.help_off", "{command} 在本群已停用。管理员发送「{enable}」可以重新启用。", {"command", "enable"});
    texts.define("core.no_permission", "抱歉，你没有使用 /{command} 的权限。", {"command", "needs"});
    texts.define("core.bad_arguments", "{problem}\n用法：{usage}", {"problem", "usage"});

    ctx.command({"help", "帮助", "菜单"}, "查看命令列表和用法")
        .optional_arg("命令", arg_kind::word, "要查看的命令名")
        .example("/help checkin")
        .handle([](command_call& call) -> task<> {
            if (call.has("命令")) {
                co_await help_command(call, call.text("命令"));
            } else {
                co_await help_overview(call);
            }
        });

    register_settings_commands(ctx);
    register_role_commands(ctx);
}

}  // namespace bot
