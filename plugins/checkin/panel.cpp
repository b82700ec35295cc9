// The console panels: a calendar of the last 90 days, each member's standing and the /rank boards
// ("checkins"), and the daily check-in rate of the last 30 days ("health"). They only read, and
// every day is the group's day (its time zone and day-close hour) by the injected clock.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/checkin/glue.hpp"

namespace plugins::checkin {

namespace {

namespace panel = bot::panel;

constexpr int calendar_days = 90;
constexpr int rate_days = 30;

bot::civil_date today_of(state& st, bot::group_ref const& g) { return st.ctx.group_day(g, st.ctx.clock().now()); }

/// Per day (serial): how many counted check-ins and leave days the group had.
struct day_counts {
    int done = 0;
    int leave = 0;
};

void add_calendar(state& st, std::string const& gk, bot::civil_date today, panel::page& p) {
    auto from = today.plus_days(1 - calendar_days);
    std::map<long, day_counts> days;
    for (auto const& m : st.track.repo().marks_between(gk, from, today))
        ++(m.kind == entry_kind::leave ? days[m.day.serial()].leave : days[m.day.serial()].done);
    int most = 0;
    for (auto const& [d, c] : days) most = std::max(most, c.done);
    panel::heatmap h{fmt::format("近 {} 天每天打卡人数", calendar_days), {}};
    for (auto d = from; d <= today; d = d.plus_days(1)) {
        auto c = days.count(d.serial()) ? days[d.serial()] : day_counts{};
        auto note = fmt::format("{}：{} 人打卡", d.str(), c.done);
        if (c.leave > 0) note += fmt::format("，{} 人请假", c.leave);
        h.days.push_back({d.str(), heat_level(c.done, most), note});
    }
    p.add(std::move(h));
}

void add_members(state& st, std::string const& gk, bot::civil_date today, panel::page& p) {
    struct line {
        std::string name;
        standing at;
        int month = 0, leave = 0, makeups = 0;
        bot::civil_date since;
    };
    auto first = month_start(today);
    auto last = first.plus_days(days_in_month(today.year, today.month) - 1);
    std::vector<line> lines;
    for (auto const& m : st.records.roster(gk)) {
        line l{bot::shown_name(m.name), st.track.standing_on(gk, m.user, today), 0, 0, 0, m.since};
        // The month as /mycheckins counts it: leave already planned for later this month included.
        for (auto const& r : st.track.repo().days_of(gk, m.user, first, last)) {
            l.month += r.kind != entry_kind::leave ? 1 : 0;
            l.makeups += r.kind == entry_kind::makeup ? 1 : 0;
            l.leave += r.kind == entry_kind::leave ? 1 : 0;
        }
        lines.push_back(std::move(l));
    }
    std::stable_sort(lines.begin(), lines.end(), [](line const& a, line const& b) {
        return std::tie(b.at.streak, b.at.total) < std::tie(a.at.streak, a.at.total);
    });
    panel::table t{{"成员", "连续", "本月打卡", "累计", "本月请假", "本月补卡", "加入"}, {}, "还没有人打卡"};
    for (auto const& l : lines)
        t.rows.push_back({{l.name, std::to_string(l.at.streak), std::to_string(l.month), std::to_string(l.at.total),
                           std::to_string(l.leave), std::to_string(l.makeups), l.since.str()},
                          {}});
    p.add(panel::heading{"成员"});
    p.add(std::move(t));
}

void add_boards(state& st, bot::group_ref const& g, bot::civil_date today, panel::page& p) {
    auto gk = g.key();
    auto names = st.track.repo().names(gk);
    for (auto which : {board::today, board::week, board::month, board::all, board::streak}) {
        bool streaks = which == board::today || which == board::streak;
        panel::table t{{"名次", "成员", streaks ? "连续天数" : "打卡天数"}, {}, st.ctx.render(g, "board_empty")};
        for (auto const& l : board_lines(st, gk, which, today))
            t.rows.push_back(
                {{std::to_string(l.place), bot::shown_name(st.name_of(names, l.user)), std::to_string(l.value)}, {}});
        p.add(panel::heading{st.ctx.render(g, board_key(which))});
        p.add(std::move(t));
    }
}

panel::page draw_checkins(state& st, bot::group_ref const& g) {
    panel::page p;
    auto today = today_of(st, g);
    add_calendar(st, g.key(), today, p);
    add_members(st, g.key(), today, p);
    add_boards(st, g, today, p);
    return p;
}

/// The closed days before today: how many on the roster were expected and how many of them checked in.
panel::page draw_rate(state& st, bot::group_ref const& g) {
    panel::page p;
    auto gk = g.key();
    auto today = today_of(st, g);
    auto from = today.plus_days(-rate_days);
    auto roster = st.records.roster(gk);
    std::map<long, std::set<bot::id>> done;
    for (auto const& m : st.track.repo().marks_between(gk, from, today.plus_days(-1)))
        if (m.kind != entry_kind::leave) done[m.day.serial()].insert(m.user);
    panel::chart c{fmt::format("近 {} 天每日打卡率（%）", rate_days), "line", {}, {{"打卡率", {}}}};
    int all_done = 0, all_expected = 0, last_done = 0, last_expected = 0;
    for (auto d = from; d < today; d = d.plus_days(1)) {
        last_done = last_expected = 0;
        for (auto const& m : roster) {
            if (d < m.since) continue;
            ++last_expected;
            last_done += done[d.serial()].count(m.user) ? 1 : 0;
        }
        all_done += last_done;
        all_expected += last_expected;
        c.labels.push_back(d.str().substr(5));
        c.data.front().values.push_back(percent(last_done, last_expected));
    }
    p.add(panel::facts{{{"昨天", fmt::format("{}/{} 人（{}%）", last_done, last_expected, percent(last_done, last_expected))},
                        {fmt::format("近 {} 天", rate_days),
                         fmt::format("{}/{} 人次（{}%）", all_done, all_expected, percent(all_done, all_expected))}}});
    p.add(std::move(c));
    p.add(panel::paragraph{"打卡率 = 当天打卡（含补卡）的人数 ÷ 当天已在打卡名单上的人数；请假算作没打卡，退群的人不算。", true});
    return p;
}

}  // namespace

void register_panels(std::shared_ptr<state> const& st) {
    st->ctx.panel("checkins", "打卡", "checkins",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw_checkins(*st, g); });
    st->ctx.panel("rate", "打卡率", "health",
                  [st](bot::group_ref const& g, bot::panel::viewer const&) { return draw_rate(*st, g); });
}

}  // namespace plugins::checkin
