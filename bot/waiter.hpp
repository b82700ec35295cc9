#pragma once
/// An event's chain in progress, and a wait for an event, woken by a matching event, its deadline
/// or the bot stopping.

#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/steady_timer.hpp>

#include "bot/core.hpp"

namespace bot {

/// One event's trip through the handlers, run as a coroutine of its own. Its session holds it, so
/// a wait in that session parks this chain: the dispatcher then goes on to the chat's next event.
struct event_chain {
    asio::steady_timer signal;  ///< never expires by itself; cancel() wakes those awaiting a change
    bool done = false;
    bool parked = false;  ///< suspended in a wait for an event

    explicit event_chain(asio::io_context& io) : signal(io, asio::steady_timer::time_point::max()) {}
    bool settled() const { return done || parked; }
    void changed() { signal.cancel(); }
};

struct core::waiter {
    std::function<bool(event const&)> pred;
    wait_result result;
    asio::steady_timer signal;  ///< never expires by itself; cancel() wakes the waiting coroutine
    std::uint64_t deadline = 0;
    bool done = false;
    std::shared_ptr<chain> owner;  ///< the event chain that waits, when a chain does

    explicit waiter(asio::any_io_executor ex) : signal(ex, asio::steady_timer::time_point::max()) {}
    /// Records how the wait ended and wakes the waiting coroutine; the first ending wins. The owner
    /// counts as running again at once, so whoever waits for it to settle waits for its next step.
    /// Returns false when the wait had already ended.
    bool finish(wait_result r) {
        if (done) return false;
        done = true;
        result = std::move(r);
        if (owner) owner->parked = false;
        signal.cancel();
        return true;
    }
};

}  // namespace bot
