// Combined check-in confirmations: collected lines live in the database until the message that
// carries them was sent, so neither a restart nor a crash loses them.
//
// A line is deleted only after its message went out. A crash between the send and the delete, or a
// send the platform reports failed although it arrived, repeats that one combined message on the
// next flush; it never drops a line.
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "plugins/checkin/glue.hpp"

namespace plugins::checkin {

namespace {

// Lines say "today"; a line that could not be sent for a day is dropped rather than sent wrong.
constexpr std::int64_t stale_after_seconds = 24 * 3600;

std::int64_t unix_seconds(bot::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bot::task<> flush_burst(std::shared_ptr<state> st, bot::group_ref g) {
    st->gates.at(g.key()).flushed(st->ctx.clock().now());
    co_await flush_pending(st, g);
}

/// Sends the lines stored now; false when nothing went out (nothing stored, or the send failed).
bot::task<bool> send_stored(std::shared_ptr<state> st, bot::group_ref const& g) {
    auto key = g.key();
    auto rows = st->pending.of(key);
    if (rows.empty()) co_return false;
    auto fresh_from = unix_seconds(st->ctx.clock().now()) - stale_after_seconds;
    std::string joined;
    int count = 0;
    for (auto const& r : rows) {
        if (r.at < fresh_from) continue;
        joined += (joined.empty() ? "" : "\n") + r.line;
        ++count;
    }
    if (count < static_cast<int>(rows.size()))
        spdlog::info("checkin: dropped {} confirmation(s) for {} older than a day", rows.size() - count, key);
    if (count > 0) {
        bot::text_args args{{"lines", joined}, {"count", count}};
        auto msg = bot::message(st->ctx.render(g, "burst", args));
        auto sent = co_await st->ctx.send(g, msg);
        if (!sent) {
            // Kept for the next flush: the next burst, the next connect or the shutdown.
            spdlog::warn("checkin: combined confirmation for {} not sent: {}", key, sent.err().detail);
            co_return false;
        }
    }
    st->pending.remove_through(key, rows.back().id);
    co_return true;
}

}  // namespace

coalescer::verdict admit_confirmation(std::shared_ptr<state> const& st, bot::group_ref const& g, bot::time_point now) {
    auto cfg = st->cfg(g);
    auto [it, fresh] = st->gates.try_emplace(g.key(), cfg.burst_replies, cfg.burst_window);
    auto verdict = it->second.admit(now);
    if (verdict == coalescer::verdict::queue_and_schedule) {
        auto& io = st->ctx.io();
        st->ctx.scheduler().at(*it->second.flush_at(), [st, g, &io] {
            boost::asio::co_spawn(io, flush_burst(st, g), boost::asio::detached);
        });
    }
    return verdict;
}

bot::task<> flush_pending(std::shared_ptr<state> st, bot::group_ref g) {
    auto key = g.key();
    // One flush per group at a time, so two flushes never send the same lines; lines stored while
    // one is sending go out in its next round.
    if (!st->flushing.insert(key).second) {
        st->flush_again.insert(key);
        co_return;
    }
    try {
        bool again = true;
        while (again) {
            st->flush_again.erase(key);
            bool sent = co_await send_stored(st, g);
            again = sent && st->flush_again.count(key);
        }
    } catch (std::exception const& e) {
        spdlog::error("checkin: flushing confirmations for {} failed: {}", key, e.what());
    }
    st->flushing.erase(key);
    st->flush_again.erase(key);
}

void register_confirmations(std::shared_ptr<state> const& st) {
    st->ctx.on<bot::ev::lifecycle>([st](bot::session& s, bot::ev::lifecycle const& e) -> bot::task<> {
        if (e.what != bot::ev::lifecycle::phase::connected) co_return;
        for (auto const& key : st->pending.groups()) {
            auto g = st->ctx.find_group(key);
            if (g && g->platform == s.ev().platform && g->self_id == s.ev().self_id) co_await flush_pending(st, *g);
        }
    });
    st->ctx.on_shutdown([st]() -> bot::task<> {
        for (auto const& key : st->pending.groups())
            if (auto g = st->ctx.find_group(key)) co_await flush_pending(st, *g);
        // A flush a timer started may still be sending: let it finish while the accounts are connected.
        boost::asio::steady_timer wait(st->ctx.io());
        while (!st->flushing.empty()) {
            wait.expires_after(std::chrono::milliseconds(20));
            co_await wait.async_wait(boost::asio::use_awaitable);
        }
    });
}

}  // namespace plugins::checkin
