// A ws_link dialled over loopback to a peer stream the test drives: the peer completes the
// handshake and then does only what the test tells it to.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "adapters/net/client.hpp"
#include "adapters/net/ws_link.hpp"

namespace test_support {

struct loopback_link {
    adapters::net::tcp::acceptor acceptor;
    std::unique_ptr<adapters::net::ws_stream> peer;
    std::shared_ptr<adapters::net::ws_link> link;

    explicit loopback_link(adapters::net::asio::io_context& io)
        : acceptor(io, {adapters::net::asio::ip::make_address("127.0.0.1"), 0}) {}
};

/// Dials a link with `limits` and runs `io` until both ends are up (or 10 s passed: then `link` or
/// `peer` is empty and the test's REQUIRE says so). The state is shared with the coroutines, so it
/// outlives them whatever the test does.
inline std::shared_ptr<loopback_link> open_loopback_link(adapters::net::asio::io_context& io,
                                                         adapters::net::link_limits limits) {
    namespace net = adapters::net;
    using namespace std::chrono_literals;
    auto state = std::make_shared<loopback_link>(io);
    auto port = state->acceptor.local_endpoint().port();
    net::asio::co_spawn(
        io,
        [state]() -> net::asio::awaitable<void> {
            auto socket = co_await state->acceptor.async_accept(net::asio::use_awaitable);
            auto peer = std::make_unique<net::ws_stream>(net::beast::tcp_stream(std::move(socket)));
            co_await peer->async_accept(net::asio::use_awaitable);
            state->peer = std::move(peer);
        },
        net::asio::detached);
    net::asio::co_spawn(
        io,
        [state, port, limits]() -> net::asio::awaitable<void> {
            auto to = net::url::parse("ws://127.0.0.1:" + std::to_string(port) + "/");
            auto ws = co_await net::dial_ws(*to, {}, 5s);
            state->link = std::make_shared<net::ws_link>(std::move(ws), "test link", limits);
        },
        net::asio::detached);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((!state->link || !state->peer) && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
    return state;
}

}  // namespace test_support
