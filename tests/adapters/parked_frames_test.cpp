// Events read while paused to reach an answer behind them: kept unparsed and in order, in memory up
// to a bound and on disk past it; an answer goes through; the gate's opening hands them on.
#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "adapters/net/client.hpp"
#include "adapters/net/link_manager.hpp"
#include "adapters/net/parked_frames.hpp"
#include "adapters/net/ws_link.hpp"
#include "bot/flow.hpp"

namespace net = adapters::net;
using namespace std::chrono_literals;

namespace {

std::string event(int i) {
    return R"({"post_type":"message","message_type":"group","raw_message":"第 )" + std::to_string(i) +
           R"( 条 \"retcode\": 0","group_id":1})";
}

}  // namespace

TEST_CASE("parked frames come back in order, in memory up to the bound and from disk past it", "[net][parked]") {
    net::parked_frames p(100);
    for (int i = 0; i < 40; ++i) p.park("frame " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 7), '.'));
    CHECK(p.size() == 40);
    CHECK(p.memory_bytes() <= 100);
    CHECK(p.on_disk() > 0);
    CHECK(p.spilled_total() == p.on_disk());
    for (int i = 0; i < 40; ++i) {
        REQUIRE_FALSE(p.empty());
        CHECK(p.take() == "frame " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 7), '.'));
    }
    CHECK(p.empty());
    CHECK(p.on_disk() == 0);
    // Drained, it starts again in memory; an empty frame survives the file as well.
    p.park("again");
    CHECK(p.on_disk() == 0);
    p.park(std::string(200, 'x'));
    p.park("");
    CHECK(p.on_disk() == 2);
    CHECK(p.take() == "again");
    CHECK(p.take() == std::string(200, 'x'));
    CHECK(p.take().empty());
    CHECK(p.empty());
}

TEST_CASE("an answer is told from an event without parsing it", "[net][parked]") {
    CHECK(net::looks_like_answer(R"({"status":"ok","retcode":0,"data":{"message_id":1},"echo":"7"})"));
    CHECK(net::looks_like_answer(R"({"status":"failed", "retcode" : 100, "echo":"8"})"));
    // A member who types the word, or the whole key, in a message does not make an answer.
    CHECK_FALSE(net::looks_like_answer(event(1)));
    CHECK_FALSE(net::looks_like_answer(R"({"post_type":"message","raw_message":"retcode","message":"retcode"})"));
    CHECK_FALSE(net::looks_like_answer(R"({"post_type":"meta_event","meta_event_type":"heartbeat"})"));
}

TEST_CASE("a paused link with an answer due parks the events ahead of it and hands them on in order",
          "[net][parked]") {
    net::asio::io_context io;
    net::tcp::acceptor acceptor(io, {net::asio::ip::make_address("127.0.0.1"), 0});
    auto port = acceptor.local_endpoint().port();
    std::unique_ptr<net::ws_stream> peer;
    net::asio::co_spawn(
        io,
        [&]() -> net::asio::awaitable<void> {
            auto socket = co_await acceptor.async_accept(net::asio::use_awaitable);
            peer = std::make_unique<net::ws_stream>(net::beast::tcp_stream(std::move(socket)));
            co_await peer->async_accept(net::asio::use_awaitable);
        },
        net::asio::detached);
    std::shared_ptr<net::ws_link> link;
    net::asio::co_spawn(
        io,
        [&]() -> net::asio::awaitable<void> {
            auto to = net::url::parse("ws://127.0.0.1:" + std::to_string(port) + "/");
            auto ws = co_await net::dial_ws(*to, {}, 5s);
            net::link_limits limits;
            limits.max_parked_bytes = 500;  // a few events in memory, the rest on disk
            link = std::make_shared<net::ws_link>(std::move(ws), "test link", limits);
        },
        net::asio::detached);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((!link || !peer) && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
    REQUIRE(link);
    REQUIRE(peer);

    bot::limits_settings limits;
    limits.max_queued_events = 2;
    limits.max_queued_per_chat = 2;
    bot::flow_control flow(io.get_executor(), limits);
    flow.queued(1);
    flow.queued(2);
    REQUIRE_FALSE(flow.open());

    std::vector<std::string> got;
    bool answered = false;
    net::ws_link::handlers h;
    h.on_frame = [&](std::string_view text) {
        got.emplace_back(text);
        if (net::looks_like_answer(text)) answered = true;
    };
    h.flow = &flow;
    h.answers_due = [&] { return !answered; };
    h.is_answer = net::looks_like_answer;
    link->start(std::move(h));

    // The implementation sends 30 events, then the answer the bot waits for.
    auto const answer = std::string(R"({"status":"ok","retcode":0,"data":{"message_id":9},"echo":"1"})");
    net::asio::co_spawn(
        io,
        [&]() -> net::asio::awaitable<void> {
            peer->text(true);
            for (int i = 0; i < 30; ++i) co_await peer->async_write(net::asio::buffer(event(i)), net::asio::use_awaitable);
            co_await peer->async_write(net::asio::buffer(answer), net::asio::use_awaitable);
        },
        net::asio::detached);
    deadline = std::chrono::steady_clock::now() + 10s;
    while (!answered && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
    REQUIRE(answered);
    // Only the answer was handed on; the events wait, most of them on disk.
    CHECK(got == std::vector<std::string>{answer});
    CHECK(link->parked() == 30);
    CHECK(link->parked_on_disk() > 20);

    // The queues drain: the gate opens and the events follow, in the order they came.
    flow.dequeued(1);
    flow.dequeued(0);
    REQUIRE(flow.open());
    flow.poke();
    deadline = std::chrono::steady_clock::now() + 10s;
    while (got.size() < 31 && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
    REQUIRE(got.size() == 31);
    for (int i = 0; i < 30; ++i) CHECK(got[static_cast<std::size_t>(i) + 1] == event(i));
    CHECK(link->parked() == 0);
    link->close(net::websocket::close_code::normal, "done");
    io.run_for(200ms);
}
