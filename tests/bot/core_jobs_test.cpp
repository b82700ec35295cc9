// Due jobs go into their group's queue: they run in order with the group's events, and alongside
// other groups' jobs and events.
#include <catch2/catch.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core.hpp"
#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

using namespace std::chrono_literals;

namespace {

/// Runs whatever is ready (restarting the io_context if it ran out of work before).
void run_ready(testing::fake_chat& chat) {
    if (chat.io().stopped()) chat.io().restart();
    chat.io().poll();
}

std::vector<std::string> closes;                 ///< groups whose day close finished, in order
std::unique_ptr<boost::asio::steady_timer> gate;  ///< while set, g1's close waits for it to open

/// A day close at 09:01 in every group that sends one message; in g1 it first waits for the gate.
void closer(bot::plugin_context& ctx) {
    ctx.each_group(
        "close", [](bot::group_ref const&) { return std::optional(bot::recurrence::daily(9 * 60 + 1)); },
        [&ctx](bot::group_ref const& g, bot::time_point) -> bot::task<> {
            if (g.group == bot::id("g1") && gate)
                co_await gate->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
            bot::message m("日结 " + g.group.str());
            co_await ctx.send(g, m);
            closes.push_back(g.key());
        });
    ctx.command({"echo"}, "复读").optional_arg("内容", bot::arg_kind::text).handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply(call.text("内容"));
    });
    ctx.command({"ask"}, "问").handle([](bot::command_call& call) -> bot::task<> {
        auto answer = co_await call.s().next_message(60s);
        if (answer.timed_out()) co_await call.s().send("超时了");
    });
}

/// Starts moving the clock without waiting for it to finish; returns the flag set when it has.
std::shared_ptr<bool> start_advance(testing::fake_chat& chat, std::chrono::seconds d) {
    auto done = std::make_shared<bool>(false);
    boost::asio::co_spawn(chat.io(), chat.bot().advance_time(chat.now() + d), [done](std::exception_ptr) { *done = true; });
    run_ready(chat);
    return done;
}

void run_until(testing::fake_chat& chat, bool const& done) {
    while (!done) {
        if (chat.io().stopped()) chat.io().restart();
        chat.io().run_one();
    }
}

struct fixture {
    fixture() {
        closes.clear();
        gate.reset();
    }
    ~fixture() {
        if (gate) gate->cancel();
        chat.platform().release();
        run_ready(chat);
        gate.reset();
    }
    fixture(fixture const&) = delete;
    fixture& operator=(fixture const&) = delete;
    testing::fake_chat chat{"", {{"closer", &closer}}};  // Monday 09:00
};

}  // namespace

TEST_CASE("a slow day close in one group holds up neither another group's close nor a conversation's deadline") {
    fixture f;
    f.chat.user("alice").says("hi");            // g1 is known first: its close is due first
    f.chat.user("bob").in("g2").says("hi");
    f.chat.user("carol").in("g3").says("/ask");  // its wait ends at 09:01, with the closes
    gate = std::make_unique<boost::asio::steady_timer>(f.chat.io(), boost::asio::steady_timer::time_point::max());
    auto done = start_advance(f.chat, 2min);
    CHECK(closes == std::vector<std::string>{"test:g2", "test:g3"});
    CHECK(f.chat.replied("超时了"));
    // Moving the clock waits for what it released: g1's close is still running.
    CHECK_FALSE(*done);
    gate->cancel();
    run_until(f.chat, *done);
    CHECK(closes == std::vector<std::string>{"test:g2", "test:g3", "test:g1"});
}

TEST_CASE("a group's day close and the group's events are handled one at a time in arrival order") {
    fixture f;
    f.chat.user("alice").says("hi");
    f.chat.clear();
    f.chat.platform().hang_sends = true;
    auto done = start_advance(f.chat, 2min);
    REQUIRE(f.chat.platform().hanging() == 1);  // the close's message
    // A command arriving meanwhile waits for the close to finish.
    f.chat.bot().post(bot::event{"test", bot::id("bot"), f.chat.now(),
                                 bot::ev::group_message{bot::id(500), bot::id("g1"),
                                                        bot::sender{bot::id("bob"), "bob", {}, bot::role::member},
                                                        bot::message("/echo 在吗"), false}});
    run_ready(f.chat);
    CHECK(f.chat.platform().hanging() == 1);
    f.chat.platform().release();
    run_until(f.chat, *done);
    run_ready(f.chat);
    CHECK(f.chat.sent() == std::vector<std::string>{"日结 g1", "在吗"});
}

TEST_CASE("every group's day close is done when moving the clock returns") {
    fixture f;
    for (auto const* g : {"g1", "g2", "g3", "g4"}) f.chat.user("alice").in(g).says("hi");
    f.chat.advance(2min);
    CHECK(closes.size() == 4);
}
