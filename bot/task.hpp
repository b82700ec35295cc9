#pragma once
/// Coroutine vocabulary of the core: every handler is an Asio awaitable running on the core thread.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

namespace bot {

namespace asio = boost::asio;

/// The coroutine type of handlers, middleware, timers and API calls.
template <typename T = void>
using task = asio::awaitable<T>;

}  // namespace bot
