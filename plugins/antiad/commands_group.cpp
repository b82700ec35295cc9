// The admin commands about the group: the switch, allowed domains, admin rules and the log.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "bot/core.hpp"
#include "bot/display.hpp"
#include "bot/utf8.hpp"
#include "plugins/antiad/command_support.hpp"
#include "plugins/antiad/commands.hpp"
#include "plugins/antiad/explain.hpp"

namespace plugins::antiad {

using bot::arg_kind;
using bot::command_call;
using bot::task;

namespace {

/// "名字（ID）" for a member the platform can name, the ID alone otherwise; looked up once per
/// member per listing. `known` is a name recorded at the time, for a member who has since left.
task<std::string> labelled(bot::session& s, bot::id user, std::string known, std::map<std::string, std::string>& cache) {
    if (auto it = cache.find(user.str()); it != cache.end()) co_return it->second;
    auto name = (co_await look_up(s, user)).name;
    if (name == user.str() && !known.empty()) name = bot::shown_name(known);
    auto label = name.empty() || name == user.str() ? user.str() : name + "（" + user.str() + "）";
    cache.emplace(user.str(), label);
    co_return label;
}

/// The newest `n` lines of the group's audit log, newest first: one per incident (a message acted
/// on, with everything done about it, in order), and one per admin command. Members are named.
task<std::vector<std::string>> modlog_lines(moderation& mod, bot::session& s, std::int64_t n) {
    auto g = *s.group();
    std::map<std::string, std::string> names;
    std::vector<std::string> text;
    for (auto const& rows : mod.repo().recent_incidents(g.key(), n)) {
        auto const& e = rows.front();
        auto inc = e.incident == 0 ? std::nullopt : mod.repo().find_incident(e.incident);
        std::string known = inc ? inc->name : std::string();
        auto user = co_await labelled(s, e.user, known, names);
        if (e.incident == 0) {
            auto what = shown_text(e.original, 60);
            // Not in a ?: : GCC 12 mishandles temporaries of a co_await inside one.
            std::string actor = "机器人";
            if (e.actor != "bot") actor = co_await labelled(s, bot::id(e.actor), {}, names);
            text.push_back(fmt::format("{} {} → {} [{}] {}{}", local_stamp(s, e.at), actor, user, e.action, e.rule,
                                       what.empty() ? std::string() : "：" + what));
            continue;
        }
        std::string acts;
        for (auto const& r : rows) {
            auto shown = r.action;
            if (r.action == "cleared") {
                auto actor = co_await labelled(s, bot::id(r.actor), {}, names);
                bot::text_args args{{"actor", actor}};
                shown = mod.ctx().render(g, "modlog_cleared", args);
            }
            acts += (acts.empty() ? "" : "、") + shown;
        }
        auto matched = shown_text(inc ? inc->matched : e.detail, 40);
        auto original = shown_text(e.original, 60);
        // "#N" first: what /误判 #N takes to undo it.
        text.push_back(fmt::format("#{} {} {} {}「{}」→ {}{}", e.incident, local_stamp(s, e.at), user, e.rule, matched,
                                   acts, original.empty() ? std::string() : "：" + original));
    }
    co_return text;
}

}  // namespace

void register_group_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod) {
    auto admin = bot::perm::admin;
    auto& c = plugin;

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
                                    {"off", off.empty() ? none : off},
                                    {"passes", gs.passes.size()},
                                    {"samples", gs.samples.size()}};
                text = ctx.render(g, "status", args);
            } else {
                auto mode = call.text("模式");
                if (mode == "dryrun" || mode == "dry_run" || mode == "试运行") mode = "dry-run";
                if (mode == "开") mode = "on";
                if (mode == "关") mode = "off";
                auto parsed = parse_mode(mode);
                if (!parsed) {
                    text = ctx.render(g, "mode_usage");
                } else {
                    // Through the plugin's schema, as /set antiad.mode would store it.
                    if (auto problem = ctx.set_group_value(g, "mode", mode, s.user_id().str()))
                        throw std::logic_error("antiad.mode refused " + mode + ": " + *problem);
                    mod->audit(s, s.user_id(), s.user_id().str(), "mode " + mode, manual("manual", mode));
                    text = ctx.render(g, *parsed == run_mode::on    ? "mode_on"
                                         : *parsed == run_mode::off ? "mode_off"
                                                                    : "mode_dry_run");
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
                mod->audit(s, s.user_id(), s.user_id().str(), "rule add",
                           manual("admin#" + std::to_string(id), pattern));
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

    c.command({"modlog", "处理记录"}, "查看最近的反广告和管理处理记录（每条被处理的消息一行）")
        .optional_arg("条数", arg_kind::integer, "默认 10，最多 50")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto n = std::clamp<std::int64_t>(call.integer("条数", 10), 1, 50);
            auto lines = co_await modlog_lines(*mod, s, n);
            std::string text;
            if (lines.empty()) {
                text = ctx.render(g, "modlog_empty");
            } else {
                std::string joined;
                for (auto const& l : lines) joined += "\n" + l;
                bot::text_args args{{"lines", joined}};
                text = ctx.render(g, "modlog", args);
            }
            co_await call.reply(text);
        });
}

}  // namespace plugins::antiad
