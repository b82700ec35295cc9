// One WebSocket link against a peer that stops reading: queued writes, the idle timeout and the
// frame being written must not outlive each other (run under ASan in the suite).
#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "adapters/net/client.hpp"
#include "adapters/net/ws_link.hpp"
#include "loopback_link.hpp"

namespace net = adapters::net;
using namespace std::chrono_literals;

TEST_CASE("a link whose peer stops reading ends cleanly while a large write is in flight", "[net][ws_link]") {
    net::asio::io_context io;
    net::link_limits limits;
    limits.max_frame = 8u << 20;
    // The peer completes the handshake, then never reads again.
    auto ends = test_support::open_loopback_link(io, limits);
    REQUIRE(ends->link);
    REQUIRE(ends->peer);
    auto& link = ends->link;

    std::string closed_why;
    link->start({[](std::string_view) {}, [&](std::string const& why) { closed_why = why; }, nullptr, {}, {}, {}});
    link->set_liveness(1s);  // dead after 3 s without a pong: the peer never reads, so never answers
    // Far more than the socket buffers hold: the write suspends until the link is given up.
    std::string frame(4u << 20, 'x');
    int queued = 0;
    for (int i = 0; i < 16; ++i) queued += link->send(frame) ? 1 : 0;
    CHECK(queued == 16);
    auto deadline = std::chrono::steady_clock::now() + 20s;
    while (closed_why.empty() && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
    INFO(closed_why);
    CHECK_FALSE(closed_why.empty());
    CHECK_FALSE(link->is_open());
    CHECK(link->queued() == 0);
    CHECK_FALSE(link->send("late"));
    // Let the suspended write finish with its error after the queue was cleared.
    io.run_for(500ms);
    CHECK(link->queued() == 0);
}
