// The admin commands about members: warnings, mutes, kicks and the approval list.
#include <fmt/format.h>

#include "plugins/antiad/command_support.hpp"
#include "plugins/antiad/commands.hpp"

namespace plugins::antiad {

using bot::arg_kind;
using bot::command_call;
using bot::task;

void register_member_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod) {
    auto admin = bot::perm::admin;
    // A duty admin or a granted 分管 moderates through the bot without being a platform admin.
    auto moderator = bot::perm::moderator;
    auto& c = plugin;

    c.command({"warn", "警告"}, "警告一名成员（计入升级处罚）")
        .arg("成员", arg_kind::user, "@要警告的人")
        .optional_arg("理由", arg_kind::text)
        .where(bot::rule::in_group)
        .permit(moderator)
        .example("/warn @小明 发广告")
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            auto& ctx = mod->ctx();
            if (who.protected_member) {
                bot::text_args args{{"name", who.name}};
                auto text = ctx.render(g, "protected", args);
                co_await call.reply(text);
                co_return;
            }
            auto reason = call.has("理由") ? call.text("理由") : ctx.render(g, "reason_manual");
            auto now = unix_now(s);
            auto cfg = mod->group(g).cfg;
            mod->repo().add_strike(g.key(), user, strike{0, "manual", reason, s.user_id().str(), now});
            auto strikes = mod->repo().strikes(g.key(), user, now - cfg.strike_window.count()).size();
            mod->audit(s, user, s.user_id().str(), "warn", manual("manual", reason));
            bot::text_args args{{"name", who.name},
                                {"reason", reason},
                                {"strikes", strikes},
                                {"window", zh_duration(cfg.strike_window)}};
            auto text = ctx.render(g, "admin_warned", args);
            auto msg = bot::message().at(user, who.name).text(" " + text);
            co_await s.send(msg);
        });

    c.command({"unwarn", "撤销警告"}, "撤销一名成员最近的一次警告；回复机器人的警告时撤销那次处理")
        .optional_arg("成员", arg_kind::user, "@成员")
        .where(bot::rule::in_group)
        .permit(moderator)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            if (!call.has("成员")) {
                // As a reply it is /误判: that incident is undone and its text passes from then on.
                std::string text;
                if (s.content() && s.content()->has<bot::seg::reply>()) {
                    text = co_await undo_incident(*mod, s);
                } else {
                    text = mod->ctx().render(g, "unwarn_usage");
                }
                co_await call.reply(text);
                co_return;
            }
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            auto now = unix_now(s);
            auto window = mod->group(g).cfg.strike_window.count();
            auto& ctx = mod->ctx();
            std::string text;
            if (mod->repo().revoke_last_strike(g.key(), user, now - window)) {
                auto left = mod->repo().strikes(g.key(), user, now - window).size();
                mod->audit(s, user, s.user_id().str(), "unwarn", manual("manual", "unwarn"));
                bot::text_args args{{"name", who.name}, {"strikes", left}};
                text = ctx.render(g, "unwarned", args);
            } else {
                bot::text_args args{{"name", who.name}};
                text = ctx.render(g, "no_warns", args);
            }
            co_await call.reply(text);
        });

    c.command({"warns", "警告记录"}, "查看一名成员的有效警告")
        .arg("成员", arg_kind::user, "@成员")
        .where(bot::rule::in_group)
        .permit(moderator)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            auto cfg = mod->group(g).cfg;
            auto list = mod->repo().strikes(g.key(), user, unix_now(s) - cfg.strike_window.count());
            auto& ctx = mod->ctx();
            std::string text;
            if (list.empty()) {
                bot::text_args args{{"name", who.name}};
                text = ctx.render(g, "no_warns", args);
            } else {
                std::string lines;
                int n = 0;
                for (auto const& st : list)
                    lines += fmt::format("\n{}. {} {}（{}）", ++n, local_stamp(s, st.at), st.reason,
                                         st.actor == "bot" ? st.rule : st.actor);
                bot::text_args args{{"name", who.name},
                                    {"strikes", list.size()},
                                    {"window", zh_duration(cfg.strike_window)},
                                    {"lines", lines}};
                text = ctx.render(g, "warns", args);
            }
            co_await call.reply(text);
        });

    c.command({"mute", "禁言"}, "禁言一名成员")
        .arg("成员", arg_kind::user, "@要禁言的人")
        .arg("时长", arg_kind::duration, "如 10m、2h、1d")
        .optional_arg("理由", arg_kind::text)
        .where(bot::rule::in_group)
        .permit(moderator)
        .example("/mute @小明 10m 刷屏")
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto user = call.user("成员");
            auto d = call.duration("时长");
            auto who = co_await look_up(s, user);
            std::string text;
            if (who.protected_member) {
                bot::text_args args{{"name", who.name}};
                text = ctx.render(g, "protected", args);
            } else if (d > std::chrono::hours(24 * 30)) {
                text = ctx.render(g, "mute_too_long");
            } else if (!s.api() || !s.api()->caps().mute) {
                bot::text_args args{{"name", who.name},
                                    {"user", user.str()},
                                    {"actions", ctx.render(g, "word_mute")},
                                    {"reason", call.text("理由")}};
                text = ctx.render(g, "cannot", args);
            } else {
                auto gid = g.group;
                auto reason = call.text("理由");
                auto why = "管理员 " + s.user_name() + (reason.empty() ? std::string() : "：" + reason);
                auto r = co_await s.api()->mute(gid, user, d, why);
                if (r) {
                    mod->audit(s, user, s.user_id().str(), "mute " + bot::format_duration(d), manual("manual", reason));
                    bot::text_args args{{"name", who.name}, {"duration", zh_duration(d)}, {"reason", reason}};
                    text = ctx.render(g, "admin_muted", args);
                } else {
                    bot::text_args args{{"detail", r.err().detail}};
                    text = ctx.render(g, "action_failed", args);
                }
            }
            co_await call.reply(text);
        });

    c.command({"unmute", "解除禁言"}, "解除一名成员的禁言")
        .arg("成员", arg_kind::user, "@成员")
        .where(bot::rule::in_group)
        .permit(moderator)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            std::string text;
            if (!s.api() || !s.api()->caps().mute) {
                bot::text_args args{{"name", who.name},
                                    {"user", user.str()},
                                    {"actions", ctx.render(g, "word_mute")},
                                    {"reason", std::string()}};
                text = ctx.render(g, "cannot", args);
            } else {
                auto gid = g.group;
                auto r = co_await s.api()->unmute(gid, user);
                if (r) {
                    mod->audit(s, user, s.user_id().str(), "unmute", manual("manual", ""));
                    bot::text_args args{{"name", who.name}};
                    text = ctx.render(g, "admin_unmuted", args);
                } else {
                    bot::text_args args{{"detail", r.err().detail}};
                    text = ctx.render(g, "action_failed", args);
                }
            }
            co_await call.reply(text);
        });

    c.command({"kick", "踢出"}, "把一名成员移出本群")
        .arg("成员", arg_kind::user, "@要移出的人")
        .optional_arg("理由", arg_kind::text)
        .where(bot::rule::in_group)
        .permit(moderator)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            std::string text;
            if (who.protected_member) {
                bot::text_args args{{"name", who.name}};
                text = ctx.render(g, "protected", args);
            } else if (!s.api() || !s.api()->caps().kick) {
                bot::text_args args{{"name", who.name},
                                    {"user", user.str()},
                                    {"actions", ctx.render(g, "word_kick")},
                                    {"reason", call.text("理由")}};
                text = ctx.render(g, "cannot", args);
            } else {
                auto gid = g.group;
                auto r = co_await s.api()->kick(gid, user, false);
                if (r) {
                    auto reason = call.text("理由");
                    mod->audit(s, user, s.user_id().str(), "kick", manual("manual", reason));
                    bot::text_args args{{"name", who.name}, {"reason", reason}};
                    text = ctx.render(g, "admin_kicked", args);
                } else {
                    bot::text_args args{{"detail", r.err().detail}};
                    text = ctx.render(g, "action_failed", args);
                }
            }
            co_await call.reply(text);
        });

    c.command({"approve", "免检"}, "把成员加入免检名单（不再检查其消息）")
        .arg("成员", arg_kind::user, "@成员")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            mod->repo().approve(g.key(), user, s.user_id().str(), unix_now(s));
            mod->lists_changed();
            mod->audit(s, user, s.user_id().str(), "approve", manual("manual", ""));
            bot::text_args args{{"name", who.name}};
            auto text = mod->ctx().render(g, "approved", args);
            co_await call.reply(text);
        });

    c.command({"unapprove", "取消免检"}, "把成员移出免检名单")
        .arg("成员", arg_kind::user, "@成员")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            bool removed = mod->repo().unapprove(g.key(), user);
            mod->lists_changed();
            if (removed) mod->audit(s, user, s.user_id().str(), "unapprove", manual("manual", ""));
            bot::text_args args{{"name", who.name}};
            auto text = mod->ctx().render(g, removed ? "unapproved" : "not_approved", args);
            co_await call.reply(text);
        });
}

}  // namespace plugins::antiad
