// Counting: every group message, join and leave adds to the counters in memory; nothing is written
// per message. A timer writes them every flush_every in one transaction, and so do the day close,
// every read (/stats, /话唠榜, the panel, the weekly report) and a clean shutdown. A crash loses at
// most one flush interval of counts.
#include <spdlog/spdlog.h>

#include "bot/question.hpp"
#include "plugins/stats/glue.hpp"

namespace plugins::stats {

namespace {

void arm_flush(std::shared_ptr<state> const& st) {
    if (st->flush_timer) return;
    auto every = st->ctx.config<config>().flush_every;
    std::weak_ptr<state> weak = st;
    st->flush_timer = st->ctx.scheduler().at(st->ctx.clock().now() + every, [weak] {
        auto s = weak.lock();
        if (!s) return;
        s->flush_timer.reset();
        flush(*s);
    });
}

std::vector<std::string> mentioned(bot::message const& m, std::string& reply_to) {
    std::vector<std::string> out;
    for (auto const& seg : m.segments()) {
        if (auto const* a = std::get_if<bot::seg::at>(&seg)) out.push_back(a->user.encode());
        if (auto const* r = std::get_if<bot::seg::reply>(&seg)) reply_to = r->message.encode();
    }
    return out;
}

void count(std::shared_ptr<state> const& st, bot::session& s, bot::ev::group_message const& m) {
    auto const& g = *s.group();
    auto gk = g.key();
    // Commands are the bot's business, not the group's conversation.
    if (st->ctx.command_named(s)) return;
    auto at = s.sent_at();
    auto day = st->ctx.group_day(g, at);
    auto cfg = st->cfg(g);
    auto user = m.anonymous ? std::string() : s.user_id().encode();
    auto text = s.text();
    bool question = !user.empty() && bot::looks_like_question(text, cfg.question_words);
    st->counts.message(gk, day, user, user.empty() ? std::string() : s.user_name(), question);
    if (!user.empty()) {
        std::string reply_to;
        auto mentions = mentioned(m.content, reply_to);
        for (auto const& asked_on : st->questions.answer(gk, reply_to, mentions, user, at, cfg.answer_window))
            st->counts.answered(gk, asked_on);
        if (question) st->questions.asked(gk, m.message_id.encode(), user, at, day);
    }
    // Many members in little time (a busy bot, a flood): written now rather than held until the
    // timer, so memory and the flush's transaction stay bounded. After a failed write only the
    // timer tries again, not every message.
    if (!st->flush_failing &&
        st->counts.member_days() >= static_cast<std::size_t>(st->ctx.config<config>().flush_members)) {
        flush(*st);
        if (!st->flush_failing) return;
    }
    arm_flush(st);
}

/// A coroutine of its own (not a capturing lambda), holding the state it needs for as long as it runs.
bot::task<> count_then_next(std::shared_ptr<state> st, bot::session& s, bot::next_fn next) {
    if (auto const* m = s.ev().as<bot::ev::group_message>(); m && s.group()) {
        try {
            count(st, s, *m);
        } catch (std::exception const& e) {
            spdlog::warn("stats: a message in {} was not counted: {}", s.group()->key(), e.what());
        }
    }
    co_await next();
}

/// The day close: what the day counted is written, and the group's size recorded for it.
bot::task<> close_day(std::shared_ptr<state> st, bot::group_ref g, bot::time_point fire) {
    flush(*st);
    auto closed = st->ctx.group_day(g, fire).plus_days(-1);
    auto size = co_await size_of(*st, g);
    if (size.size) st->repo.db().immediate([&] { st->repo.set_size(g.key(), closed, *size.size); });
}

}  // namespace

void flush(state& st) {
    if (st.counts.empty()) return;
    auto pending = st.counts.take();
    try {
        st.repo.db().immediate([&] {
            for (auto const& [key, d] : pending) st.repo.add(key.first, bot::civil_date::from_serial(key.second), d);
        });
        ++st.flushes;
        st.flush_failing = false;
    } catch (std::exception const& e) {
        spdlog::warn("stats: counters not written, kept for the next flush: {}", e.what());
        st.counts.restore(std::move(pending));
        st.flush_failing = true;
    }
}

void register_counting(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.middleware("count", bot::priority::observe, [st](bot::session& s, bot::next_fn next) {
        return count_then_next(st, s, std::move(next));
    });
    ctx.on<bot::ev::member_joined>([st](bot::session& s, bot::ev::member_joined const&) -> bot::task<> {
        if (!s.group()) co_return;
        st->counts.joined(s.group()->key(), st->ctx.group_day(*s.group(), s.sent_at()));
        arm_flush(st);
    });
    ctx.on<bot::ev::member_left>([st](bot::session& s, bot::ev::member_left const& e) -> bot::task<> {
        if (!s.group() || e.bot_removed) co_return;
        st->counts.left(s.group()->key(), st->ctx.group_day(*s.group(), s.sent_at()));
        arm_flush(st);
    });
    ctx.each_group(
        "close",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            return bot::recurrence::daily(ctx.close_hour(g) * 60);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await close_day(st, g, fire); });
    ctx.on_shutdown([st]() -> bot::task<> {
        if (st->flush_timer) st->ctx.scheduler().cancel_timer(*st->flush_timer);
        st->flush_timer.reset();
        flush(*st);
        co_return;
    });
}

}  // namespace plugins::stats
