// The check-in views: boards, a member's month, and the admins' view of today.
#include <algorithm>

#include <fmt/format.h>

#include "plugins/checkin/glue.hpp"

namespace plugins::checkin {

std::string board_key(board b) {
    switch (b) {
        case board::today: return "board_today";
        case board::week: return "board_week";
        case board::month: return "board_month";
        case board::all: return "board_all";
        case board::streak: return "board_streak";
    }
    return "board_today";
}

std::vector<board_line> board_lines(state& st, std::string const& gk, board which, bot::civil_date today) {
    std::vector<board_line> out;
    if (which == board::today) {
        int n = 0;
        for (auto const& d : st.track.repo().day_of_group(gk, today)) {
            if (d.kind != entry_kind::done || ++n > board_size) continue;
            out.push_back({d.rank, d.user, d.streak});
        }
    } else if (which == board::streak) {
        std::vector<std::pair<int, bot::id>> streaks;
        for (auto const& m : st.records.roster(gk)) {
            auto standing = st.track.standing_on(gk, m.user, today);
            if (standing.streak > 0) streaks.emplace_back(standing.streak, m.user);
        }
        std::stable_sort(streaks.begin(), streaks.end(), [](auto const& a, auto const& b) { return a.first > b.first; });
        for (std::size_t i = 0; i < streaks.size() && i < board_size; ++i)
            out.push_back({static_cast<int>(i) + 1, streaks[i].second, streaks[i].first});
    } else {
        auto from = which == board::week ? week_start(today) : which == board::month ? month_start(today)
                                                                                       : bot::civil_date{1970, 1, 1};
        int i = 0;
        for (auto const& r : st.track.repo().board(gk, from, today, board_size)) out.push_back({++i, r.user, r.days});
    }
    return out;
}

namespace {

std::optional<board> parse_board(std::string const& w) {
    if (w.empty() || w == "today" || w == "今日" || w == "今天" || w == "日") return board::today;
    if (w == "week" || w == "本周" || w == "周" || w == "周榜") return board::week;
    if (w == "month" || w == "本月" || w == "月" || w == "月榜") return board::month;
    if (w == "all" || w == "总" || w == "总榜" || w == "累计") return board::all;
    if (w == "streak" || w == "连续" || w == "连续榜") return board::streak;
    return std::nullopt;
}

std::string join(std::vector<std::string> const& parts, std::string_view sep) {
    std::string out;
    for (auto const& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
    return out;
}

bot::task<> show_rank(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto which = parse_board(call.text("榜单"));
    if (!which) {
        auto text = st->ctx.render(g, "rank_usage");
        co_await s.reply(text);
        co_return;
    }
    auto today = s.today();
    auto names = st->track.repo().names(gk);
    std::vector<std::string> lines;
    for (auto const& l : board_lines(*st, gk, *which, today)) {
        auto name = st->name_of(names, l.user);
        switch (*which) {
            case board::today: lines.push_back(fmt::format("{}. {}（连续 {} 天）", l.place, name, l.value)); break;
            case board::streak: lines.push_back(fmt::format("{}. {} 连续 {} 天", l.place, name, l.value)); break;
            default: lines.push_back(fmt::format("{}. {} {} 天", l.place, name, l.value)); break;
        }
    }
    bot::text_args args{{"board", st->ctx.render(g, board_key(*which))},
                        {"lines", lines.empty() ? st->ctx.render(g, "board_empty") : join(lines, "\n")},
                        {"date", today.str()}};
    auto text = st->ctx.render(g, "rank", args);
    co_await s.reply(text);
}

bot::task<> show_mine(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto user = s.user_id();
    auto today = s.today();
    auto first = month_start(today);
    auto last = first.plus_days(days_in_month(today.year, today.month) - 1);
    std::map<long, entry_kind> marks;
    int done = 0, makeups = 0, leave = 0;
    for (auto const& r : st->track.repo().days_of(gk, user, first, last)) {
        marks[r.day.serial()] = r.kind;
        (r.kind == entry_kind::done ? done : r.kind == entry_kind::makeup ? makeups : leave) += 1;
    }
    auto since = today;
    for (auto const& m : st->records.roster(gk))
        if (m.user == user) since = m.since;
    auto standing = st->track.standing_on(gk, user, today);
    bot::text_args args{{"name", s.user_name()},
                        {"year", today.year},
                        {"month", today.month},
                        {"calendar", render_calendar(today.year, today.month, marks, today, since)},
                        {"days", done + makeups},
                        {"makeups", makeups},
                        {"leave", leave},
                        {"streak", standing.streak},
                        {"total", standing.total}};
    auto text = st->ctx.render(g, "mine", args);
    co_await s.reply(text);
}

bot::task<> show_stats(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto today = s.today();
    auto names = st->track.repo().names(gk);
    std::vector<std::string> done, leave, missing;
    std::set<bot::id> marked;
    for (auto const& d : st->track.repo().day_of_group(gk, today)) {
        marked.insert(d.user);
        (d.kind == entry_kind::leave ? leave : done).push_back(st->name_of(names, d.user));
    }
    auto expected = co_await expected_members(*st, g, today);
    for (auto const& m : expected)
        if (!marked.count(m.user)) missing.push_back(m.name);
    bot::text_args args{{"date", today.str()},
                        {"done_count", static_cast<int>(done.size())},
                        {"leave_count", static_cast<int>(leave.size())},
                        {"missing_count", static_cast<int>(missing.size())},
                        {"done", done.empty() ? "—" : join(done, "、")},
                        {"leave", leave.empty() ? "—" : join(leave, "、")},
                        {"missing", missing.empty() ? "—" : join(missing, "、")}};
    auto text = st->ctx.render(g, "stats", args);
    co_await s.reply(text);
}

}  // namespace

void register_views(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.text("rank", "🏆 {board}（{date}）\n{lines}", {"board", "lines", "date"});
    ctx.text("board_today", "今日打卡榜", {});
    ctx.text("board_week", "本周打卡榜", {});
    ctx.text("board_month", "本月打卡榜", {});
    ctx.text("board_all", "累计打卡榜", {});
    ctx.text("board_streak", "连续打卡榜", {});
    ctx.text("board_empty", "还没有人上榜，快来打卡吧！", {});
    ctx.text("rank_usage", "可以看的榜单：今日、本周、本月、总榜、连续，例如「/rank 本周」。", {});
    ctx.text("mine",
             "📅 {name} 的 {year} 年 {month} 月打卡\n{calendar}\n本月打卡 {days} 天（补卡 {makeups} 次），请假 {leave} 天；"
             "当前连续 {streak} 天，累计 {total} 天。\n✅ 打卡 🔁 补卡 🏖 请假 ❌ 缺卡 ⏳ 今天还没打卡",
             {"name", "year", "month", "calendar", "days", "makeups", "leave", "streak", "total"});
    ctx.text("stats",
             "📊 {date} 打卡情况：已打卡 {done_count} 人，请假 {leave_count} 人，未打卡 {missing_count} 人\n"
             "已打卡：{done}\n请假：{leave}\n未打卡：{missing}",
             {"date", "done_count", "leave_count", "missing_count", "done", "leave", "missing"});

    ctx.command({"rank", "排行", "打卡榜"}, "打卡排行榜：今日、本周、本月、总榜、连续")
        .optional_arg("榜单", bot::arg_kind::word, "今日 / 本周 / 本月 / 总榜 / 连续")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await show_rank(st, call); });
    ctx.command({"mycheckins", "我的打卡"}, "我本月的打卡日历")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await show_mine(st, call); });
    ctx.command({"checkin stats", "打卡统计", "签到统计"}, "今天谁打卡了、谁还没有（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await show_stats(st, call); });
}

}  // namespace plugins::checkin
