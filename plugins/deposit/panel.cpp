// The console panel: the group's challenges, the current one's roster, fines and ledger, what
// /settle lists now, and the ledger export. It only reads; every button is one of the plugin's
// chat commands, run as the admin who clicks it.
#include <fmt/format.h>

#include <map>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/deposit/plugin.hpp"

namespace plugins::deposit {

namespace {

namespace panel = bot::panel;

/// How many challenges the list shows, newest first.
constexpr int challenges_shown = 20;

/// A command naming a member: "/refund paid @bob", with `tail` after the mention.
bot::message about(std::string const& command, enrolment const& e, std::string const& tail = {}) {
    bot::message m(command + " ");
    m.at(bot::id::decode(e.user), e.name);
    if (!tail.empty()) m.text(" " + tail);
    return m;
}

std::string period(rules const& r) {
    return fmt::format("{} 至 {}（{} 天）", r.start.str(), r.last_day().str(), r.days);
}

std::string fine_words(state& st, bot::group_ref const& g, rules const& r) {
    return r.mode == fine_mode::fixed ? st.render(g, "fine_fixed", {{"fine", yuan(r.fine)}})
                                      : st.render(g, "fine_percent", {{"percent", r.percent}});
}

std::string refund_words(state& st, bot::group_ref const& g, rules const& r) {
    auto free = r.free_misses() > 0 ? st.render(g, "free_some", {{"free", r.free_misses()}}) : st.render(g, "free_none");
    return fmt::format("完成 {}/{} 天全额退还{}", r.full_days, r.days, free);
}

std::string challenge_state(challenge const& c, bot::civil_date today, std::vector<refund_row> const& refunds) {
    switch (c.status) {
        case challenge_status::open: return today < c.r.start ? "报名中" : "进行中";
        case challenge_status::ended: return "已结束，待结算";
        case challenge_status::settled:
            for (auto const& r : refunds)
                if (r.why == reason::cancelled) return "已取消";
            return "已结算";
    }
    return {};
}

/// What a ledger kind is called in the console.
std::string kind_words(std::string const& kind) {
    if (kind == "deposit") return "押金";
    if (kind == "fine") return "罚款";
    if (kind == "refund") return "退款";
    if (kind == "share") return "分得奖池";
    if (kind == "forfeit") return "没收";
    if (kind == "reversal") return "冲正";
    return kind;
}

void add_challenges(state& st, bot::group_ref const& g, bot::civil_date today, panel::page& p) {
    panel::table t{{"名称", "时间", "押金", "缺卡", "全额退还", "扣下的钱", "状态"}, {}, "—"};
    for (auto const& c : st.b.repo().challenges(g.key(), challenges_shown)) {
        t.rows.push_back({{bot::shown_name(c.r.name), period(c.r), yuan(c.r.deposit), fine_words(st, g, c.r),
                           refund_words(st, g, c.r), describe_destination(st, g, c.r),
                           challenge_state(c, today, st.b.repo().refunds(c.id))},
                          {}});
    }
    p.add(panel::heading{"押金挑战"});
    p.add(std::move(t));
}

/// The settlement line of one member, if they are on the list.
settle_line const* line_of(settlement const& s, std::string const& user) {
    for (auto const& l : s.lines)
        if (l.member.user == user) return &l;
    return nullptr;
}

refund_row const* refund_of(std::vector<refund_row> const& rows, std::string const& user) {
    for (auto const& r : rows)
        if (r.user == user) return &r;
    return nullptr;
}

void add_roster(state& st, bot::group_ref const& g, challenge const& c, std::vector<enrolment> const& members,
                settlement const& s, std::vector<refund_row> const& refunds, panel::page& p) {
    bool settled = c.status == challenge_status::settled;
    panel::table t{{"成员", "状态", "押金", "完成", "缺卡", "请假", "罚款", "剩余", settled ? "应退" : "预计退还"}, {}, "还没有人报名"};
    for (auto const& e : members) {
        auto tl = st.b.tally_of(c, e);
        std::string due = "—";
        std::vector<panel::action> actions;
        if (auto const* r = refund_of(refunds, e.user)) {
            due = yuan(r->amount) + (r->amount == 0 ? "" : r->paid_at != 0 ? "（已退）" : "（待退）");
            if (r->amount > 0 && r->paid_at == 0) actions.push_back({"标记已退款", about("/refund paid", e), true});
        } else if (auto const* l = line_of(s, e.user)) {
            due = yuan(l->amount);
        }
        if (c.status == challenge_status::open &&
            (e.status == member_status::pending || e.status == member_status::expired))
            actions.push_back({"确认押金", about("/deposit paid", e), true});
        t.rows.push_back({{bot::shown_name(e.name), state_word(st, g, e.status), tl.paid > 0 ? yuan(tl.paid) : "—",
                           std::to_string(tl.done), std::to_string(tl.missed), std::to_string(tl.leave),
                           yuan(tl.fined), yuan(tl.remaining), due},
                          std::move(actions)});
    }
    p.add(panel::heading{"成员"});
    p.add(std::move(t));
}

void add_fines(state& st, challenge const& c, std::vector<enrolment> const& members, panel::page& p) {
    panel::table t{{"成员", "日期", "罚款", "状态"}, {}, "没有罚款"};
    for (auto const& e : members) {
        for (auto const& d : st.b.repo().days(c.id, e.user)) {
            if (d.fine <= 0) continue;
            bool waived = d.v == verdict::excused;
            std::vector<panel::action> actions;
            // What /deposit waive accepts: a fine still standing, before the settlement, of a member still in.
            if (!waived && c.status != challenge_status::settled && e.status != member_status::left)
                actions.push_back({"撤销罚款", about("/deposit waive", e, d.day.str()), true});
            t.rows.push_back(
                {{bot::shown_name(e.name), d.day.str(), yuan(d.fine), waived ? "已撤销" : "已扣"}, std::move(actions)});
        }
    }
    p.add(panel::heading{"罚款"});
    p.add(std::move(t));
}

void add_ledger(state& st, bot::group_ref const& g, challenge const& c, std::vector<enrolment> const& members,
                panel::page& p) {
    std::map<std::string, std::string> names;  // member account → name
    for (auto const& e : members) names[member_account(c.id, e.user)] = e.name;
    auto tz = st.ctx.group_tz(g);
    panel::table t{{"时间", "类型", "成员", "金额", "说明"}, {}, "还没有记录"};
    for (auto const& posting : st.b.postings(c)) {
        bot::fen amount = 0;
        std::string who;
        for (auto const& l : posting.legs) {
            amount += l.fen > 0 ? l.fen : 0;
            if (auto it = names.find(l.account); it != names.end()) who = it->second;
        }
        auto when = tz.to_local(bot::time_point{std::chrono::seconds{posting.at}});
        t.rows.push_back({{when.str(), kind_words(posting.kind), who.empty() ? "—" : bot::shown_name(who), yuan(amount),
                           bot::shown_name(posting.memo, 200)},
                          {}});
    }
    bot::fen deposits = 0, fines = 0, held = 0;
    for (auto const& e : members) {
        auto tl = st.b.tally_of(c, e);
        deposits += tl.paid;
        fines += tl.fined;
        held += tl.remaining;
    }
    p.add(panel::heading{"账目"});
    p.add(panel::facts{{{"已确认押金", yuan(deposits)},
                        {"罚款（撤销的不计）", yuan(fines)},
                        {"仍为成员保管", yuan(held)},
                        {"奖池", yuan(st.ctx.ledger().balance(c.group, pool_account(c.id)))},
                        {"已进入群基金", yuan(st.b.fund_from(c))}}});
    p.add(std::move(t));
}

void add_settlement(state& st, bot::group_ref const& g, challenge const& c, settlement const& s, panel::page& p) {
    bool settled = c.status == challenge_status::settled;
    p.add(panel::heading{settled ? "结算清单" : "结算预览"});
    if (c.status == challenge_status::open)
        p.add(panel::paragraph{fmt::format("挑战还在进行：按已判定的天数估算，{} 结束后才能 /settle。", c.r.last_day().str()),
                               true});
    else if (!settled)
        p.add(panel::paragraph{"现在发送 /settle 会生成下面的清单。", true});
    panel::table t{{"成员", "退还", "其中奖池", "说明"}, {}, "没有已交押金的成员"};
    for (auto const& line : s.lines)
        t.rows.push_back(
            {{bot::shown_name(line.member.name), yuan(line.amount), yuan(line.share), describe_why(st, g, c, line)}, {}});
    p.add(std::move(t));
    auto diff = s.deposits - s.refunds - s.to_fund;
    p.add(panel::facts{{{"押金合计", yuan(s.deposits)},
                        {"退款合计", yuan(s.refunds)},
                        {"进入群基金", yuan(s.to_fund)},
                        {"对账", s.balanced() ? "✅ 平" : "❌ 差 " + yuan(diff)}}});
}

panel::page draw(state& st, bot::group_ref const& g) {
    panel::page p;
    auto today = st.today(g);
    // The challenge the money commands act on: the unsettled one, else the latest.
    auto c = st.b.repo().current(g.key());
    if (!c) c = st.b.repo().latest(g.key());
    if (!c) {
        p.add(panel::paragraph{st.render(g, "none"), false});
        return p;
    }
    auto members = st.b.repo().members(c->id);
    auto refunds = st.b.repo().refunds(c->id);
    auto s = c->status == challenge_status::settled ? st.b.stored_settlement(*c) : st.b.settlement_now(*c);
    int paid = 0, pending = 0;
    for (auto const& e : members) {
        paid += e.status == member_status::paid ? 1 : 0;
        pending += e.status == member_status::pending ? 1 : 0;
    }
    p.add(panel::heading{"「" + bot::shown_name(c->r.name) + "」"});
    p.add(panel::facts{{{"状态", challenge_state(*c, today, refunds)},
                        {"时间", period(c->r)},
                        {"押金", yuan(c->r.deposit) + " 元"},
                        {"完成一天", st.render(g, c->r.rule == day_rule::checkin ? "rule_checkin" : "rule_message")},
                        {"缺卡", fine_words(st, g, c->r)},
                        {"全额退还", refund_words(st, g, c->r)},
                        {"请假", c->r.leave_limit > 0 ? fmt::format("最多 {} 天", c->r.leave_limit) : "不设请假"},
                        {"扣下的钱", describe_destination(st, g, c->r)},
                        {"中途退群", st.render(g, c->r.leaver == leaver_rule::forfeit ? "leaver_forfeit" : "leaver_prorata")},
                        {"报名", fmt::format("已交押金 {} 人，待确认 {} 人", paid, pending)}}});
    if (c->status == challenge_status::ended)
        p.add(panel::actions{{{"结算", panel::command_text("/settle"), true}}});
    add_roster(st, g, *c, members, s, refunds, p);
    add_fines(st, *c, members, p);
    add_settlement(st, g, *c, s, p);
    add_ledger(st, g, *c, members, p);
    p.add(panel::download{"下载账本 CSV", fmt::format("deposit-{}.csv", c->id), "text/csv; charset=utf-8",
                          st.b.export_csv(*c, st.ctx.group_tz(g))});
    add_challenges(st, g, today, p);
    return p;
}

}  // namespace

void register_panel(std::shared_ptr<state> const& st) {
    st->ctx.panel("deposit", "押金挑战", "money",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw(*st, g); });
}

}  // namespace plugins::deposit
