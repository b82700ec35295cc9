// Backpressure on the HTTP side: while the core's queues are full, a request (an event POSTed by
// an implementation, a WeCom callback) waits before it is handled and answered, so the sender
// holds its next one; it is handled once the queues have room.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "adapters/net/http_listener.hpp"
#include "bot/flow.hpp"
#include "tests/support/http_client.hpp"

using namespace std::chrono_literals;
namespace net = adapters::net;

TEST_CASE("while the queues are full an HTTP request waits, and is handled once they have room",
          "[net][backpressure]") {
    boost::asio::io_context io;
    bot::limits_settings limits;
    limits.max_queued_events = 10;
    bot::flow_control flow(io.get_executor(), limits);
    for (int i = 0; i < 10; ++i) flow.queued(1);
    REQUIRE_FALSE(flow.open());

    int handled = 0;
    net::http_listener::handlers h;
    h.plain = [&](net::request const& req) {
        ++handled;
        return net::make_response(req, net::http::status::no_content);
    };
    h.admit = net::admit_when_room(flow);
    net::http_listener listener(io, "127.0.0.1", 0, std::move(h));
    listener.start();
    auto port = listener.port();

    std::promise<int> answered;
    auto status = answered.get_future();
    std::thread client([&] {
        answered.set_value(testing::http_call(port, "POST", "/", "{}", "application/json", {}, 10s).status);
    });
    // The request arrives and waits: nothing handled, nothing answered.
    auto until = std::chrono::steady_clock::now() + 500ms;
    while (std::chrono::steady_clock::now() < until) io.run_for(10ms);
    CHECK(listener.connections() == 1);
    CHECK(handled == 0);
    CHECK(status.wait_for(0s) == std::future_status::timeout);

    // Below the low-water mark (5) the gate opens and the request goes through.
    for (int i = 0; i < 6; ++i) flow.dequeued(0);
    REQUIRE(flow.open());
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (status.wait_for(0s) != std::future_status::ready && std::chrono::steady_clock::now() < deadline)
        io.run_for(10ms);
    client.join();
    CHECK(status.get() == 204);
    CHECK(handled == 1);
    listener.stop();
}
