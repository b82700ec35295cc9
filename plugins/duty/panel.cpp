// The console panel (section "moderation"): who is on duty now and next, the roster in rotation
// order with each member's next shift and actions, and this week's KPI per shift. It only reads.
#include <fmt/format.h>

#include "bot/panel.hpp"
#include "plugins/duty/glue.hpp"

namespace plugins::duty {

namespace {

namespace panel = bot::panel;

panel::page draw(state& st, bot::group_ref const& g) {
    panel::page p;
    auto gk = g.key();
    auto const& r = st.roster_of(gk);
    auto now = st.ctx.clock().now();
    auto f = st.face(g);
    auto cur = duty::shift_at(r.rot, f, now);
    auto next = shift_number(r.rot, f, cur.ordinal + 1);
    auto nobody = st.ctx.render(g, "nobody");
    auto who = [&](shift const& s) { return s.who ? st.name_of(gk, *s.who) : nobody; };
    p.add(panel::facts{{{"现在值班", fmt::format("{}（{} 至 {}）", who(cur), st.local(g, cur.start), st.local(g, cur.end))},
                        {"下一班", fmt::format("{}（{} 起）", who(next), st.local(g, next.start))},
                        {"轮换", st.ctx.render(g, r.rot.kind == mode::daily ? "mode_daily" : "mode_weekly")},
                        {"每班开始", st.cfg(g).shift_start.str()}}});

    panel::table roster_table{{"顺序", "成员", "下一班"}, {}, st.ctx.render(g, "empty")};
    int pos = 0;
    for (auto const& m : r.rot.members) {
        std::string when;
        if (cur.who && *cur.who == m)
            when = fmt::format("值班中，到 {}", st.local(g, cur.end));
        else if (auto n = next_shift_of(r.rot, m, cur.ordinal))
            when = st.local(g, shift_number(r.rot, f, *n).start);
        std::vector<panel::action> actions{{"跳过下一班", bot::message("/duty skip ").at(m), false},
                                           {"移出名单", bot::message("/duty remove ").at(m), true}};
        roster_table.rows.push_back({{std::to_string(++pos), st.name_of(gk, m), when}, std::move(actions)});
    }
    p.add(panel::heading{"值班名单"});
    p.add(std::move(roster_table));

    auto monday = week_of(duty_day(now, f));
    auto figures = st.figures(gk, monday, monday.plus_days(6));
    std::vector<shift_figures const*> order;
    for (auto const& [k, fig] : figures) order.push_back(&fig);
    std::stable_sort(order.begin(), order.end(), [](auto a, auto b) { return a->first_day < b->first_day; });
    panel::table kpi{{"班次", "值班", "回答问题", "管理操作", "消息", "发言人数"}, {}, "本周还没有值班记录"};
    for (auto const* fig : order) {
        std::string names;
        std::int64_t q = 0, m = 0;
        for (auto const& [admin, c] : fig->admin) {
            names += (names.empty() ? "" : "、") + st.name_of(gk, admin);
            q += c.first;
            m += c.second;
        }
        kpi.rows.push_back({{fig->first_day.str(), names.empty() ? nobody : names, std::to_string(q), std::to_string(m),
                             std::to_string(fig->messages), std::to_string(fig->senders.size())},
                            {}});
    }
    p.add(panel::heading{fmt::format("本周值班统计（{} 起）", monday.str())});
    p.add(std::move(kpi));
    p.add(panel::paragraph{"回答问题：值班管理员引用或 @ 了别人的提问（answer_window 内）；管理操作：值班管理员用的 "
                           "/warn /mute /recall /kick 等命令；发言人数：这一班里发过言的不同成员。",
                           true});
    return p;
}

}  // namespace

void register_panel(std::shared_ptr<state> const& st) {
    st->ctx.panel("duty", "值班", "moderation",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw(*st, g); });
}

}  // namespace plugins::duty
