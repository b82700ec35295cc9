// The weekly vote: it opens at the group's weekday and time (a per-group job) with every pending
// nomination, takes one vote per member (not for oneself), and closes at its deadline (a persisted
// once-job) or early by an admin. Opening and closing are each decided once, inside a transaction
// with a primary-key row, so a repeated job or a restart never posts them twice.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/bestshare/glue.hpp"
#include "plugins/bestshare/rules.hpp"
#include "storage/database.hpp"

namespace plugins::bestshare {

namespace {

std::string close_job_key(std::string const& gk, std::string const& week) {
    return fmt::format("bestshare.close@{}:{}", gk, week);
}

std::string lines_of(state& st, bot::group_ref const& g, std::vector<nomination_row> const& all, bool with_votes) {
    std::string out;
    for (auto const& n : all) out += (out.empty() ? "" : "\n") + nominee_line(st, g, n, with_votes);
    return out;
}

enum class open_outcome { opened, empty, already };

/// Opens the vote of the week labelled by `at`'s local date, once; the text to post when it opened.
std::pair<open_outcome, std::string> open_vote(state& st, bot::group_ref const& g, bot::time_point at) {
    auto gk = g.key();
    auto tz = st.ctx.group_tz(g);
    auto label = tz.to_local(at).date.str();
    auto now = st.now();
    auto closes = st.ctx.clock().now() + st.cfg(g).vote_for;
    std::pair<open_outcome, std::string> out{open_outcome::already, {}};
    st.repo.db().immediate([&] {
        if (st.repo.voting(gk) || st.repo.week(gk, label)) return;
        auto pending = st.repo.pending(gk);
        week_row w{gk, label, 0, now, closes.time_since_epoch().count(), {}, {}, static_cast<int>(pending.size())};
        if (pending.empty()) {
            // A week without nominees posts nothing; its row keeps a repeated run from looking again.
            w.closed_at = now;
            st.repo.open_week(w);
            out.first = open_outcome::empty;
            return;
        }
        w.num = st.repo.next_week_num(gk);
        if (!st.repo.open_week(w)) return;
        st.repo.claim_pending(gk, label);
        st.ctx.scheduler().schedule(close_job_key(gk, label), "bestshare.close", bot::recurrence::once(closes), tz, g,
                                    label);
        bot::text_args args{{"num", w.num},
                            {"lines", lines_of(st, g, st.repo.nominations_of(gk, label), false)},
                            {"deadline", st.when(g, w.closes_at)}};
        out = {open_outcome::opened, st.text(g, "vote_open", args)};
    });
    return out;
}

struct closing {
    std::string announcement;
    std::string admins;  ///< what the admins are told (a reward owed), if anything
};

/// Closes a voting week once: its winner, the reward, and what to post; nullopt when it was closed before.
std::optional<closing> close_vote(state& st, bot::group_ref const& g, std::string const& label) {
    auto gk = g.key();
    std::optional<closing> out;
    settle_owed(st, g);
    st.repo.db().immediate([&] {
        auto w = st.repo.week(gk, label);
        if (!w || w->closed_at) return;
        auto all = st.repo.nominations_of(gk, label);
        std::vector<candidate> cands;
        for (auto const& n : all) cands.push_back({n.id, n.num, n.at, n.votes});
        auto winner_id = pick_winner(cands);
        if (!st.repo.close_week(gk, label, st.now(), winner_id)) return;
        closing c;
        bot::text_args args{{"num", w->num}, {"lines", lines_of(st, g, all, true)}, {"voters", st.repo.voters(gk, label)}};
        if (!winner_id) {
            c.announcement = st.text(g, "vote_closed_none", args);
            out = c;
            return;
        }
        nomination_row const* winner = nullptr;
        for (auto const& n : all)
            if (n.id == *winner_id) winner = &n;
        args.emplace_back("winner", nominee_line(st, g, *winner, true));
        args.emplace_back("name", bot::shown_name(winner->nominee_name));
        c.announcement = st.text(g, "vote_closed", args);
        if (auto r = reward_winner(st, g, *w, *winner)) {
            bot::text_args rargs{{"num", r->num},
                                 {"name", bot::shown_name(r->winner_name)},
                                 {"amount", yuan(r->amount)},
                                 {"balance", yuan(st.ctx.ledger().balance(gk, fund_account(gk)))}};
            if (r->state == reward_state::owed) {
                c.announcement += "\n" + st.text(g, "reward_owed", rargs);
                c.admins = st.text(g, "admins_owed", rargs);
            } else {
                c.announcement += "\n" + st.text(g, "reward_granted", rargs);
            }
        }
        out = c;
    });
    st.ctx.scheduler().cancel(close_job_key(gk, label));
    return out;
}

bot::task<> post_closing(state_ptr st, bot::group_ref g, closing c) {
    auto msg = bot::message(c.announcement);
    co_await st->ctx.send(g, msg);
    if (!c.admins.empty()) co_await st->ctx.tell_admins(g, c.admins);
}

/// Owed rewards granted since: the admins hear which ones they can now pay out.
bot::task<> tell_granted(state_ptr st, bot::group_ref g) {
    for (auto const& r : settle_owed(*st, g)) {
        bot::text_args args{{"num", r.num}, {"name", bot::shown_name(r.winner_name)}, {"amount", yuan(r.amount)}};
        auto text = st->text(g, "admins_granted_late", args);
        co_await st->ctx.tell_admins(g, text);
    }
}

bot::task<> on_opening(state_ptr st, bot::group_ref g, bot::time_point fire) {
    co_await tell_granted(st, g);
    auto [outcome, text] = open_vote(*st, g, fire);
    if (outcome != open_outcome::opened) co_return;
    auto msg = bot::message(text);
    co_await st->ctx.send(g, msg);
}

bot::task<> on_deadline(state_ptr st, bot::job_run const& run) {
    if (!run.group) co_return;
    auto g = *run.group;
    co_await tell_granted(st, g);
    auto c = close_vote(*st, g, run.payload);
    if (!c) co_return;
    co_await post_closing(st, g, *c);
}

bot::task<> vote(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto w = st->repo.voting(gk);
    auto num = static_cast<int>(call.integer("编号"));
    std::string key;
    bot::text_args args{{"num", num}};
    std::optional<nomination_row> n;
    if (!w) {
        auto last = st->repo.weeks(gk, 1);
        key = last.empty() ? "err_no_vote" : "err_vote_closed";
        if (!last.empty()) args.emplace_back("deadline", st->when(g, *last.front().closed_at));
    } else if (st->now() >= w->closes_at) {
        key = "err_vote_closed";
        args.emplace_back("deadline", st->when(g, w->closes_at));
    } else if (n = st->repo.nomination(gk, num); !n || n->week != w->week) {
        key = "err_no_nominee";
    } else if (n->nominee == s.user_id().encode()) {
        key = "err_vote_self";
    } else {
        bool done = false;
        st->repo.db().immediate([&] {
            done = st->repo.vote(gk, w->week, s.user_id().encode(), s.user_name(), n->id, st->now());
        });
        key = done ? "voted" : "err_voted";
        if (!done)
            if (auto mine = st->repo.nomination_by_id(st->repo.vote_of(gk, w->week, s.user_id().encode()).value_or(0)))
                args = {{"num", mine->num}};
        args.emplace_back("name", bot::shown_name(done ? n->nominee_name : ""));
        args.emplace_back("deadline", st->when(g, w->closes_at));
    }
    auto text = st->text(g, key, args);
    co_await call.reply(text);
}

bot::task<> open_now(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto [outcome, text] = open_vote(*st, g, call.s().now());
    if (outcome == open_outcome::opened) {
        auto msg = bot::message(text);
        co_await call.s().send(msg);
        co_return;
    }
    auto reply = st->text(g, outcome == open_outcome::empty ? "err_open_empty" : "err_open_already");
    co_await call.reply(reply);
}

bot::task<> close_now(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto w = st->repo.voting(g.key());
    auto c = w ? close_vote(*st, g, w->week) : std::nullopt;
    if (!c) {
        auto text = st->text(g, "err_no_vote");
        co_await call.reply(text);
        co_return;
    }
    co_await post_closing(st, g, *c);
}

bot::task<> status(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto gk = g.key();
    std::string text;
    if (auto w = st->repo.voting(gk)) {
        bot::text_args args{{"num", w->num},
                            {"lines", lines_of(*st, g, st->repo.nominations_of(gk, w->week), false)},
                            {"deadline", st->when(g, w->closes_at)},
                            {"voters", st->repo.voters(gk, w->week)}};
        text = st->text(g, "status_voting", args) + "\n";
    }
    auto pending = st->repo.pending(gk);
    auto cfg = st->cfg(g);
    auto t = next_opening(cfg.vote_weekday, cfg.vote_at.minutes, st->ctx.clock().now(), st->ctx.group_tz(g));
    auto when = t ? st->when(g, t->time_since_epoch().count()) : st->text(g, "when_manual");
    if (pending.empty())
        text += st->text(g, "status_no_nominees", {{"when", when}});
    else
        text += st->text(g, "status_pending", {{"when", when}, {"lines", lines_of(*st, g, pending, false)}});
    for (auto const& w : st->repo.weeks(gk, 3)) {
        if (!w.closed_at || !w.winner) continue;
        auto n = st->repo.nomination_by_id(*w.winner);
        if (!n) continue;
        text += "\n" + st->text(g, "status_last", {{"num", w.num}, {"name", bot::shown_name(n->nominee_name)}});
        break;
    }
    co_await call.reply(text);
}

}  // namespace

void register_vote(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.job("close", [st](bot::job_run const& run) { return on_deadline(st, run); });
    ctx.each_group(
        "open",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = ctx.group_config<config>(g);
            if (cfg.vote_weekday == 0) return std::nullopt;
            return bot::recurrence::weekly(cfg.vote_weekday, cfg.vote_at.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await on_opening(st, g, fire); });
    ctx.command({"bestshare", "本周最佳"}, "本周最佳分享：提名、投票和上期结果")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await status(st, call); });
    ctx.command({"bestshare vote", "投票最佳"}, "给本周最佳分享投票：/投票最佳 编号（每人一票，不能投自己）")
        .arg("编号", bot::arg_kind::integer, "提名编号")
        .where(bot::rule::in_group)
        .example("/投票最佳 2")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await vote(st, call); });
    ctx.command({"bestshare open", "开始最佳评选"}, "现在就开始本周最佳分享的投票（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await open_now(st, call); });
    ctx.command({"bestshare close", "结束最佳评选"}, "提前结束投票并公布本周最佳（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await close_now(st, call); });
}

}  // namespace plugins::bestshare
