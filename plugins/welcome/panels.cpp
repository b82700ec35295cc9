// The welcome plugin in the admin console. "members": the intake directory (an admin's view under
// the /who privacy rule), open verifications and join requests with their buttons, the group's
// rules, and the join/leave record. "health": joins and leaves per day. Panels only read; each
// button is the chat command an admin would type, run as them.
#include <algorithm>

#include "bot/display.hpp"
#include "plugins/welcome/state.hpp"

namespace plugins::welcome {

namespace {

namespace panel = bot::panel;

constexpr std::int64_t history_rows = 50;
constexpr long chart_days = 30;

/// A command as typed with the bot's first prefix ("/"), so the console's click matches it.
std::string command(state& st, std::string const& text) {
    auto const& prefixes = st.ctx.bot_config().command_prefixes;
    return (prefixes.empty() ? std::string("/") : prefixes.front()) + text;
}

std::string stamp(state& st, bot::group_ref const& g, std::int64_t at) {
    return st.ctx.group_tz(g).to_local(bot::time_point(std::chrono::seconds(at))).str().substr(5, 11);
}

/// "名字（ID）", or the ID alone when the name says nothing more; member-written, so shown safely.
std::string label(bot::id const& user, std::string const& name) {
    auto id = bot::shown_name(user.str());
    auto shown = bot::shown_name(name);
    if (shown.empty() || shown == id) return id;
    return shown + "（" + id + "）";
}

std::string member_label(state& st, bot::group_ref const& g, std::string const& encoded) {
    auto user = bot::id::decode(encoded);
    return label(user, st.repo.name_of(g.key(), encoded).value_or(std::string()));
}

bool is_private(config const& c, std::string const& key) {
    return std::find(c.private_fields.begin(), c.private_fields.end(), key) != c.private_fields.end();
}

panel::page directory_page(state& st, bot::group_ref const& g, panel::viewer const&) {
    auto c = st.cfg(g);
    auto specs = parse_field_specs(c.fields);
    // As /who decides it: the platform's count when the bot has one, else privacy wins.
    auto cached = st.counts.find(g.key());
    auto count = cached != st.counts.end() ? cached->second.first
                                           : std::max(st.repo.member_count(g.key()), c.privacy_threshold);
    // The console's viewer is an admin of the group (or a superuser): /who hides nothing from them.
    bool hide = hide_private(count, c.privacy_threshold, true);
    auto shown_key = [&](std::string const& key) { return !hide || !is_private(c, key); };
    auto mark = [&](std::string const& key, std::string text) {
        return is_private(c, key) ? text + "（私密）" : text;
    };

    panel::table t;
    if (shown_key("name")) t.columns.push_back(mark("name", "成员"));
    for (auto const& spec : specs)
        if (shown_key(spec.key)) t.columns.push_back(mark(spec.key, spec.label()));
    t.empty = "还没有成员登记资料。";
    for (auto const& p : st.repo.directory(g.key(), g.platform)) {
        panel::row row;
        if (shown_key("name")) row.cells.push_back(label(bot::id::decode(p.user), p.name));
        for (auto const& spec : specs) {
            if (!shown_key(spec.key)) continue;
            auto it = p.values.find(spec.key);
            row.cells.push_back(it == p.values.end() ? std::string() : bot::shown_name(it->second, max_shown_field));
        }
        t.rows.push_back(std::move(row));
    }
    panel::page page;
    page.add(std::move(t));
    auto threshold = std::to_string(c.privacy_threshold);
    page.add(panel::paragraph{count >= c.privacy_threshold
                                  ? "本群已达 " + threshold + " 人：成员用 /who 找人时看不到标为「私密」的字段，这里是管理员视图。"
                                  : "本群不到 " + threshold + " 人（种子期）：成员用 /who 也能看到全部字段。",
                              true});
    return page;
}

panel::page verification_page(state& st, bot::group_ref const& g) {
    panel::table t{{"成员", "问题", "剩余次数", "截止", "状态"}, {}, "没有待验证的新成员。"};
    for (auto const& p : st.repo.open_checks(g.key())) {
        auto user = bot::id::decode(p.user);
        auto who = label(user, p.name);
        bool held = p.state == "held";
        t.rows.push_back({{who, bot::shown_text(p.question, 200), std::to_string(p.tries_left), stamp(st, g, p.deadline),
                           held ? "未通过，等管理员决定" : "等待回答"},
                          {{"通过", bot::message(command(st, "verify pass ")).at(user, who), true},
                           {"移出", bot::message(command(st, "verify kick ")).at(user, who), true}}});
    }
    panel::page page;
    page.add(std::move(t));
    return page;
}

panel::page requests_page(state& st, bot::group_ref const& g) {
    panel::table t{{"编号", "申请人", "附言", "时间"}, {}, "没有待处理的入群申请。"};
    for (auto const& r : st.repo.open_requests(g.key())) {
        auto n = std::to_string(r.id);
        t.rows.push_back({{n, bot::shown_name(bot::id::decode(r.user).str()), bot::shown_text(r.comment, 300),
                           stamp(st, g, r.at)},
                          {{"同意", bot::message(command(st, "request accept " + n)), true},
                           {"拒绝", bot::message(command(st, "request reject " + n)), true}}});
    }
    panel::page page;
    page.add(std::move(t));
    return page;
}

panel::page rules_page(state& st, bot::group_ref const& g) {
    panel::table t{{"序号", "规则", "原因"}, {}, "本群没有群规。"};
    auto rules = group_rules(st, g);
    for (std::size_t i = 0; i < rules.size(); ++i)
        t.rows.push_back({{std::to_string(i + 1), bot::shown_text(rules[i].text, 600), bot::shown_text(rules[i].reason, 600)},
                          {}});
    panel::page page;
    page.add(std::move(t));
    page.add(panel::paragraph{st.repo.rules(g.key()) ? "本群自己的群规（/rules add、/rules remove 修改，/rules reset 恢复默认）。"
                                                     : "默认群规（来自配置文件）；用 /rules add 修改后成为本群自己的群规。",
                              true});
    return page;
}

std::string kind_label(std::string const& kind) {
    if (kind == "join") return "加入";
    if (kind == "kick") return "被移出";
    return "退出";
}

std::string how_label(std::string const& how) {
    if (how == "approve") return "管理员同意入群";
    if (how == "invite") return "被邀请";
    return bot::shown_name(how);
}

panel::page history_page(state& st, bot::group_ref const& g) {
    panel::table t{{"时间", "成员", "变动", "方式", "操作人"}, {}, "还没有进出记录。"};
    for (auto const& r : st.repo.recent_log(g.key(), history_rows)) {
        // The operator only when someone else acted (an admin who removed, a member who invited).
        auto op = r.op == r.user || bot::id::decode(r.op).empty() ? std::string() : member_label(st, g, r.op);
        t.rows.push_back({{stamp(st, g, r.at), member_label(st, g, r.user), kind_label(r.kind), how_label(r.how), op}, {}});
    }
    panel::page page;
    page.add(std::move(t));
    return page;
}

std::string period(log_counts const& c) {
    return "入群 " + std::to_string(c.joins) + " 人，退群 " + std::to_string(c.leaves + c.kicked) + " 人（其中被移出 " +
           std::to_string(c.kicked) + " 人）";
}

panel::page joins_page(state& st, bot::group_ref const& g) {
    auto now = st.now();
    auto today = st.ctx.group_day(g, st.ctx.clock().now());
    auto from = today.plus_days(1 - chart_days);
    panel::chart c{"近 30 天每天的入群与退群", "bar", {}, {{"入群", {}}, {"退群", {}}}};
    for (auto d = from; d <= today; d = d.plus_days(1)) c.labels.push_back(d.str().substr(5));
    c.data[0].values.assign(c.labels.size(), 0);
    c.data[1].values.assign(c.labels.size(), 0);
    // A day is at most 26 hours long, so 31 days back covers the first day whole.
    for (auto const& r : st.repo.log_since(g.key(), now - (chart_days + 1) * 86400)) {
        auto day = st.ctx.group_day(g, bot::time_point(std::chrono::seconds(r.at)));
        auto i = day.serial() - from.serial();
        if (i < 0 || i >= chart_days) continue;
        c.data[r.kind == "join" ? 0 : 1].values[static_cast<std::size_t>(i)] += 1;
    }
    panel::page page;
    page.add(panel::facts{{{"近 7 天", period(st.repo.counts_since(g.key(), now - 7 * 86400))},
                           {"近 30 天", period(st.repo.counts_since(g.key(), now - 30 * 86400))}}});
    page.add(std::move(c));
    return page;
}

}  // namespace

void register_panels(state_ptr st) {
    auto& ctx = st->ctx;
    ctx.panel("directory", "成员资料", "members",
              [st](bot::group_ref const& g, panel::viewer const& v) { return directory_page(*st, g, v); });
    ctx.panel("verification", "待验证的新成员", "members",
              [st](bot::group_ref const& g, panel::viewer const&) { return verification_page(*st, g); });
    ctx.panel("requests", "入群申请", "members",
              [st](bot::group_ref const& g, panel::viewer const&) { return requests_page(*st, g); });
    ctx.panel("rules", "群规", "members",
              [st](bot::group_ref const& g, panel::viewer const&) { return rules_page(*st, g); });
    ctx.panel("history", "进出记录", "members",
              [st](bot::group_ref const& g, panel::viewer const&) { return history_page(*st, g); });
    ctx.panel("joins", "入群与退群", "health",
              [st](bot::group_ref const& g, panel::viewer const&) { return joins_page(*st, g); });
}

}  // namespace plugins::welcome
