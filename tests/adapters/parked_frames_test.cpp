// Events read while paused to reach an answer behind them: kept unparsed and in order, in memory up
// to a bound and on disk past it; an answer goes through; the gate's opening hands them on.
#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/net/client.hpp"
#include "adapters/net/link_manager.hpp"
#include "adapters/net/parked_frames.hpp"
#include "adapters/net/ws_link.hpp"
#include "bot/flow.hpp"
#include "loopback_link.hpp"

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

namespace {

/// A link whose core queues are full (the gate closed) while a call's answer is due on it; the
/// implementation sends 30 events, then that answer.
struct paused_link {
    net::asio::io_context io;
    std::shared_ptr<test_support::loopback_link> ends;
    bot::limits_settings limits;
    std::unique_ptr<bot::flow_control> flow;
    std::vector<std::string> got;
    bool answered = false;
    int told_out_of_reach = 0;  ///< times the link said the answer is out of reach
    std::string const answer = R"({"status":"ok","retcode":0,"data":{"message_id":9},"echo":"1"})";

    explicit paused_link(net::link_limits link_limits) {
        ends = test_support::open_loopback_link(io, link_limits);
        REQUIRE(ends->link);
        REQUIRE(ends->peer);
        limits.max_queued_events = 2;
        limits.max_queued_per_chat = 2;
        flow = std::make_unique<bot::flow_control>(io.get_executor(), limits);
        flow->queued(1);
        flow->queued(2);
        REQUIRE_FALSE(flow->open());

        net::ws_link::handlers h;
        h.on_frame = [this](std::string_view text) {
            got.emplace_back(text);
            if (net::looks_like_answer(text)) answered = true;
        };
        h.flow = flow.get();
        h.answers_due = [this] { return !answered; };
        h.is_answer = net::looks_like_answer;
        h.out_of_reach = [this] {
            ++told_out_of_reach;
            return std::size_t{1};
        };
        ends->link->start(std::move(h));
        net::asio::co_spawn(
            io,
            [this]() -> net::asio::awaitable<void> {
                auto& peer = *ends->peer;
                peer.text(true);
                for (int i = 0; i < 30; ++i) co_await peer.async_write(net::asio::buffer(event(i)), net::asio::use_awaitable);
                co_await peer.async_write(net::asio::buffer(answer), net::asio::use_awaitable);
            },
            net::asio::detached);
    }
    ~paused_link() {
        ends->link->close(net::websocket::close_code::normal, "done");
        io.run_for(200ms);
    }
    paused_link(paused_link const&) = delete;
    paused_link& operator=(paused_link const&) = delete;

    void run_until(std::function<bool()> const& done, std::chrono::milliseconds at_most) {
        auto deadline = std::chrono::steady_clock::now() + at_most;
        while (!done() && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
    }
    /// The queues drain: the gate opens.
    void drain() {
        flow->dequeued(1);
        flow->dequeued(0);
        REQUIRE(flow->open());
        flow->poke();
    }
};

}  // namespace

TEST_CASE("a paused link with an answer due parks the events ahead of it and hands them on in order",
          "[net][parked]") {
    net::link_limits link_limits;
    link_limits.max_parked_bytes = 500;  // a few events in memory, the rest on disk
    paused_link t(link_limits);
    auto& link = t.ends->link;

    t.run_until([&] { return t.answered; }, 10s);
    REQUIRE(t.answered);
    // Only the answer was handed on; the events wait, most of them on disk.
    CHECK(t.got == std::vector<std::string>{t.answer});
    CHECK(link->parked() == 30);
    CHECK(link->parked_on_disk() > 20);
    CHECK(t.told_out_of_reach == 0);  // the default bound is far away
    CHECK_FALSE(link->answers_out_of_reach());

    // The events follow once the gate opens, in the order they came.
    t.drain();
    t.run_until([&] { return t.got.size() >= 31; }, 10s);
    REQUIRE(t.got.size() == 31);
    for (int i = 0; i < 30; ++i) CHECK(t.got[static_cast<std::size_t>(i) + 1] == event(i));
    CHECK(link->parked() == 0);
}

TEST_CASE("parking stops at its bound: the link reads nothing more, the answer included, until the queues drain, "
          "its owner is told once to release the calls waiting",
          "[net][parked]") {
    net::link_limits link_limits;
    link_limits.max_parked_bytes = 300;
    link_limits.max_parked_total_bytes = 1000;  // about eleven of the thirty events
    paused_link t(link_limits);
    auto& link = t.ends->link;

    // Given time, the link parks up to the bound and then stops reading: the answer stays unread.
    t.run_until([] { return false; }, 1500ms);
    CHECK_FALSE(t.answered);
    CHECK(t.got.empty());
    CHECK(link->parked() < 30);
    CHECK(link->parked_bytes() >= 1000);
    CHECK(link->parked_bytes() < 1000 + event(29).size());
    // The owner heard once that the answers due are out of reach, and a call sent now is too.
    CHECK(t.told_out_of_reach == 1);
    CHECK(link->answers_out_of_reach());

    // Drained, everything comes in the order it was sent, the answer last.
    t.drain();
    t.run_until([&] { return t.got.size() >= 31; }, 10s);
    REQUIRE(t.got.size() == 31);
    for (int i = 0; i < 30; ++i) CHECK(t.got[static_cast<std::size_t>(i)] == event(i));
    CHECK(t.got.back() == t.answer);
    CHECK(t.answered);
    CHECK(link->parked() == 0);
    CHECK_FALSE(link->answers_out_of_reach());
    CHECK(t.told_out_of_reach == 1);
}
