#pragma once
/// A coroutine suspended in wait_for, woken by a matching event or by its deadline.

#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "bot/core.hpp"

namespace bot {

/// One event's trip through the chain. It runs on a strand of its own so that wait_for can tell
/// which chain is waiting: a parked chain lets its dispatcher go on to the next event.
struct core::chain {
    using strand_type = asio::strand<asio::io_context::executor_type>;
    strand_type strand;
    asio::steady_timer signal;  ///< never expires by itself; cancel() wakes those awaiting a change
    bool done = false;
    bool parked = false;  ///< suspended in wait_for

    explicit chain(asio::io_context& io)
        : strand(asio::make_strand(io)), signal(io, asio::steady_timer::time_point::max()) {}
    bool settled() const { return done || parked; }
    void changed() { signal.cancel(); }
};

struct core::waiter {
    std::function<bool(event const&)> pred;
    std::optional<event> result;
    asio::steady_timer signal;  ///< never expires by itself; cancel() wakes the waiting coroutine
    std::uint64_t deadline = 0;
    bool done = false;
    std::shared_ptr<chain> owner;  ///< the event chain that waits, when a chain does

    explicit waiter(asio::any_io_executor ex) : signal(ex, asio::steady_timer::time_point::max()) {}
    void finish(std::optional<event> e) {
        if (done) return;
        done = true;
        result = std::move(e);
        signal.cancel();
    }
    void cancel() { finish(std::nullopt); }
};

}  // namespace bot
