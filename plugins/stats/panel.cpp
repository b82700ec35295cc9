// The console panel ("health"): the last 14 group days as a table of every figure and a chart of
// messages and active members, read through daily() after a flush, and the weekly reports sent.
#include <fmt/format.h>

#include "bot/panel.hpp"
#include "plugins/stats/glue.hpp"

namespace plugins::stats {

namespace {

namespace panel = bot::panel;

constexpr int panel_days = 14;

std::string maybe(std::optional<int> v) { return v ? std::to_string(*v) : std::string("—"); }

panel::page render(state& st, bot::group_ref const& g) {
    auto today = st.today(g);
    auto rows = daily(st, g, today.plus_days(1 - panel_days), today);
    panel::page p;
    p.add(panel::heading{fmt::format("近 {} 天", panel_days)});
    panel::table t{{"日期", "消息", "发言成员", "贡献者", "新成员", "退群", "提问", "已回答", "打卡", "群成员"}, {}, "还没有数据"};
    panel::chart c{"每天的消息和发言成员", "line", {}, {{"消息", {}}, {"发言成员", {}}}};
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        auto const& r = *it;
        t.rows.push_back({{r.day.str(), std::to_string(r.messages), std::to_string(r.active),
                           std::to_string(r.contributors), std::to_string(r.joined), std::to_string(r.left),
                           std::to_string(r.questions), std::to_string(r.answered), maybe(r.checkins), maybe(r.size)},
                          {}});
    }
    for (auto const& r : rows) {
        c.labels.push_back(r.day.str().substr(5));
        c.data[0].values.push_back(r.messages);
        c.data[1].values.push_back(r.active);
    }
    p.add(std::move(t));
    p.add(std::move(c));
    p.add(panel::paragraph{fmt::format("贡献者：当天发言至少 {} 条或打卡的成员。群成员：日终时的人数。",
                                       st.cfg(g).contributor_messages)});
    p.add(panel::heading{"每周群况"});
    panel::table reports{{"截至", "发给几位管理员"}, {}, "还没有发过周报"};
    for (auto const& r : st.repo.reports(g.key(), 8))
        reports.rows.push_back({{r.last.str(), std::to_string(r.reached)}, {}});
    p.add(std::move(reports));
    return p;
}

}  // namespace

void register_panel(std::shared_ptr<state> const& st) {
    st->ctx.panel("days", "群健康（近 14 天）", "health",
                  [st](bot::group_ref const& g, panel::viewer const&) { return render(*st, g); });
}

}  // namespace plugins::stats
