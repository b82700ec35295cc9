// The anti-ad plugin in the admin console: the moderation log with its undo buttons, and the
// group's lists (mode, allowed domains, own rules, what was learned, approvals, warnings). Panels
// only read; every button is the chat command an admin would type, run as them.
#include "plugins/antiad/panels.hpp"

#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/antiad/explain.hpp"

namespace plugins::antiad {

namespace {

namespace panel = bot::panel;

constexpr std::int64_t log_rows = 30;
constexpr std::int64_t warned_rows = 100;

/// A command as typed with the bot's first prefix ("/"), so the console's click matches it.
std::string command(bot::plugin_context& ctx, std::string const& text) {
    auto const& prefixes = ctx.bot_config().command_prefixes;
    return (prefixes.empty() ? std::string("/") : prefixes.front()) + text;
}

/// "03-02 09:00" in the group's time zone.
std::string stamp(bot::plugin_context& ctx, bot::group_ref const& g, std::int64_t at) {
    return ctx.group_tz(g).to_local(bot::time_point(std::chrono::seconds(at))).str().substr(5, 11);
}

/// "名字（ID）" when the bot knows a name, else the ID; both member-written, so shown safely.
std::string member_label(bot::id const& user, std::string const& name) {
    auto id = bot::shown_name(user.str());
    auto shown = bot::shown_name(name);
    if (shown.empty() || shown == id) return id;
    return shown + "（" + id + "）";
}

std::string mode_label(std::string const& mode) {
    if (mode == "on") return "开启（处理广告）";
    if (mode == "dry-run") return "试运行（只报告，不处理）";
    if (mode == "off") return "关闭";
    return mode;
}

panel::page log_page(moderation& mod, bot::group_ref const& g) {
    auto& ctx = mod.ctx();
    auto& repo = mod.repo();
    panel::table t{{"编号", "时间", "成员", "规则", "命中内容", "处理", "状态"}, {}, "还没有处理记录。"};
    for (auto const& rows : repo.recent_incidents(g.key(), log_rows)) {
        auto const& e = rows.front();
        auto inc = e.incident == 0 ? std::nullopt : repo.find_incident(e.incident);
        if (!inc) {
            // An admin's own command (/warn, /antiad allow, ...): one line, nothing to undo here.
            auto actor = e.actor == "bot" ? std::string("机器人") : bot::shown_name(e.actor);
            t.rows.push_back({{"", stamp(ctx, g, e.at), member_label(e.user, {}), e.rule, shown_text(e.original, 60),
                               actor + "：" + e.action, "—"},
                              {}});
            continue;
        }
        std::string acts;
        std::string status = "生效中";
        for (auto const& r : rows) {
            if (r.action == "cleared") {
                status = "已撤销（" + bot::shown_name(r.actor) + "）";
                continue;
            }
            if (r.action == "learn pass") continue;
            acts += (acts.empty() ? "" : "、") + r.action;
        }
        if (inc->cleared && status == "生效中") status = "已撤销";
        auto number = "#" + std::to_string(inc->id);
        panel::row row{{number, stamp(ctx, g, inc->at), member_label(inc->user, inc->name), inc->rule,
                        shown_text(inc->matched, 40), acts, status},
                       {}};
        if (!inc->cleared)
            row.actions.push_back({"撤销处理 / 不是广告", bot::message(command(ctx, "wrong " + number)), true});
        t.rows.push_back(std::move(row));
    }
    panel::page p;
    p.add(panel::facts{{{"模式", mode_label(mod.group(g).cfg.mode)}}});
    p.add(std::move(t));
    p.add(panel::paragraph{"「撤销处理」与在群里发送 /误判 #编号 相同：撤回警告、解除禁言（踢出无法撤销），本群以后放行相同内容。"
                           "漏掉的广告需要指定那条消息：请在群里回复它发送 /ad。",
                           true});
    return p;
}

panel::page lists_page(moderation& mod, bot::group_ref const& g) {
    auto& ctx = mod.ctx();
    auto& repo = mod.repo();
    auto& gs = mod.group(g);
    auto key = g.key();
    auto names = repo.incident_names(key);
    auto name_of = [&](bot::id const& user) {
        auto it = names.find(user.encode());
        return member_label(user, it == names.end() ? std::string() : it->second);
    };
    panel::page p;
    p.add(panel::facts{{{"模式", mode_label(gs.cfg.mode)},
                        {"升级处罚", fmt::format("{}（{} 内的警告计数）", fmt::join(gs.cfg.ladder, " → "),
                                                zh_duration(gs.cfg.strike_window))}}});

    p.add(panel::heading{"允许的域名"});
    panel::table domains{{"域名", "来源"}, {}, "没有允许的域名。"};
    for (auto const& d : gs.cfg.allow_domains) domains.rows.push_back({{d, "配置文件"}, {}});
    for (auto const& d : repo.allowed(key))
        domains.rows.push_back(
            {{d, "管理员添加"}, {{"移除", bot::message(command(ctx, "antiad disallow " + d)), false}}});
    p.add(std::move(domains));

    p.add(panel::heading{"自定义规则"});
    panel::table rules{{"编号", "正则"}, {}, "没有自定义规则。"};
    for (auto const& r : repo.rules(key)) {
        auto n = std::to_string(r.id);
        rules.rows.push_back({{"#" + n, bot::shown_text(r.pattern, 300)},
                              {{"删除", bot::message(command(ctx, "antiad rule remove " + n)), true}}});
    }
    p.add(std::move(rules));

    p.add(panel::heading{"学到的内容"});
    panel::table learned{{"编号", "类型", "内容", "时间"}, {}, "还没有学到内容。"};
    for (auto const& e : repo.learned_by(key)) {
        auto n = std::to_string(e.id);
        auto kind = std::string(e.kind == "pass" ? "放行" : "广告样本") + (e.group == "*" ? "·全局" : "");
        learned.rows.push_back({{n, kind, shown_text(e.original, 60), stamp(ctx, g, e.at)},
                                {{"忘记", bot::message(command(ctx, "antiad forget " + n)), true}}});
    }
    p.add(std::move(learned));

    p.add(panel::heading{"免检成员"});
    panel::table approved{{"成员"}, {}, "免检名单是空的。"};
    for (auto const& user : repo.approved(key)) {
        auto label = name_of(user);
        approved.rows.push_back(
            {{label}, {{"取消免检", bot::message(command(ctx, "unapprove ")).at(user, label), true}}});
    }
    p.add(std::move(approved));

    p.add(panel::heading{"有效警告"});
    panel::table warned{{"成员", "警告次数", "最近一次", "原因"}, {}, "没有成员有有效的警告。"};
    auto now = ctx.clock().now().time_since_epoch().count();
    for (auto const& w : repo.warned(key, now - gs.cfg.strike_window.count(), warned_rows)) {
        auto label = name_of(w.user);
        warned.rows.push_back({{label, std::to_string(w.count), stamp(ctx, g, w.last_at), shown_text(w.last_reason, 60)},
                               {{"撤销一次警告", bot::message(command(ctx, "unwarn ")).at(w.user, label), true}}});
    }
    p.add(std::move(warned));
    return p;
}

}  // namespace

void register_panels(bot::plugin_context& ctx, std::shared_ptr<moderation> mod) {
    ctx.panel("log", "反广告处理记录", "moderation",
              [mod](bot::group_ref const& g, panel::viewer const&) { return log_page(*mod, g); });
    ctx.panel("lists", "反广告设置与名单", "moderation",
              [mod](bot::group_ref const& g, panel::viewer const&) { return lists_page(*mod, g); });
}

}  // namespace plugins::antiad
