// Cycles: who takes part, forming a cycle's groups (with the history it avoids), ending it, and
// mending the groups when a member leaves. Each change commits in one transaction.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "bot/display.hpp"
#include "plugins/pairs/glue.hpp"

namespace plugins::pairs {

namespace {

std::string end_job_key(std::string const& gk) {
    return "pairs.cycle_end:" + gk;
}

std::vector<candidate> candidates(state& st, bot::group_ref const& g, std::vector<participant> const& people) {
    auto cfg = st.cfg(g);
    auto profiles = st.repo.profiles(g.key());
    std::vector<candidate> out;
    for (auto const& p : people) {
        candidate c{p.user, {}, {}};
        auto it = profiles.find(p.user);
        auto value = [&](std::string const& label) -> std::string {
            if (it == profiles.end()) return {};
            auto v = it->second.find(label);
            return v == it->second.end() ? std::string() : v->second;
        };
        for (auto const& f : cfg.match_fields) c.match.push_back(value(f));
        for (auto const& f : cfg.mix_fields) c.mix.push_back(value(f));
        out.push_back(std::move(c));
    }
    return out;
}

/// The instant a cycle's last day closes: its next day at the group's close hour.
bot::time_point end_of(state& st, bot::group_ref const& g, bot::civil_date last) {
    return st.ctx.group_tz(g).from_local(last.plus_days(1), st.ctx.close_hour(g), 0);
}

}  // namespace

std::string names_of(std::vector<placed> const& members) {
    std::string out;
    for (auto const& m : members) out += (out.empty() ? "" : "、") + bot::shown_name(m.name);
    return out;
}

std::vector<participant> pool(state& st, bot::group_ref const& g) {
    auto gk = g.key();
    std::map<bot::id, participant> out;
    std::set<bot::id> left;
    for (auto const& e : st.repo.enrolments(gk)) {
        if (e.joined)
            out[e.user] = {e.user, e.name};
        else
            left.insert(e.user);
    }
    if (st.cfg(g).enrol == "roster")
        for (auto const& m : st.records->roster(gk))
            if (!left.count(m.user) && !out.count(m.user)) out[m.user] = {m.user, bot::shown_name(m.name)};
    std::vector<participant> list;
    for (auto& [_, p] : out) list.push_back(std::move(p));
    return list;
}

formed open_cycle(state& st, bot::group_ref const& g, int size, int days, bot::civil_date start,
                  std::optional<cycle_row> const& previous) {
    auto gk = g.key();
    formed f;
    st.repo.db().immediate([&] {
        auto people = pool(st, g);
        f.pool = static_cast<int>(people.size());
        if (people.size() < 2) return;
        auto number = st.repo.next_number(gk);
        auto history = st.repo.history(gk, number - 1, st.cfg(g).avoid_cycles);
        auto groups = form_groups(candidates(st, g, people), size, seed_of(gk, number), history);
        if (groups.empty()) return;
        if (previous && !st.repo.end_cycle(gk, previous->number, start.plus_days(-1), st.now())) return;
        std::map<bot::id, std::string> names;
        for (auto const& p : people) names[p.user] = p.name;
        f.cycle = {number, size, days, start, start.plus_days(days - 1), true};
        st.repo.add_cycle(gk, f.cycle, st.now());
        for (std::size_t t = 0; t < groups.size(); ++t)
            for (auto const& u : groups[t]) {
                placed p{u, names[u], static_cast<int>(t) + 1, start};
                st.repo.place(gk, number, p);
                f.members.push_back(p);
            }
        f.repeats = repeated_pairs(groups, history);
        f.ok = true;
    });
    if (f.ok) {
        auto when = bot::recurrence::once(end_of(st, g, f.cycle.end));
        st.ctx.scheduler().schedule(end_job_key(gk), "pairs.cycle_end", when, st.ctx.group_tz(g), g,
                                    std::to_string(f.cycle.number));
    }
    return f;
}

bool close_cycle(state& st, bot::group_ref const& g, cycle_row const& c, bot::civil_date last) {
    bool done = false;
    st.repo.db().immediate([&] { done = st.repo.end_cycle(g.key(), c.number, last, st.now()); });
    if (done) st.ctx.scheduler().cancel(end_job_key(g.key()));
    return done;
}

std::vector<team_view> teams_of(state& st, bot::group_ref const& g, cycle_row const& c,
                                std::optional<bot::id> const& only) {
    auto gk = g.key();
    auto today = st.today(g);
    std::vector<team_view> out;
    for (auto const& m : st.repo.members_of(gk, c.number)) {
        if (out.empty() || out.back().team != m.team) out.push_back({m.team, {}, {}, {}});
        out.back().members.push_back(m);
    }
    if (only)
        std::erase_if(out, [&](team_view const& t) {
            return std::none_of(t.members.begin(), t.members.end(), [&](placed const& m) { return m.user == *only; });
        });
    auto last_past = std::min(today.plus_days(-1), c.end);
    for (auto& t : out) {
        auto whole = [&](bot::civil_date d) {
            return std::all_of(t.members.begin(), t.members.end(), [&](placed const& m) {
                return d < m.since || st.records->mark(gk, m.user, d) != bot::day_mark::missed;
            });
        };
        std::vector<bool> past;
        for (auto d = c.start; d <= last_past; d = d.plus_days(1)) past.push_back(whole(d));
        for (auto const& m : t.members) t.today.push_back(st.records->mark(gk, m.user, today));
        bool today_whole = today <= c.end && std::none_of(t.today.begin(), t.today.end(),
                                                          [](bot::day_mark k) { return k == bot::day_mark::missed; });
        t.run = team_streak(past, today_whole);
    }
    return out;
}

std::string announce(state& st, bot::group_ref const& g, formed const& f, std::string const& key) {
    std::string lines;
    std::vector<placed> team;
    auto flush = [&] {
        if (team.empty()) return;
        bot::text_args args{{"team", team.front().team}, {"names", names_of(team)}};
        lines += (lines.empty() ? "" : "\n") + st.ctx.render(g, "team_line", args);
        team.clear();
    };
    for (auto const& m : f.members) {
        if (!team.empty() && team.front().team != m.team) flush();
        team.push_back(m);
    }
    flush();
    bot::text_args kind_args{{"size", f.cycle.size}};
    auto kind = st.ctx.render(g, f.cycle.size == 2 ? "kind_pairs" : "kind_groups", kind_args);
    bot::text_args repeat_args{{"count", f.repeats}};
    bot::text_args args{{"cycle", static_cast<int>(f.cycle.number)},
                        {"kind", kind},
                        {"start", f.cycle.start.str()},
                        {"end", f.cycle.end.str()},
                        {"lines", lines},
                        {"note", f.repeats > 0 ? st.ctx.render(g, "repeat_note", repeat_args) : std::string()}};
    return st.ctx.render(g, key, args);
}

std::string drop_member(state& st, bot::group_ref const& g, bot::id const& user) {
    auto gk = g.key();
    std::string note;
    std::optional<cycle_row> ended;
    st.repo.db().immediate([&] {
        auto c = st.repo.running(gk);
        if (!c) return;
        auto members = st.repo.members_of(gk, c->number);
        auto me = std::find_if(members.begin(), members.end(), [&](placed const& m) { return m.user == user; });
        if (me == members.end()) return;
        auto leaving = *me;
        st.repo.remove(gk, c->number, user);
        members.erase(me);
        std::map<int, std::vector<placed>> teams;
        for (auto const& m : members) teams[m.team].push_back(m);
        auto mine = teams.find(leaving.team);
        if (mine == teams.end() || mine->second.size() != 1) return;
        auto lone = mine->second.front();
        teams.erase(mine);
        if (teams.empty()) {
            // Nobody to merge with: the cycle ends, today being its last day.
            st.repo.end_cycle(gk, c->number, st.today(g), st.now());
            ended = c;
            bot::text_args args{{"name", bot::shown_name(leaving.name)}, {"lone", bot::shown_name(lone.name)}};
            note = st.ctx.render(g, "ended_short", args);
            return;
        }
        auto target = std::min_element(teams.begin(), teams.end(),
                                       [](auto const& a, auto const& b) { return a.second.size() < b.second.size(); });
        st.repo.move(gk, c->number, lone.user, target->first);
        auto together = target->second;
        together.push_back(lone);
        bot::text_args args{{"name", bot::shown_name(leaving.name)},
                            {"lone", bot::shown_name(lone.name)},
                            {"team", target->first},
                            {"names", names_of(together)}};
        note = st.ctx.render(g, "merged", args);
    });
    if (ended) st.ctx.scheduler().cancel(end_job_key(gk));
    return note;
}

}  // namespace plugins::pairs
