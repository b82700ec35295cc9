// The console panel ("members"): the birthdays of this month and next in the group, month and day
// only, with a remove action. It only reads; removing runs /birthday forget as the viewer.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/birthday/glue.hpp"

namespace plugins::birthday {

namespace {

namespace panel = bot::panel;

panel::table month_table(state& st, std::string const& gk, int month) {
    panel::table t{{"成员", "生日", "群里祝福"}, {}, fmt::format("{} 月没有人登记生日", month)};
    for (auto const& p : st.repo.in_month(gk, month)) {
        auto name = bot::shown_name(p.name);
        bot::message forget("/birthday forget ");
        forget.at(p.user, name);
        std::vector<panel::action> actions{{"删除", forget, true}};
        t.rows.push_back({{name, shown(p.date), p.quiet ? "不公开" : "公开"}, std::move(actions)});
    }
    return t;
}

panel::page draw(state& st, bot::group_ref const& g) {
    panel::page p;
    auto today = st.today(g);
    int next = today.month % 12 + 1;
    for (int m : {today.month, next}) {
        p.add(panel::heading{fmt::format("{} 月生日", m)});
        p.add(month_table(st, g.key(), m));
    }
    auto cfg = st.cfg(g);
    auto when = cfg.greet ? fmt::format("生日当天 {}（本群时间）在群里发一条祝福，@ 当天所有公开祝福的成员。",
                                        cfg.greet_at.str())
                          : std::string("本群关闭了生日祝福（greet = false）。");
    p.add(panel::paragraph{when + "只记月日，不记年份；成员可以自己用「/生日 删除」删除。", true});
    return p;
}

}  // namespace

void register_panel(state_ptr const& st) {
    st->ctx.panel("birthdays", "生日", "members",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw(*st, g); });
}

}  // namespace plugins::birthday
