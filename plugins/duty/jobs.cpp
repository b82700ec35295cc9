// The jobs: at each shift boundary the group hears who is on duty (with a mention), on Monday's
// boundary the owner and admins get last week's KPI in private, and the KPI counted in memory is
// written on those jobs, every flush_every, and at shutdown. Each announcement and report is a
// row in duty_sent, claimed in the transaction that decides to send it.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/duty/glue.hpp"
#include "storage/database.hpp"

namespace plugins::duty {

namespace {

std::int64_t unix_seconds(bot::time_point t) { return t.time_since_epoch().count(); }

bot::task<> announce(std::shared_ptr<state> st, bot::group_ref g, bot::time_point fire) {
    st->flush();
    auto cfg = st->cfg(g);
    if (!cfg.announce) co_return;
    auto gk = g.key();
    auto kind = st->roster_of(gk).rot.kind;
    auto sh = st->shift_at(g, fire);
    auto now = st->ctx.clock().now();
    // A run caught up after the bot was down announces no shift that is already over.
    if (!sh.who || now >= sh.end) co_return;
    // The job runs daily; a week shift is announced on its first day only.
    if (duty_day(fire, st->face(g)) != sh.first_day) co_return;
    bool send = false;
    st->ctx.db().immediate([&] { send = st->repo.claim(gk, "announce " + shift_key(kind, sh.first_day), unix_seconds(now)); });
    if (!send) co_return;
    auto name = st->name_of(gk, *sh.who);
    bot::text_args args{{"name", name}, {"start", st->local(g, sh.start)}, {"end", st->local(g, sh.end)}};
    auto msg = bot::message(st->ctx.render(g, "announce", args)).at(*sh.who, name);
    co_await st->ctx.send(g, msg);
}

bot::task<> report(std::shared_ptr<state> st, bot::group_ref g, bot::time_point fire) {
    st->flush();
    if (!st->cfg(g).weekly_report) co_return;
    auto gk = g.key();
    auto monday = week_of(duty_day(fire, st->face(g))).plus_days(-7);
    if (st->repo.figures(gk, monday, monday.plus_days(6)).empty()) co_return;
    bool send = false;
    auto now = st->ctx.clock().now();
    st->ctx.db().immediate([&] { send = st->repo.claim(gk, "report " + monday.str(), unix_seconds(now)); });
    if (!send) co_return;
    auto text = week_report(*st, g, monday, "report_head");
    co_await st->ctx.tell_admins(g, text);
}

}  // namespace

std::string week_report(state& st, bot::group_ref const& g, bot::civil_date monday, std::string const& head_key) {
    auto gk = g.key();
    auto sunday = monday.plus_days(6);
    bot::text_args range{{"from", monday.str()}, {"to", sunday.str()}, {"group", bot::shown_name(g.group.str())}};
    auto figures = st.figures(gk, monday, sunday);
    if (figures.empty()) return st.ctx.render(g, "kpi_empty", range);
    std::vector<shift_figures const*> order;
    for (auto const& [k, f] : figures) order.push_back(&f);
    std::stable_sort(order.begin(), order.end(), [](auto a, auto b) { return a->first_day < b->first_day; });
    std::string text = st.ctx.render(g, head_key, range);
    std::int64_t questions = 0, moderation = 0, messages = 0;
    std::set<bot::id> members;
    for (auto const* f : order) {
        std::string names;
        std::int64_t q = 0, m = 0;
        for (auto const& [who, c] : f->admin) {
            names += (names.empty() ? "" : "、") + st.name_of(gk, who);
            q += c.first;
            m += c.second;
        }
        if (names.empty()) names = st.ctx.render(g, "nobody");
        bot::text_args args{{"date", f->first_day.str().substr(5)}, {"names", names},       {"questions", q},
                            {"moderation", m},                     {"messages", f->messages}, {"members", static_cast<std::int64_t>(f->senders.size())}};
        text += "\n" + st.ctx.render(g, "kpi_line", args);
        questions += q;
        moderation += m;
        messages += f->messages;
        members.insert(f->senders.begin(), f->senders.end());
    }
    bot::text_args total{{"questions", questions},
                         {"moderation", moderation},
                         {"messages", messages},
                         {"members", static_cast<std::int64_t>(members.size())}};
    text += "\n" + st.ctx.render(g, "kpi_total", total);
    return text;
}

void state::arm_flush() {
    if (flush_timer != 0) return;
    auto every = ctx.config<config>().flush_every;
    std::weak_ptr<state> weak = shared_from_this();
    flush_timer = ctx.scheduler().at(ctx.clock().now() + every, [weak] {
        if (auto st = weak.lock()) {
            st->flush_timer = 0;
            st->flush();
        }
    });
}

void register_jobs(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.each_group(
        "shift", [st](bot::group_ref const& g) { return bot::recurrence::daily(st->cfg(g).shift_start.minutes); },
        [st](bot::group_ref const& g, bot::time_point fire) { return announce(st, g, fire); });
    ctx.each_group(
        "report", [st](bot::group_ref const& g) { return bot::recurrence::weekly(1, st->cfg(g).shift_start.minutes); },
        [st](bot::group_ref const& g, bot::time_point fire) { return report(st, g, fire); });
    ctx.on_shutdown([st]() -> bot::task<> {
        st->flush();
        co_return;
    });
}

}  // namespace plugins::duty
