// The commands: admins start, regroup and end cycles; members join, leave, look at their partners
// and the board.
#include <fmt/format.h>

#include <algorithm>

#include "bot/display.hpp"
#include "plugins/pairs/glue.hpp"

namespace plugins::pairs {

namespace {

constexpr int max_days = 90;
constexpr int max_size = 20;

bot::task<> say(bot::command_call& call, std::string const& text) {
    auto msg = bot::message(text);
    co_await call.reply(msg);
}

std::string render(state& st, bot::group_ref const& g, std::string const& key, bot::text_args const& args = {}) {
    return st.ctx.render(g, key, args);
}

bot::task<> start(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto cfg = st->cfg(g);
    int size = cfg.group_size, days = cfg.cycle_days;
    auto first = call.text("人数"), second = call.text("周期");
    std::string bad;
    if (!first.empty()) {
        if (auto n = parse_size(first))
            size = *n;
        else if (auto d = parse_days(first); d && second.empty())
            days = *d;
        else
            bad = first;
    }
    if (!second.empty()) {
        if (auto d = parse_days(second))
            days = *d;
        else
            bad = second;
    }
    std::string text;
    bot::text_args args{{"input", bot::shown_name(bad, 20)},
                        {"size", size},
                        {"days", days},
                        {"max_size", max_size},
                        {"max_days", max_days}};
    if (!bad.empty()) {
        text = render(*st, g, "bad_start", args);
    } else if (size < 2 || size > max_size) {
        text = render(*st, g, "bad_size", args);
    } else if (days < 1 || days > max_days) {
        text = render(*st, g, "bad_days", args);
    } else if (auto running = st->repo.running(g.key())) {
        bot::text_args r{{"cycle", static_cast<int>(running->number)}, {"end", running->end.str()}};
        text = render(*st, g, "already_running", r);
    } else {
        auto f = open_cycle(*st, g, size, days, st->today(g), std::nullopt);
        bot::text_args few{{"count", f.pool}};
        text = f.ok ? announce(*st, g, f) : render(*st, g, "too_few", few);
    }
    co_await say(call, text);
}

bot::task<> regroup(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto running = st->repo.running(g.key());
    std::string text;
    if (!running) {
        text = render(*st, g, "none_running");
    } else {
        auto f = open_cycle(*st, g, running->size, running->days, st->today(g), running);
        bot::text_args few{{"count", f.pool}};
        text = f.ok ? announce(*st, g, f) : render(*st, g, "too_few", few);
    }
    co_await say(call, text);
}

bot::task<> finish(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto running = st->repo.running(g.key());
    std::string text;
    // Today is not judged for an ended cycle: it ends with yesterday.
    if (!running || !close_cycle(*st, g, *running, st->today(g).plus_days(-1))) {
        text = render(*st, g, "none_running");
    } else {
        bot::text_args args{{"cycle", static_cast<int>(running->number)}};
        text = render(*st, g, "ended", args);
    }
    co_await say(call, text);
}

bot::task<> list(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto running = st->repo.running(g.key());
    std::string text;
    if (!running) {
        bot::text_args args{{"count", static_cast<int>(pool(*st, g).size())}};
        text = render(*st, g, "list_none", args);
    } else {
        formed f{true, 0, *running, st->repo.members_of(g.key(), running->number), 0};
        text = announce(*st, g, f, "list");
    }
    co_await say(call, text);
}

bot::task<> join(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto name = s.user_name();
    std::string text;
    st->repo.db().immediate([&] {
        auto running = st->repo.running(gk);
        std::vector<placed> members;
        if (running) members = st->repo.members_of(gk, running->number);
        auto people = pool(*st, g);
        bool enrolled = std::any_of(people.begin(), people.end(), [&](auto const& p) { return p.user == s.user_id(); });
        bool placed_now =
            std::any_of(members.begin(), members.end(), [&](auto const& m) { return m.user == s.user_id(); });
        if (enrolled && (placed_now || !running)) {
            text = render(*st, g, "already_joined");
            return;
        }
        st->repo.enrol(gk, s.user_id(), name, true, st->now());
        if (!running || members.empty()) {
            bot::text_args args{{"count", static_cast<int>(people.size()) + (enrolled ? 0 : 1)}};
            text = render(*st, g, "joined", args);
            return;
        }
        // During a cycle a newcomer joins its smallest group at once.
        std::map<int, std::vector<placed>> teams;
        for (auto const& m : members) teams[m.team].push_back(m);
        auto target = std::min_element(teams.begin(), teams.end(),
                                       [](auto const& a, auto const& b) { return a.second.size() < b.second.size(); });
        placed me{s.user_id(), name, target->first, st->today(g)};
        st->repo.place(gk, running->number, me);
        bot::text_args args{{"team", target->first}, {"names", names_of(target->second)}};
        text = render(*st, g, "joined_team", args);
    });
    co_await say(call, text);
}

bot::task<> leave(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto people = pool(*st, g);
    bool enrolled = std::any_of(people.begin(), people.end(), [&](auto const& p) { return p.user == s.user_id(); });
    auto note = drop_member(*st, g, s.user_id());
    if (!enrolled && note.empty()) {
        auto text = render(*st, g, "not_joined");
        co_await say(call, text);
        co_return;
    }
    st->repo.db().immediate([&] { st->repo.enrol(g.key(), s.user_id(), s.user_name(), false, st->now()); });
    auto text = render(*st, g, "left") + (note.empty() ? "" : "\n" + note);
    co_await say(call, text);
}

std::string mark_text(state& st, bot::group_ref const& g, bot::day_mark m) {
    return render(st, g,
                  m == bot::day_mark::done    ? "mark_done"
                  : m == bot::day_mark::leave ? "mark_leave"
                                              : "mark_not_yet");
}

bot::task<> mine(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto running = st->repo.running(g.key());
    std::string text = render(*st, g, running ? "not_placed" : "none_running_member");
    if (running)
        for (auto const& t : teams_of(*st, g, *running, s.user_id())) {
            auto me =
                std::find_if(t.members.begin(), t.members.end(), [&](auto const& m) { return m.user == s.user_id(); });
            if (me == t.members.end()) continue;
            std::string lines;
            for (std::size_t i = 0; i < t.members.size(); ++i) {
                if (t.members[i].user == s.user_id()) continue;
                bot::text_args line{{"name", bot::shown_name(t.members[i].name)},
                                    {"status", mark_text(*st, g, t.today[i])}};
                lines += (lines.empty() ? "" : "\n") + render(*st, g, "partner_line", line);
            }
            bot::text_args args{{"team", t.team},
                                {"end", running->end.str()},
                                {"lines", lines},
                                {"streak", t.run.current},
                                {"best", t.run.best}};
            text = render(*st, g, t.members.size() == 2 ? "mine_pair" : "mine_group", args);
        }
    co_await say(call, text);
}

bot::task<> board(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto running = st->repo.running(g.key());
    std::string text;
    if (!running) {
        text = render(*st, g, "none_running_member");
    } else {
        auto teams = teams_of(*st, g, *running);
        std::stable_sort(teams.begin(), teams.end(), [](team_view const& a, team_view const& b) {
            return a.run.current != b.run.current ? a.run.current > b.run.current : a.run.best > b.run.best;
        });
        std::string lines;
        int rank = 0;
        for (auto const& t : teams) {
            bot::text_args line{{"rank", ++rank},
                                {"team", t.team},
                                {"names", names_of(t.members)},
                                {"streak", t.run.current},
                                {"best", t.run.best}};
            lines += (lines.empty() ? "" : "\n") + render(*st, g, "board_line", line);
        }
        bot::text_args args{{"cycle", static_cast<int>(running->number)}, {"lines", lines}};
        text = render(*st, g, "board", args);
    }
    co_await say(call, text);
}

}  // namespace

void register_commands(state_ptr const& st) {
    auto& ctx = st->ctx;
    auto admins = bot::perm::group_admin || bot::perm::superuser;
    ctx.command({"pairs start", "开始分组"}, "开始一轮同桌/小组（管理员）：人数和天数可省略")
        .optional_arg("人数", bot::arg_kind::word, "每组几人，默认 2")
        .optional_arg("周期", bot::arg_kind::word, "几天，如 14、14天、周、2周；默认 7 天")
        .where(bot::rule::in_group)
        .permit(admins)
        .example("/pairs start 2 周")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await start(st, call); });
    ctx.command({"pairs regroup", "重新分组"}, "本轮提前结束，马上重新分组（管理员）")
        .where(bot::rule::in_group)
        .permit(admins)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await regroup(st, call); });
    ctx.command({"pairs end", "结束分组"}, "结束本轮分组（管理员）")
        .where(bot::rule::in_group)
        .permit(admins)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await finish(st, call); });
    ctx.command({"pairs list", "小组名单"}, "本轮的分组名单")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await list(st, call); });
    ctx.command({"pairs join", "加入小组"}, "报名参加同桌/小组")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await join(st, call); });
    ctx.command({"pairs leave", "退出小组"}, "不再参加同桌/小组")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await leave(st, call); });
    ctx.command({"mypartner", "我的同桌", "我的小组"}, "看同伴今天打卡了没有，和小组的连续天数")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await mine(st, call); });
    ctx.command({"pairs board", "小组榜"}, "各组全员打卡的连续天数榜")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await board(st, call); });
    ctx.on<bot::ev::member_left>([st](bot::session& s, bot::ev::member_left const& e) -> bot::task<> {
        if (!s.group()) co_return;
        auto const& g = *s.group();
        auto note = drop_member(*st, g, e.user);
        st->repo.db().immediate([&] {
            for (auto const& en : st->repo.enrolments(g.key()))
                if (en.user == e.user) st->repo.enrol(g.key(), e.user, en.name, false, st->now());
        });
        if (note.empty()) co_return;
        auto msg = bot::message(note);
        co_await s.send(msg);
    });
}

}  // namespace plugins::pairs
