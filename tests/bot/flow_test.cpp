#include "bot/flow.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace {

bot::limits_settings limits(std::int64_t total, std::int64_t per_chat, std::int64_t resume = 50) {
    bot::limits_settings l;
    l.max_queued_events = total;
    l.max_queued_per_chat = per_chat;
    l.resume_percent = resume;
    return l;
}

}  // namespace

TEST_CASE("reading pauses at the total limit and resumes below the low-water mark", "[flow]") {
    boost::asio::io_context io;
    bot::flow_control f(io.get_executor(), limits(10, 100));
    // Ten chats with one event each: the tenth reaches the limit.
    for (int i = 0; i < 9; ++i) f.queued(1);
    CHECK(f.open());
    f.queued(1);
    CHECK_FALSE(f.open());
    CHECK(f.pauses() == 1);
    CHECK(f.queued_events() == 10);
    // Down to 5 (50 %) it stays paused; below it reading resumes.
    for (int i = 0; i < 5; ++i) f.dequeued(0);
    CHECK_FALSE(f.open());
    f.dequeued(0);
    CHECK(f.open());
    CHECK(f.queued_events() == 4);
    CHECK(f.peak_events() == 10);
    CHECK(f.pauses() == 1);
}

TEST_CASE("one chat's queue alone pauses reading until it has drained below its mark", "[flow]") {
    boost::asio::io_context io;
    bot::flow_control f(io.get_executor(), limits(1000, 4));
    for (std::size_t n = 1; n <= 3; ++n) f.queued(n);
    CHECK(f.open());
    f.queued(4);
    CHECK_FALSE(f.open());
    // Another chat's events leaving do not reopen it while the busy chat is at its mark (2).
    f.queued(1);
    f.dequeued(0);
    CHECK_FALSE(f.open());
    f.dequeued(3);
    CHECK_FALSE(f.open());
    f.dequeued(2);
    CHECK_FALSE(f.open());
    f.dequeued(1);
    CHECK(f.open());
}

TEST_CASE("a paused connection reads on while answers to its calls are due", "[flow]") {
    boost::asio::io_context io;
    bot::flow_control f(io.get_executor(), limits(10, 100));
    CHECK(f.may_read(false));
    for (int i = 0; i < 10; ++i) f.queued(1);
    REQUIRE_FALSE(f.open());
    CHECK_FALSE(f.may_read(false));
    CHECK(f.may_read(true));
}

TEST_CASE("readers waiting on a paused gate wake when it opens, and at once when it is open", "[flow]") {
    boost::asio::io_context io;
    bot::flow_control f(io.get_executor(), limits(2, 100));
    int woke = 0;
    // The context runs out of work between steps: start it again each time.
    auto poll = [&] {
        io.restart();
        io.poll();
    };
    auto reader = [&]() -> bot::task<> {
        co_await f.wait();
        ++woke;
    };
    boost::asio::co_spawn(io, reader(), boost::asio::detached);
    poll();
    CHECK(woke == 1);  // open: no wait
    f.queued(1);
    f.queued(1);
    REQUIRE_FALSE(f.open());
    boost::asio::co_spawn(io, reader(), boost::asio::detached);
    boost::asio::co_spawn(io, reader(), boost::asio::detached);
    poll();
    CHECK(woke == 1);
    f.dequeued(0);
    CHECK_FALSE(f.open());  // 1 left, the mark is 1
    poll();
    CHECK(woke == 1);
    f.dequeued(0);
    REQUIRE(f.open());
    poll();
    CHECK(woke == 3);
}
