// What happens when a group day closes: partners of a member who missed it get one nudge, and a
// cycle whose last day it was ends (and regroups, where the group wants that).
#include <fmt/format.h>

#include <map>
#include <set>

#include "bot/display.hpp"
#include "plugins/pairs/glue.hpp"

namespace plugins::pairs {

namespace {

std::string join(std::vector<std::string> const& names) {
    std::string out;
    for (auto const& n : names) out += (out.empty() ? "" : "、") + n;
    return out;
}

bot::task<> nudge_day(state_ptr st, bot::group_ref const& g, bot::time_point fire) {
    // The job runs at the close hour: the day that just ended is the one a second earlier.
    auto day = st->ctx.group_day(g, fire - std::chrono::seconds(1));
    auto gk = g.key();
    auto cfg = st->cfg(g);
    if (!cfg.nudge) co_return;
    auto cycle = st->repo.covering(gk, day);
    if (!cycle) co_return;
    std::map<int, std::vector<placed>> teams;
    for (auto const& m : st->repo.members_of(gk, cycle->number)) teams[m.team].push_back(m);
    // partner → the names of their group's members who missed the day (on leave is not missed)
    std::map<bot::id, std::vector<std::string>> about;
    for (auto const& [_, members] : teams)
        for (auto const& m : members) {
            if (day < m.since || st->records->mark(gk, m.user, day) != bot::day_mark::missed) continue;
            for (auto const& p : members)
                if (p.user != m.user) about[p.user].push_back(bot::shown_name(m.name));
        }
    if (about.empty()) co_return;
    // Each nudge is claimed in the transaction that decides to send it: a second run, or one after
    // a restart, finds the claims and sends nothing.
    std::vector<bot::id> claimed;
    st->repo.db().immediate([&] {
        for (auto const& [user, _] : about)
            if (st->repo.claim_nudge(gk, day, user, fire.time_since_epoch().count())) claimed.push_back(user);
    });
    std::vector<bot::id> in_group;
    std::set<std::string> missed_names;
    auto api = st->ctx.api_for(g);
    for (auto const& user : claimed) {
        bool sent = false;
        if (api) {
            bot::text_args args{{"names", join(about[user])}, {"date", day.str()}};
            auto msg = bot::message(st->ctx.render(g, "nudge_private", args));
            auto to = bot::target::user_of(user);
            sent = static_cast<bool>(co_await api->send(to, msg));
        }
        if (sent) continue;
        in_group.push_back(user);
        for (auto const& n : about[user]) missed_names.insert(n);
    }
    // Where a private message cannot go, one batched mention in the group; on a platform where the
    // bot cannot post itself (WeCom customer groups) the group is spared it.
    if (in_group.empty() || !api || !api->caps().group_post) co_return;
    std::vector<std::string> names(missed_names.begin(), missed_names.end());
    bot::text_args args{{"names", join(names)}, {"date", day.str()}};
    auto head = st->ctx.render(g, "nudge_group", args);
    co_await st->ctx.mention_batches(g, head, in_group, cfg.max_mentions);
}

bot::task<> end_cycle_job(state_ptr st, bot::job_run const& run) {
    if (!run.group) co_return;
    auto const& g = *run.group;
    auto c = st->repo.running(g.key());
    if (!c || std::to_string(c->number) != run.payload) co_return;
    // Streaks of the cycle as it ends, before its groups give way to the next ones.
    auto teams = teams_of(*st, g, *c);
    int best = 0;
    for (auto const& t : teams) best = std::max(best, t.run.best);
    bot::text_args end_args{{"cycle", static_cast<int>(c->number)}, {"best", best}};
    auto head = st->ctx.render(g, "cycle_over", end_args);
    std::string text;
    if (st->cfg(g).auto_regroup) {
        auto f = open_cycle(*st, g, c->size, c->days, c->end.plus_days(1), c);
        if (f.ok) text = head + "\n" + announce(*st, g, f);
    }
    if (text.empty()) {
        if (!close_cycle(*st, g, *c, c->end)) co_return;
        text = head + "\n" + st->ctx.render(g, "cycle_over_start");
    }
    auto msg = bot::message(text);
    co_await st->ctx.send(g, msg);
}

}  // namespace

void register_nudges(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.each_group(
        "close",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            return bot::recurrence::daily(ctx.close_hour(g) * 60);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await nudge_day(st, g, fire); });
}

void register_cycle_end(state_ptr const& st) {
    st->ctx.job("cycle_end", [st](bot::job_run const& run) -> bot::task<> { co_await end_cycle_job(st, run); });
}

}  // namespace plugins::pairs
