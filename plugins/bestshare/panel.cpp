// The console panel (群务): when the next vote opens and the reward, the nominations waiting for
// it or being voted on, and every past week with its winner and reward, with "奖励已发" on a
// reward granted from the fund; the archive downloads as CSV.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/bestshare/glue.hpp"
#include "plugins/bestshare/rules.hpp"

namespace plugins::bestshare {

namespace {

namespace panel = bot::panel;

void add_nominations(state& st, bot::group_ref const& g, std::string const& title,
                     std::vector<nomination_row> const& all, panel::page& p) {
    panel::table t{{"编号", "成员", "分享", "提名", "票数"}, {}, "还没有提名"};
    for (auto const& n : all)
        t.rows.push_back({{fmt::format("#{}", n.num), bot::shown_name(n.nominee_name),
                           bot::shown_name(n.text, static_cast<std::size_t>(st.cfg(g).quote_chars) * 3),
                           n.nominator.empty() ? "打卡自动" : bot::shown_name(n.nominator_name), std::to_string(n.votes)},
                          {{"撤销提名", bot::panel::command_text(fmt::format("/bestshare remove #{}", n.num)), true}}});
    p.add(panel::heading{title});
    p.add(std::move(t));
}

panel::page draw(state& st, bot::group_ref const& g) {
    panel::page p;
    auto gk = g.key();
    auto cfg = st.cfg(g);
    auto next = next_opening(cfg.vote_weekday, cfg.vote_at.minutes, st.ctx.clock().now(), st.ctx.group_tz(g));
    auto voting = st.repo.voting(gk);
    p.add(panel::facts{{{"下次投票", next ? st.when(g, next->time_since_epoch().count()) : "不自动开始"},
                        {"投票开放", bot::format_duration(cfg.vote_for)},
                        {"奖励", cfg.reward.value > 0 ? yuan(cfg.reward.value) + " 元" : "不发"},
                        {"群基金余额", yuan(st.ctx.ledger().balance(gk, fund_account(gk))) + " 元"}}});
    if (voting)
        add_nominations(st, g, fmt::format("第{}期投票中（截止 {}）", voting->num, st.when(g, voting->closes_at)),
                        st.repo.nominations_of(gk, voting->week), p);
    add_nominations(st, g, "等待下次投票的提名", st.repo.pending(gk), p);
    panel::table t{{"期", "投票开始", "获奖", "票数", "奖励", "状态"}, {}, "还没有评选过"};
    for (auto const& w : st.repo.weeks(gk, 20)) {
        if (!w.closed_at) continue;
        auto n = w.winner ? st.repo.nomination_by_id(*w.winner) : std::nullopt;
        auto r = st.repo.reward(gk, w.week);
        std::vector<panel::action> actions;
        if (r && r->state == reward_state::granted)
            actions.push_back({"奖励已发", bot::panel::command_text(fmt::format("/bestshare paid #{}", w.num)), true});
        t.rows.push_back({{fmt::format("第{}期", w.num), st.when(g, w.opened_at),
                           n ? bot::shown_name(n->nominee_name) : "无人投票", n ? std::to_string(n->votes) : "—",
                           r ? yuan(r->amount) + " 元" : "—", r ? reward_words(r->state) : "—"},
                          std::move(actions)});
    }
    p.add(panel::heading{"往期最佳"});
    p.add(std::move(t));
    p.add(panel::download{"下载最佳分享 CSV", "bestshare.csv", "text/csv; charset=utf-8", archive_csv(st, g)});
    return p;
}

}  // namespace

void register_panel(state_ptr const& st) {
    st->ctx.panel("bestshare", "本周最佳分享", "group",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw(*st, g); });
}

}  // namespace plugins::bestshare
