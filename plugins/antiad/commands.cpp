// The admin commands: warnings, mutes, kicks, the approval list, the group's switches, allowed
// domains, admin rules and the moderation log.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "bot/core.hpp"
#include "plugins/antiad/commands.hpp"

namespace plugins::antiad {

namespace {

using bot::arg_kind;
using bot::command_call;
using bot::task;

std::int64_t unix_now(bot::session const& s) { return s.now().time_since_epoch().count(); }

/// A member as the group knows them, and whether the bot must not act on them.
struct target_info {
    std::string name;
    bool protected_member = false;
};

task<target_info> look_up(bot::session& s, bot::id const& user) {
    target_info out{user.str(), false};
    out.protected_member = user == s.ev().self_id || s.bot().is_superuser(s.ev().platform, user);
    auto* api = s.api();
    if (api && api->caps().member_info) {
        auto gid = s.group_id();
        auto m = co_await api->member(gid, user);
        if (m) {
            if (!m->card.empty()) {
                out.name = m->card;
            } else if (!m->nickname.empty()) {
                out.name = m->nickname;
            }
            out.protected_member = out.protected_member || m->role != bot::role::member;
        }
    }
    co_return out;
}

/// A manual action, written to the audit log like the automatic ones.
finding manual(std::string const& rule, std::string const& reason) { return finding{hit{rule, reason}, reason, {}}; }

bool valid_domain(std::string const& d) {
    if (d.size() < 3 || d.find('.') == std::string::npos || d.front() == '.' || d.back() == '.') return false;
    return std::all_of(d.begin(), d.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    });
}

std::string local_stamp(bot::session const& s, std::int64_t at) {
    auto t = s.tz().to_local(bot::time_point(std::chrono::seconds(at)));
    return t.str().substr(5, 11);
}

}  // namespace

void register_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod) {
    auto admin = bot::perm::admin;
    auto& c = plugin;

    c.command({"warn", "警告"}, "警告一名成员（计入升级处罚）")
        .arg("成员", arg_kind::user, "@要警告的人")
        .optional_arg("理由", arg_kind::text)
        .where(bot::rule::in_group)
        .permit(admin)
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
            bot::text_args args{{"name", who.name}, {"reason", reason}, {"strikes", strikes},
                                {"window", zh_duration(cfg.strike_window)}};
            auto text = ctx.render(g, "admin_warned", args);
            auto msg = bot::message().at(user, who.name).text(" " + text);
            co_await s.send(msg);
        });

    c.command({"unwarn", "撤销警告"}, "撤销一名成员最近的一次警告")
        .arg("成员", arg_kind::user, "@成员")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
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
        .permit(admin)
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
                bot::text_args args{{"name", who.name}, {"strikes", list.size()},
                                    {"window", zh_duration(cfg.strike_window)}, {"lines", lines}};
                text = ctx.render(g, "warns", args);
            }
            co_await call.reply(text);
        });

    c.command({"mute", "禁言"}, "禁言一名成员")
        .arg("成员", arg_kind::user, "@要禁言的人")
        .arg("时长", arg_kind::duration, "如 10m、2h、1d")
        .optional_arg("理由", arg_kind::text)
        .where(bot::rule::in_group)
        .permit(admin)
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
                bot::text_args args{{"name", who.name}, {"user", user.str()}, {"actions", ctx.render(g, "word_mute")},
                                    {"reason", call.text("理由")}};
                text = ctx.render(g, "cannot", args);
            } else {
                auto gid = g.group;
                auto r = co_await s.api()->mute(gid, user, d);
                if (r) {
                    auto reason = call.text("理由");
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
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto user = call.user("成员");
            auto who = co_await look_up(s, user);
            std::string text;
            if (!s.api() || !s.api()->caps().mute) {
                bot::text_args args{{"name", who.name}, {"user", user.str()}, {"actions", ctx.render(g, "word_mute")},
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
        .permit(admin)
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
                bot::text_args args{{"name", who.name}, {"user", user.str()}, {"actions", ctx.render(g, "word_kick")},
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

    c.command({"antiad", "反广告"}, "查看或切换本群的反广告：on、off、dry-run（只报告）")
        .optional_arg("模式", arg_kind::word, "on、off 或 dry-run")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            std::string text;
            if (!call.has("模式")) {
                auto& gs = mod->group(g);
                std::string domains;
                for (auto const& d : gs.allow.domains) domains += (domains.empty() ? "" : "、") + d;
                std::string off;
                for (auto const& r : gs.cfg.off_rules) off += (off.empty() ? "" : "、") + r;
                auto none = ctx.render(g, "none");
                bot::text_args args{{"mode", gs.cfg.mode},
                                    {"domains", domains.empty() ? none : domains},
                                    {"rules", mod->repo().rules(g.key()).size()},
                                    {"approved", gs.approved.size()},
                                    {"off", off.empty() ? none : off}};
                text = ctx.render(g, "status", args);
            } else {
                auto mode = call.text("模式");
                if (mode == "dryrun" || mode == "dry_run" || mode == "试运行") mode = "dry-run";
                if (mode == "开") mode = "on";
                if (mode == "关") mode = "off";
                if (mode != "on" && mode != "off" && mode != "dry-run") {
                    text = ctx.render(g, "mode_usage");
                } else {
                    s.bot().settings().set(g.key(), "antiad.mode", mode, s.user_id().str(), unix_now(s));
                    s.bot().settings_changed(g);
                    mod->audit(s, s.user_id(), s.user_id().str(), "mode " + mode, manual("manual", mode));
                    text = ctx.render(g, mode == "on" ? "mode_on" : mode == "off" ? "mode_off" : "mode_dry_run");
                }
            }
            co_await call.reply(text);
        });

    c.command({"antiad allow", "反广告 允许"}, "允许一个域名（含子域名）；不带参数时列出")
        .optional_arg("域名", arg_kind::word, "如 github.com")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            std::string text;
            if (!call.has("域名")) {
                std::string domains;
                for (auto const& d : mod->group(g).allow.domains) domains += (domains.empty() ? "" : "、") + d;
                bot::text_args args{{"domains", domains.empty() ? ctx.render(g, "none") : domains}};
                text = ctx.render(g, "allow_list", args);
            } else {
                auto domain = host_of(call.text("域名"));
                if (domain.starts_with("www.")) domain = domain.substr(4);
                bot::text_args args{{"domain", domain.empty() ? call.text("域名") : domain}};
                if (!valid_domain(domain)) {
                    text = ctx.render(g, "bad_domain", args);
                } else {
                    mod->repo().allow(g.key(), domain, s.user_id().str(), unix_now(s));
                    mod->lists_changed();
                    mod->audit(s, s.user_id(), s.user_id().str(), "allow", manual("manual", domain));
                    text = ctx.render(g, "allowed", args);
                }
            }
            co_await call.reply(text);
        });

    c.command({"antiad disallow", "反广告 禁止"}, "移除一个允许的域名")
        .arg("域名", arg_kind::word, "如 github.com")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto domain = host_of(call.text("域名"));
            bool removed = mod->repo().disallow(g.key(), domain);
            mod->lists_changed();
            if (removed) mod->audit(s, s.user_id(), s.user_id().str(), "disallow", manual("manual", domain));
            bot::text_args args{{"domain", domain}};
            auto text = mod->ctx().render(g, removed ? "disallowed" : "not_allowed", args);
            co_await call.reply(text);
        });

    c.command({"antiad rule add", "反广告 规则 添加"}, "添加一条自定义规则（RE2 正则，匹配原文和归一化后的文本）")
        .arg("正则", arg_kind::text, "如 (?i)代[理里]招募")
        .where(bot::rule::in_group)
        .permit(admin)
        .example("/antiad rule add 招.{0,3}学员")
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto pattern = call.text("正则");
            std::string text;
            if (auto problem = admin_rules::compile_error(pattern)) {
                bot::text_args args{{"error", *problem}};
                text = ctx.render(g, "rule_bad", args);
            } else {
                auto id = mod->repo().add_rule(g.key(), pattern, s.user_id().str(), unix_now(s));
                mod->lists_changed();
                mod->audit(s, s.user_id(), s.user_id().str(), "rule add", manual("admin#" + std::to_string(id), pattern));
                bot::text_args args{{"id", id}, {"pattern", pattern}};
                text = ctx.render(g, "rule_added", args);
            }
            co_await call.reply(text);
        });

    c.command({"antiad rule list", "反广告 规则 列表"}, "列出本群的自定义规则")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto rules = mod->repo().rules(g.key());
            std::string text;
            if (rules.empty()) {
                text = ctx.render(g, "rule_none");
            } else {
                std::string lines;
                for (auto const& r : rules) lines += fmt::format("\n#{} {}", r.id, r.pattern);
                bot::text_args args{{"lines", lines}};
                text = ctx.render(g, "rule_list", args);
            }
            co_await call.reply(text);
        });

    c.command({"antiad rule remove", "反广告 规则 删除"}, "删除一条自定义规则")
        .arg("编号", arg_kind::integer, "规则编号，见 /antiad rule list")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto id = call.integer("编号");
            bool removed = mod->repo().remove_rule(g.key(), id);
            mod->lists_changed();
            if (removed)
                mod->audit(s, s.user_id(), s.user_id().str(), "rule remove", manual("admin#" + std::to_string(id), ""));
            bot::text_args args{{"id", id}};
            auto text = mod->ctx().render(g, removed ? "rule_removed" : "rule_missing", args);
            co_await call.reply(text);
        });

    c.command({"modlog", "处理记录"}, "查看最近的反广告和管理处理记录")
        .optional_arg("条数", arg_kind::integer, "默认 10，最多 50")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto n = std::clamp<std::int64_t>(call.integer("条数", 10), 1, 50);
            auto entries = mod->repo().recent_log(g.key(), n);
            std::string text;
            if (entries.empty()) {
                text = ctx.render(g, "modlog_empty");
            } else {
                std::string lines;
                for (auto const& e : entries) {
                    auto what = e.original.size() > 60 ? e.original.substr(0, 60) + "…" : e.original;
                    lines += fmt::format("\n{} {} → {} [{}] {}{}", local_stamp(s, e.at),
                                         e.actor == "bot" ? std::string("机器人") : e.actor, e.user.str(), e.action,
                                         e.rule, what.empty() ? std::string() : "：" + what);
                }
                bot::text_args args{{"lines", lines}};
                text = ctx.render(g, "modlog", args);
            }
            co_await call.reply(text);
        });
}

}  // namespace plugins::antiad
