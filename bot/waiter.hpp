#pragma once
/// A coroutine suspended in wait_for, woken by a matching event or by its deadline.

#include <functional>
#include <optional>

#include <boost/asio/steady_timer.hpp>

#include "bot/core.hpp"

namespace bot {

struct core::waiter {
    std::function<bool(event const&)> pred;
    std::optional<event> result;
    asio::steady_timer signal;  ///< never expires by itself; cancel() wakes the waiting coroutine
    std::uint64_t deadline = 0;
    bool done = false;

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
