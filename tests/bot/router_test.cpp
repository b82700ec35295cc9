#include "bot/router.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

namespace {

/// A router of its own, run over group messages from a fake chat's core; `trace` records who ran.
struct bench {
    testing::fake_chat chat;
    bot::router r;
    std::vector<std::string> trace;
    std::int64_t next_message = 1;

    bot::session message(std::string text = "hi") {
        bot::event e{"test", bot::id("bot"), chat.now(),
                     bot::ev::group_message{bot::id(next_message++), bot::id("g1"),
                                            bot::sender{bot::id("alice"), "alice", {}, bot::role::member},
                                            bot::message(std::move(text)), false}};
        return bot::session(chat.bot(), std::move(e), nullptr);
    }
    bot::session joined() {
        bot::event e{"test", bot::id("bot"), chat.now(), bot::ev::member_joined{bot::id("g1"), bot::id("bob"), {}, {}, {}}};
        return bot::session(chat.bot(), std::move(e), nullptr);
    }

    /// Middleware that records its name and, when `pass`, continues the chain.
    bot::middleware_fn mark(std::string name, bool pass = true) {
        return [this, name, pass](bot::session&, bot::next_fn next) -> bot::task<> {
            trace.push_back(name);
            if (pass) co_await next();
        };
    }
    bot::listener_fn hear(std::string name) {
        return [this, name](bot::session&) -> bot::task<> {
            trace.push_back(name);
            co_return;
        };
    }

    void run(bot::session& s, bot::enabled_fn enabled = [](std::string const&, bot::session const&) { return true; }) {
        testing::run(chat.io(), r.run(s, hear("terminal"), enabled));
    }
    void notify(bot::session& s) {
        testing::run(chat.io(), r.notify(s, [](std::string const&, bot::session const&) { return true; }));
    }
};

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("middleware runs from the highest priority to the lowest, then the terminal") {
    bench b;
    b.r.use("p", "normal", bot::priority::normal, b.mark("normal"));
    b.r.use("p", "moderation", bot::priority::moderation, b.mark("moderation"));
    b.r.use("p", "observe", bot::priority::observe, b.mark("observe"));
    auto s = b.message();
    b.run(s);
    CHECK(b.trace == strings{"moderation", "observe", "normal", "terminal"});
}

TEST_CASE("middleware of equal priority runs in the order it was added") {
    bench b;
    b.r.use("p", "first", 10, b.mark("first"));
    b.r.use("p", "high", 20, b.mark("high"));
    b.r.use("p", "second", 10, b.mark("second"));
    b.r.use("p", "third", 10, b.mark("third"));
    auto s = b.message();
    b.run(s);
    CHECK(b.trace == strings{"high", "first", "second", "third", "terminal"});
}

TEST_CASE("a middleware that does not call next ends the chain there") {
    bench b;
    b.r.use("p", "filter", bot::priority::moderation, b.mark("filter", false));
    b.r.use("p", "later", bot::priority::normal, b.mark("later"));
    auto s = b.message();
    b.run(s);
    CHECK(b.trace == strings{"filter"});
}

TEST_CASE("next is explicit: a middleware acts before and after the rest of the chain") {
    bench b;
    b.r.use("p", "outer", 10, [&](bot::session&, bot::next_fn next) -> bot::task<> {
        b.trace.push_back("outer before");
        co_await next();
        b.trace.push_back("outer after");
    });
    b.r.use("p", "inner", 0, b.mark("inner"));
    auto s = b.message();
    b.run(s);
    CHECK(b.trace == strings{"outer before", "inner", "terminal", "outer after"});
}

TEST_CASE("a middleware that stops the session ends the chain even if it calls next") {
    bench b;
    b.r.use("p", "stopper", 10, [&](bot::session& s, bot::next_fn next) -> bot::task<> {
        b.trace.push_back("stopper");
        s.stop();
        co_await next();
    });
    b.r.use("p", "later", 0, b.mark("later"));
    auto s = b.message();
    b.run(s);
    CHECK(b.trace == strings{"stopper"});
    CHECK(s.stopped());
}

TEST_CASE("a middleware that calls next twice is refused and the rest runs only once") {
    bench b;
    b.r.use("p", "greedy", 10, [&](bot::session&, bot::next_fn next) -> bot::task<> {
        co_await next();
        co_await next();
    });
    b.r.use("p", "later", 0, b.mark("later"));
    auto s = b.message();
    REQUIRE_THROWS_WITH(b.run(s), Catch::Contains("called next twice"));
    CHECK(b.trace == strings{"later", "terminal"});
}

TEST_CASE("a chain exactly max_depth deep reaches its end") {
    bench b;
    for (int i = 0; i < bot::router::max_depth; ++i) b.r.use("p", "m" + std::to_string(i), 0, b.mark("m"));
    auto s = b.message();
    b.run(s);
    REQUIRE(b.trace.size() == bot::router::max_depth + 1);
    CHECK(b.trace.back() == "terminal");
}

TEST_CASE("a chain deeper than max_depth is dropped with an error before the terminal") {
    bench b;
    for (int i = 0; i <= bot::router::max_depth; ++i) b.r.use("p", "m" + std::to_string(i), 0, b.mark("m"));
    auto s = b.message();
    REQUIRE_THROWS_WITH(b.run(s), Catch::Contains("deeper than 64"));
    CHECK(std::count(b.trace.begin(), b.trace.end(), "terminal") == 0);
}

TEST_CASE("a middleware that throws ends that event's chain") {
    bench b;
    b.r.use("p", "broken", 10, [](bot::session&, bot::next_fn) -> bot::task<> {
        throw std::runtime_error("broken middleware");
        co_return;
    });
    b.r.use("p", "later", 0, b.mark("later"));
    auto s = b.message();
    REQUIRE_THROWS_WITH(b.run(s), "broken middleware");
    CHECK(b.trace.empty());
}

TEST_CASE("middleware of a plugin switched off for the event is skipped") {
    bench b;
    b.r.use("off", "a", 10, b.mark("off"));
    b.r.use("on", "b", 0, b.mark("on"));
    auto s = b.message();
    b.run(s, [](std::string const& plugin, bot::session const&) { return plugin != "off"; });
    CHECK(b.trace == strings{"on", "terminal"});
}

TEST_CASE("removed middleware and listeners no longer run") {
    bench b;
    auto m = b.r.use("p", "gone", 0, b.mark("gone"));
    b.r.use("p", "kept", 0, b.mark("kept"));
    auto l = b.r.on("p", 0, b.hear("gone listener"));
    b.r.remove(m);
    b.r.remove(l);
    auto s = b.message();
    b.run(s);
    b.notify(s);
    CHECK(b.trace == strings{"kept", "terminal"});
    CHECK(b.r.middleware_count() == 1);
}

TEST_CASE("listeners hear only their event kind, in the order they were added") {
    bench b;
    auto message_kind = bot::event_payload(bot::ev::group_message{}).index();
    auto joined_kind = bot::event_payload(bot::ev::member_joined{}).index();
    b.r.on("p", message_kind, b.hear("message 1"));
    b.r.on("p", joined_kind, b.hear("joined"));
    b.r.on("p", message_kind, b.hear("message 2"));
    auto s = b.message();
    b.notify(s);
    CHECK(b.trace == strings{"message 1", "message 2"});
    b.trace.clear();
    auto j = b.joined();
    b.notify(j);
    CHECK(b.trace == strings{"joined"});
}

TEST_CASE("a listener that stops the session keeps later listeners from hearing it") {
    bench b;
    b.r.on("p", 0, [&](bot::session& s) -> bot::task<> {
        b.trace.push_back("first");
        s.stop();
        co_return;
    });
    b.r.on("p", 0, b.hear("second"));
    auto s = b.message();
    b.notify(s);
    CHECK(b.trace == strings{"first"});
}

TEST_CASE("a failing listener does not keep the others from the event") {
    bench b;
    b.r.on("p", 0, [](bot::session&) -> bot::task<> {
        throw std::runtime_error("listener failed");
        co_return;
    });
    b.r.on("p", 0, b.hear("second"));
    auto s = b.message();
    REQUIRE_NOTHROW(b.notify(s));
    CHECK(b.trace == strings{"second"});
}

// The same rules, seen from the chat: the bot keeps answering after a chain goes wrong.

namespace {

void ping(bot::plugin_context& ctx) {
    ctx.command({"ping"}, "alive?").handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("pong"); });
}

void fragile_guard(bot::plugin_context& ctx) {
    ctx.middleware("guard", bot::priority::moderation, [](bot::session& s, bot::next_fn next) -> bot::task<> {
        if (s.text().find("boom") != std::string::npos) throw std::runtime_error("the guard tripped");
        co_await next();
    });
}

void deep_chain(bot::plugin_context& ctx) {
    // The first link answers "shallow" itself; anything else goes down a chain one link too deep.
    ctx.middleware("gate", 100, [](bot::session& s, bot::next_fn next) -> bot::task<> {
        if (s.text() == "shallow") {
            co_await s.reply("still here");
            co_return;
        }
        co_await next();
    });
    for (int i = 0; i < bot::router::max_depth; ++i)
        ctx.middleware("link" + std::to_string(i), 0,
                       [](bot::session&, bot::next_fn next) -> bot::task<> { co_await next(); });
}

}  // namespace

TEST_CASE("a message that trips a throwing middleware gets nothing, and the next one is answered") {
    testing::fake_chat chat("", {{"guard", &fragile_guard}, {"ping", &ping}});
    chat.user("alice").says("/ping boom");
    CHECK(chat.sent().empty());
    CHECK(chat.bot().stats().errors == 1);
    chat.user("alice").says("/ping");
    CHECK(chat.last() == "pong");
}

TEST_CASE("a chain deeper than max_depth is dropped with an error and the bot keeps running") {
    testing::fake_chat chat("", {{"deep", &deep_chain}, {"ping", &ping}});
    chat.user("alice").says("/ping");
    CHECK(chat.sent().empty());
    CHECK(chat.bot().stats().errors == 1);
    chat.user("alice").says("shallow");
    CHECK(chat.last() == "still here");
}

TEST_CASE("a middleware removed while an event runs still runs for that event, and not for the next") {
    bench b;
    std::uint64_t second = 0;
    b.r.use("p", "first", 30, [&](bot::session&, bot::next_fn next) -> bot::task<> {
        b.trace.push_back("first");
        if (second) b.r.remove(std::exchange(second, 0));
        co_await next();
    });
    second = b.r.use("p", "second", 20, b.mark("second"));
    b.r.use("p", "third", 10, b.mark("third"));
    auto s = b.message();
    b.run(s);
    // The event keeps the chain it started with: nothing shifts under it.
    CHECK(b.trace == strings{"first", "second", "third", "terminal"});
    b.trace.clear();
    auto next = b.message();
    b.run(next);
    CHECK(b.trace == strings{"first", "third", "terminal"});
}

TEST_CASE("a listener added while an event is heard is heard from the next event on") {
    bench b;
    b.r.on("p", b.message().ev().payload.index(), [&](bot::session&) -> bot::task<> {
        b.trace.push_back("first");
        if (b.trace.size() == 1) b.r.on("p", b.message().ev().payload.index(), b.hear("added"));
        co_return;
    });
    auto s = b.message();
    b.notify(s);
    CHECK(b.trace == strings{"first"});
    b.trace.clear();
    auto next = b.message();
    b.notify(next);
    CHECK(b.trace == strings{"first", "added"});
}
