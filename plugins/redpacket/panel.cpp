// The console panel: who owes red packets since when, and the group fund with its latest records.
// It only reads; its buttons are /redpacket done and /redpacket waive, run as the admin.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/redpacket/glue.hpp"

namespace plugins::redpacket {

namespace {

namespace panel = bot::panel;

/// How many fund records the panel lists, newest first.
constexpr int records_shown = 30;

std::string yuan(bot::fen f) { return (f < 0 ? "-" : "") + bot::format_money(f < 0 ? -f : f); }

bot::message about(std::string const& command, bot::id const& user, std::string const& name) {
    bot::message m(command + " ");
    m.at(user, name);
    return m;
}

/// One member's open red packets.
struct owing {
    bot::id user;
    std::string name;
    std::vector<owed_row> owed;         ///< still to send
    std::vector<owed_row> unconfirmed;  ///< sent, the amount to confirm
};

/// The open red packets by member, oldest first. A day made up since the close is left out: the
/// next command lets it off (this panel writes nothing).
std::vector<owing> owed_by_member(state& st, std::string const& gk) {
    std::vector<owing> out;
    std::map<bot::id, std::size_t> at;
    for (auto const& r : st.repo.open(gk)) {
        if (r.state == owed_state::owed && st.records->mark(gk, r.user, r.day) == bot::day_mark::done) continue;
        auto [it, added] = at.emplace(r.user, out.size());
        if (added) out.push_back({r.user, r.name, {}, {}});
        auto& o = out[it->second];
        (r.state == owed_state::owed ? o.owed : o.unconfirmed).push_back(r);
    }
    return out;
}

void add_owed(std::vector<owing> const& owed, panel::page& p) {
    panel::table t{{"成员", "最早欠下", "欠的日子", "金额", "已发待确认"}, {}, "目前没有人欠红包"};
    for (auto const& o : owed) {
        std::string days;
        bot::fen sum = 0;
        for (auto const& r : o.owed) {
            days += (days.empty() ? "" : "、") + r.day.str().substr(5);
            sum += r.amount;
        }
        auto first = o.owed.empty() ? o.unconfirmed.front().day : o.owed.front().day;
        if (!o.unconfirmed.empty()) first = std::min(first, o.unconfirmed.front().day);
        std::vector<panel::action> actions;
        // /redpacket done confirms the one waiting for its amount first, else the oldest owed.
        actions.push_back({"红包已发", about("/redpacket done", o.user, o.name), true});
        if (!o.owed.empty()) actions.push_back({"免红包", about("/redpacket waive", o.user, o.name), true});
        t.rows.push_back({{bot::shown_name(o.name), first.str(), days.empty() ? "—" : days, yuan(sum),
                           o.unconfirmed.empty() ? "—" : fmt::format("{} 个", o.unconfirmed.size())},
                          std::move(actions)});
    }
    p.add(panel::heading{"待发红包"});
    p.add(std::move(t));
    p.add(panel::paragraph{"「红包已发」和「免红包」每次处理该成员最早的一个红包。", true});
}

void add_fund(state& st, bot::group_ref const& g, std::vector<owing> const& owed, panel::page& p) {
    auto gk = g.key();
    auto account = fund_account(gk);
    int count = 0, unconfirmed = 0;
    bot::fen pending = 0;
    for (auto const& o : owed) {
        count += static_cast<int>(o.owed.size());
        unconfirmed += static_cast<int>(o.unconfirmed.size());
        for (auto const& r : o.owed) pending += r.amount;
    }
    p.add(panel::heading{"群基金"});
    p.add(panel::facts{{{"余额", yuan(st.ctx.ledger().balance(gk, account)) + " 元"},
                        {"待发红包", fmt::format("{} 个，共 {} 元", count, yuan(pending))},
                        {"已发待确认金额", fmt::format("{} 个", unconfirmed)}}});
    auto tz = st.ctx.group_tz(g);
    panel::table t{{"时间", "类型", "金额", "说明"}, {}, "还没有记录"};
    auto history = st.ctx.ledger().history(gk, account, records_shown);
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        bot::fen delta = 0;
        for (auto const& l : it->legs)
            if (l.account == account) delta += l.fen;
        auto when = tz.to_local(bot::time_point{std::chrono::seconds{it->at}});
        t.rows.push_back({{when.str(), kind_words(it->kind), (delta > 0 ? "+" : "") + yuan(delta),
                           bot::shown_name(it->memo, 200)},
                          {}});
    }
    p.add(panel::heading{"最近的记录"});
    p.add(std::move(t));
}

panel::page draw(state& st, bot::group_ref const& g) {
    panel::page p;
    auto owed = owed_by_member(st, g.key());
    if (!st.cfg(g).owe_on_miss)
        p.add(panel::paragraph{"本群没有开启「没有输出就发红包」（/set redpacket.owe_on_miss true）。", true});
    add_owed(owed, p);
    add_fund(st, g, owed, p);
    return p;
}

}  // namespace

void register_panel(std::shared_ptr<state> const& st) {
    st->ctx.panel("redpacket", "红包与群基金", "money",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw(*st, g); });
}

}  // namespace plugins::redpacket
