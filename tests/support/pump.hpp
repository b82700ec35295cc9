#pragma once
/// Driving an io_context on the test thread: until a condition holds, or while a blocking client
/// runs on another thread (a fake that dials the bot, a callback that waits for its answer).

#include <chrono>
#include <future>

#include <boost/asio/io_context.hpp>

namespace testing {

/// Runs `io` until `pred` holds; false when it does not within `timeout`.
template <typename P>
bool pump_until(boost::asio::io_context& io, P pred, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        if (io.stopped()) io.restart();
        io.run_for(std::chrono::milliseconds(5));
    }
    return true;
}

/// Runs `io` while `fn` runs on another thread, and returns what `fn` returned.
template <typename F>
auto pump_beside(boost::asio::io_context& io, F fn) {
    auto f = std::async(std::launch::async, std::move(fn));
    pump_until(io, [&] { return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
               std::chrono::seconds(10));
    return f.get();
}

}  // namespace testing
