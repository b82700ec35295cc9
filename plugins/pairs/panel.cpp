// The console panel: the running cycle, its groups with today's check-ins and their streaks, and
// who takes part. It only reads.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/pairs/glue.hpp"

namespace plugins::pairs {

namespace {

namespace panel = bot::panel;

std::string marks(std::vector<bot::day_mark> const& today) {
    int done = 0, leave = 0;
    for (auto m : today) {
        done += m == bot::day_mark::done ? 1 : 0;
        leave += m == bot::day_mark::leave ? 1 : 0;
    }
    auto out = fmt::format("{}/{} 已打卡", done, today.size());
    if (leave > 0) out += fmt::format("，{} 人请假", leave);
    return out;
}

panel::page draw(state& st, bot::group_ref const& g) {
    panel::page p;
    auto cfg = st.cfg(g);
    auto people = pool(st, g);
    auto running = st.repo.running(g.key());
    p.add(panel::heading{"本轮"});
    if (!running) {
        p.add(panel::paragraph{
            fmt::format("没有进行中的分组。{} 人参加分组；管理员在群里发「/pairs start」开始一轮。", people.size()),
            true});
        return p;
    }
    auto teams = teams_of(st, g, *running);
    std::size_t placed_count = 0;
    for (auto const& t : teams) placed_count += t.members.size();
    p.add(panel::facts{{{"轮次", fmt::format("第 {} 轮", running->number)},
                        {"日期", running->start.str() + " 至 " + running->end.str()},
                        {"每组人数", std::to_string(running->size)},
                        {"已分组", fmt::format("{} 人，{} 组", placed_count, teams.size())},
                        {"报名方式", cfg.enrol == "roster" ? "所有打卡成员" : "/pairs join 报名"},
                        {"结束后", cfg.auto_regroup ? "自动重新分组" : "结束"}}});
    panel::table t{{"组", "成员", "今天", "连续", "最佳"}, {}, "还没有分组"};
    for (auto const& team : teams)
        t.rows.push_back({{fmt::format("第 {} 组", team.team), names_of(team.members), marks(team.today),
                           fmt::format("{} 天", team.run.current), fmt::format("{} 天", team.run.best)},
                          {}});
    p.add(panel::heading{"各组"});
    p.add(std::move(t));
    p.add(panel::paragraph{"连续：本轮中全组都打卡或请假的连续天数；今天还没结束，不会中断。", true});
    return p;
}

}  // namespace

void register_panel(state_ptr const& st) {
    st->ctx.panel("pairs", "同桌与小组", "checkins",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw(*st, g); });
}

}  // namespace plugins::pairs
