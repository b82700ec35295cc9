#pragma once
/// Runs a coroutine to completion inside an io_context, for tests.

#include <boost/asio/co_spawn.hpp>
#include <exception>
#include <optional>

#include "bot/task.hpp"

namespace testing {

/// Runs `t` on `io` until it finishes (other coroutines it starts may stay suspended), then lets
/// whatever became ready run too. Rethrows the coroutine's exception.
template <typename T>
T run(boost::asio::io_context& io, bot::task<T> t);

inline void run(boost::asio::io_context& io, bot::task<void> t) {
    std::exception_ptr error;
    bool done = false;
    boost::asio::co_spawn(io, std::move(t), [&](std::exception_ptr e) {
        error = e;
        done = true;
    });
    while (!done) {
        if (io.stopped()) io.restart();
        io.run_one();
    }
    if (io.stopped()) io.restart();
    io.poll();
    if (error) std::rethrow_exception(error);
}

/// The same for a coroutine with a result; the result need not be default-constructible.
template <typename T>
T run(boost::asio::io_context& io, bot::task<T> t) {
    std::optional<T> value;
    run(io, [](bot::task<T> inner, std::optional<T>& out) -> bot::task<void> {
        out.emplace(co_await std::move(inner));
    }(std::move(t), value));
    return std::move(*value);
}

}  // namespace testing
