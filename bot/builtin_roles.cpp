// /role: bot-level roles (分管) granted for good by an admin, and who holds them now.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bot/builtin_settings.hpp"
#include "bot/core.hpp"
#include "bot/display.hpp"
#include "bot/plugin_context.hpp"

namespace bot {

namespace {

/// The role a member typed, as stored; nullopt for a name the bot does not know.
std::optional<std::string> role_named(std::string const& word) {
    if (word == "分管" || word == "moderator" || word == "mod") return std::string(moderator_role);
    return std::nullopt;
}

/// How a member is shown in the answers: the group's name for them when the platform tells it.
task<std::string> name_of(session const& s, id const& user) {
    if (auto api = s.api(); api && api->caps().member_info) {
        auto gid = s.group_id();
        auto info = co_await api->member(gid, user);
        if (info && !info->display_name().empty()) co_return shown_name(info->display_name());
    }
    co_return user.str();
}

std::string render(session const& s, std::string const& key, text_args const& args) {
    return s.bot().texts().render(s.group()->key(), key, args);
}

task<std::string> grant_or_revoke(command_call& call, bool grant) {
    auto& s = call.s();
    auto& bot = s.bot();
    auto g = *s.group();
    if (!call.has("成员") || !call.has("角色")) co_return render(s, "core.role_usage", {});
    auto role = role_named(call.text("角色"));
    if (!role) co_return render(s, "core.role_unknown", {{"role", shown_text(call.text("角色"), 40)}});
    auto user = call.user("成员");
    auto name = co_await name_of(s, user);
    if (user.str() == s.ev().self_id.str()) co_return render(s, "core.role_not_bot", {});
    if (grant) {
        storage::role_grant row{user.encode(), *role, s.user_id().encode(), std::chrono::duration_cast<std::chrono::seconds>(s.now().time_since_epoch()).count()};
        if (!bot.roles().grant(g.key(), row)) co_return render(s, "core.role_already", {{"name", name}});
        spdlog::info("{}: {} granted {} to {}", g.key(), s.user_id().str(), *role, user.str());
        co_return render(s, "core.role_granted", {{"name", name}});
    }
    if (!bot.roles().revoke(g.key(), user.encode(), *role)) {
        // Held through a plugin (a duty shift) rather than a grant: say where it comes from.
        for (auto const& h : bot.role_holders(g, *role))
            if (h.user.str() == user.str()) co_return render(s, "core.role_via_plugin", {{"name", name}, {"plugin", h.via}});
        co_return render(s, "core.role_not_held", {{"name", name}});
    }
    spdlog::info("{}: {} revoked {} from {}", g.key(), s.user_id().str(), *role, user.str());
    co_return render(s, "core.role_revoked", {{"name", name}});
}

task<std::string> list_holders(command_call& call) {
    auto& s = call.s();
    auto holders = s.bot().role_holders(*s.group(), moderator_role);
    if (holders.empty()) co_return render(s, "core.role_none", {});
    std::string lines;
    for (auto const& h : holders) {
        auto name = co_await name_of(s, h.user);
        auto via = h.via == "grant" ? render(s, "core.role_via_grant", {}) : h.via;
        lines += fmt::format("\n{}（{}）", name, via);
    }
    co_return render(s, "core.role_list", {{"lines", lines}});
}

}  // namespace

void register_role_commands(plugin_context& ctx) {
    auto& texts = ctx.bot().texts();
    texts.define("core.role_usage",
                 "用法：/role grant @成员 分管（授予）、/role revoke @成员 分管（收回）、/role list（查看）。"
                 "分管可以使用 /warn /mute /recall /kick 等管理命令，不是平台的管理员。",
                 {});
    texts.define("core.role_unknown", "没有「{role}」这个角色。可以授予的角色：分管。", {"role"});
    texts.define("core.role_not_bot", "机器人自己不需要角色。", {});
    texts.define("core.role_granted", "已授予 {name} 分管：可以使用 /warn /mute /recall /kick 等管理命令。/role revoke 可收回。", {"name"});
    texts.define("core.role_already", "{name} 已经是分管了。", {"name"});
    texts.define("core.role_revoked", "已收回 {name} 的分管。", {"name"});
    texts.define("core.role_not_held", "{name} 不是分管，没有可收回的。", {"name"});
    texts.define("core.role_via_plugin", "{name} 的分管来自插件 {plugin}（如值班），不是授予的；请在该插件里调整。", {"name", "plugin"});
    texts.define("core.role_none", "本群还没有分管。管理员发送 /role grant @成员 分管 授予。", {});
    texts.define("core.role_list", "本群的分管：{lines}", {"lines"});
    texts.define("core.role_via_grant", "授予", {});

    ctx.command({"role", "角色"}, "授予或收回机器人的分管角色（可用管理命令，不占平台管理员名额）")
        .optional_arg("操作", arg_kind::word, "grant、revoke 或 list")
        .optional_arg("成员", arg_kind::user, "@成员")
        .optional_arg("角色", arg_kind::word, "分管")
        .where(rule::in_group)
        .permit(perm::admin)
        .example("/role grant @小明 分管")
        .handle([](command_call& call) -> task<> {
            auto op = call.has("操作") ? call.text("操作") : std::string("list");
            std::string text;
            if (op == "grant" || op == "授予") {
                text = co_await grant_or_revoke(call, true);
            } else if (op == "revoke" || op == "收回" || op == "撤销") {
                text = co_await grant_or_revoke(call, false);
            } else if (op == "list" || op == "列表") {
                text = co_await list_holders(call);
            } else {
                text = render(call.s(), "core.role_usage", {});
            }
            co_await call.reply(text);
        });
}

}  // namespace bot
