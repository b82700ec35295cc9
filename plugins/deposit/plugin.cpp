// Deposit challenges: members put down a deposit, lose part of it for missed days, and get the rest
// back (with a share of the forfeits, where the rules say so) at the end. The bot keeps the books;
// admins confirm money that moves outside the bot.
#include <fmt/format.h>

#include "plugins/deposit/plugin.hpp"
#include "plugins/deposit/schema.hpp"

namespace plugins::deposit {

using namespace std::chrono_literals;

state::state(bot::plugin_context& c)
    : ctx(c),
      checkins(c.require<bot::attendance>("checkin")),
      b(c.db(), c.ledger(), [this](std::string const& g, bot::id const& u, bot::civil_date d) {
          return checkins->mark(g, u, d);
      }) {}

bot::civil_date state::today(bot::group_ref const& g) {
    return bot::day_of(ctx.clock().now(), ctx.group_tz(g), ctx.close_hour(g));
}

rules state::defaults(bot::group_ref const& g) {
    auto cfg = group_cfg(g);
    rules r;
    r.deposit = cfg.deposit.value;
    r.days = cfg.days;
    r.fine = cfg.fine.value;
    r.mode = cfg.fine_percent > 0 ? fine_mode::percent : fine_mode::fixed;
    r.percent = cfg.fine_percent > 0 ? cfg.fine_percent : 50;
    r.to = destination_from(cfg.forfeit_to).value_or(destination::fund);
    r.fund_percent = cfg.fund_percent;
    r.leave_limit = cfg.leave_limit;
    r.leaver = leaver_from(cfg.leaver).value_or(leaver_rule::forfeit);
    r.rule = day_rule_from(cfg.rule).value_or(day_rule::checkin);
    return r;
}

namespace {

std::int64_t unix_now(state& st) { return st.ctx.clock().now().time_since_epoch().count(); }

}  // namespace

void expect_members(state& st, bot::group_ref const& g, challenge const& c) {
    if (c.r.rule != day_rule::checkin) return;
    st.ctx.db().immediate([&] {
        for (auto const& e : st.b.repo().members(c.id))
            if (e.status == member_status::paid)
                st.checkins->expect(g.key(), bot::id::decode(e.user), e.name, c.r.start);
    });
}

namespace {

/// The day close: judge the day that just closed, announce fines, and end the challenge after its last day.
bot::task<> close_day(std::shared_ptr<state> st, bot::group_ref g, bot::time_point fire) {
    auto c = st->b.repo().current(g.key());
    if (!c || c->status != challenge_status::open) co_return;
    auto delay = std::chrono::hours(st->group_cfg(g).judge_delay_hours);
    auto day = bot::day_of(fire - delay - 1s, st->ctx.group_tz(g), st->ctx.close_hour(g));
    if (day < c->r.start) co_return;
    expect_members(*st, g, *c);
    auto results = st->b.judge_through(*c, day, fire.time_since_epoch().count());
    auto shown = std::min(day, c->r.last_day());
    auto msg = describe_close(*st, g, *c, shown, results);
    if (!msg.empty()) co_await st->ctx.send(g, msg);
    if (day >= c->r.last_day()) {
        st->b.repo().set_status(c->id, challenge_status::ended);
        auto text = st->render(g, "ended", {{"challenge", c->r.name}, {"days", c->r.days}});
        co_await st->ctx.send(g, text);
    }
}

/// The daily reminder: unpaid enrolments, and (when on) paid members who have not completed today.
bot::task<> remind(std::shared_ptr<state> st, bot::group_ref g) {
    auto c = st->b.repo().current(g.key());
    if (!c || c->status != challenge_status::open) co_return;
    auto cfg = st->group_cfg(g);
    auto tz = st->ctx.group_tz(g);
    auto today = st->today(g);
    bot::message pay;
    bot::message nudge;
    for (auto const& e : st->b.repo().members(c->id)) {
        if (e.status == member_status::pending) {
            auto deadline = tz.to_local(bot::time_point{std::chrono::seconds{e.joined_at}} + cfg.pay_within);
            pay.text(" ").at(bot::id::decode(e.user), e.name);
            pay.text(st->render(g, "remind_pay_item", {{"deadline", deadline.str()}}));
        } else if (e.status == member_status::paid && cfg.nudge && c->r.contains(today)) {
            auto j = st->b.preview(*c, e, today);
            if (j.v != verdict::missed) continue;
            nudge.text(" ").at(bot::id::decode(e.user), e.name);
            nudge.text(j.fine > 0 ? st->render(g, "nudge_item_fine", {{"fine", yuan(j.fine)}})
                                  : st->render(g, "nudge_item_free", {{"free", j.free_left + 1}}));
        }
    }
    if (!pay.empty()) {
        bot::message m(st->render(g, "remind_pay", {{"challenge", c->r.name}, {"deposit", yuan(c->r.deposit)}}));
        m.append(pay);
        co_await st->ctx.send(g, m);
    }
    if (!nudge.empty()) {
        auto close = bot::day_start(today.plus_days(1), tz, st->ctx.close_hour(g));
        auto local = tz.to_local(close);
        bot::message m(st->render(g, "nudge", {{"challenge", c->r.name}}));
        m.append(nudge);
        m.text(st->render(g, "nudge_tail", {{"close", fmt::format("{:02}:{:02}", local.hour, local.minute)}}));
        co_await st->ctx.send(g, m);
    }
}

/// An unpaid enrolment's time is up.
bot::task<> expire(std::shared_ptr<state> st, bot::job_run const& run) {
    if (!run.group) co_return;
    auto g = *run.group;
    auto tab = run.payload.find('\t');
    if (tab == std::string::npos) co_return;
    auto cid = std::stoll(run.payload.substr(0, tab));
    auto user = run.payload.substr(tab + 1);
    auto c = st->b.repo().find(cid);
    auto e = c ? st->b.repo().member(cid, user) : std::nullopt;
    if (!c || !e || e->status != member_status::pending || c->status == challenge_status::settled) co_return;
    st->b.repo().set_member_status(cid, user, member_status::expired);
    auto within = bot::format_duration(st->group_cfg(g).pay_within);
    bot::message m;
    m.at(bot::id::decode(user), e->name);
    m.text(st->render(g, "expired", {{"challenge", c->r.name}, {"within", within}}));
    co_await st->ctx.send(g, m);
}

/// A member left the group: cancel or settle their part by the leaver rule.
bot::task<> member_left(std::shared_ptr<state> st, bot::session& s, bot::ev::member_left const& ev) {
    auto g = s.group();
    if (!g || ev.bot_removed) co_return;
    auto c = st->b.repo().current(g->key());
    if (!c) co_return;
    auto r = st->b.leave(*c, ev.user.encode(), s.today().plus_days(-1), unix_now(*st));
    std::string text;
    switch (r.what) {
        case leave_result::kind::none: co_return;
        case leave_result::kind::cancelled:
            text = st->render(*g, "left_cancelled", {{"name", r.name}, {"challenge", c->r.name}});
            break;
        case leave_result::kind::forfeit:
            text = st->render(*g, "left_forfeit",
                              {{"name", r.name},
                               {"forfeited", yuan(r.forfeited)},
                               {"dest", describe_destination(*st, *g, c->r)},
                               {"done", r.done},
                               {"days", c->r.days}});
            break;
        case leave_result::kind::prorata:
            text = st->render(*g, "left_prorata",
                              {{"name", r.name},
                               {"done", r.done},
                               {"days", c->r.days},
                               {"refund", yuan(r.refund)},
                               {"forfeited", yuan(r.forfeited)},
                               {"dest", describe_destination(*st, *g, c->r)}});
            break;
    }
    co_await s.send(text);
}

/// Under the "message" rule, any chat (not a command) completes the member's day.
bot::task<> note_message(std::shared_ptr<state> st, bot::session& s) {
    auto g = s.group();
    if (!g || s.handled_by_command) co_return;
    auto c = st->b.repo().current(g->key());
    if (!c || c->status != challenge_status::open || c->r.rule != day_rule::message) co_return;
    auto e = st->b.repo().member(c->id, s.user_id().encode());
    if (!e || (e->status != member_status::paid && e->status != member_status::pending)) co_return;
    st->b.repo().note_activity(g->key(), e->user, s.today());
}

}  // namespace

void register_plugin(bot::plugin_context& ctx) {
    ctx.config<config>();
    ctx.migrations(schema());
    define_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_commands(st);
    register_money_commands(st);
    register_panel(st);

    ctx.each_group(
        "close",
        [st](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto hour = (st->ctx.close_hour(g) + st->group_cfg(g).judge_delay_hours) % 24;
            return bot::recurrence::daily(hour * 60);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await close_day(st, g, fire); });
    ctx.each_group(
        "remind",
        [st](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            return bot::recurrence::daily(st->group_cfg(g).remind_at.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point) -> bot::task<> { co_await remind(st, g); });
    // A challenge judged by check-ins cannot run without them: switching the check-in plugin off
    // in the group would judge every member missed and fine them. Refuse while it runs.
    ctx.listen<bot::plugin_switching_off>([st](bot::plugin_switching_off& n) {
        if (n.plugin != "checkin") return;
        auto c = st->b.repo().current(n.group.key());
        if (!c || c->status != challenge_status::open || c->r.rule != day_rule::checkin) return;
        n.objections.push_back(
            st->render(n.group, "checkin_needed", {{"challenge", c->r.name}, {"end", c->r.last_day().str()}}));
    });
    ctx.job("expire", [st](bot::job_run const& run) -> bot::task<> { co_await expire(st, run); });
    ctx.on<bot::ev::member_left>([st](bot::session& s, bot::ev::member_left const& ev) -> bot::task<> {
        co_await member_left(st, s, ev);
    });
    ctx.on<bot::ev::group_message>([st](bot::session& s, bot::ev::group_message const&) -> bot::task<> {
        co_await note_message(st, s);
    });
}

}  // namespace plugins::deposit
