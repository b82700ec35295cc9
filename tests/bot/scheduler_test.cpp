#include "bot/scheduler.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/plugin_context.hpp"
#include "tests/support/async.hpp"
#include "tests/support/fake_chat.hpp"
#include "storage/database.hpp"

using namespace std::chrono;
using bot::recurrence;

namespace Catch {
template <>
struct StringMaker<bot::time_point> {
    static std::string convert(bot::time_point t) {
        return bot::time_zone::must_load("UTC").to_local(t).str() + "Z";
    }
};
template <>
struct StringMaker<std::pair<std::string, bot::time_point>> {
    static std::string convert(std::pair<std::string, bot::time_point> const& p) {
        return p.first + " @ " + StringMaker<bot::time_point>::convert(p.second);
    }
};
}  // namespace Catch

namespace {

bot::time_point utc(int y, unsigned mo, unsigned d, int h, int mi = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi};
}

bot::time_zone zone(char const* name) { return bot::time_zone::must_load(name); }

using run_log = std::vector<std::pair<std::string, bot::time_point>>;

/// A scheduler on an in-memory job table and a manual clock; handlers "a", "b", "c" record runs.
struct rig {
    explicit rig(bot::time_point start = utc(2026, 3, 2, 1, 0)) : clock(start) { boot(); }
    /// A fresh scheduler on the same table, as after a restart (loaded, nothing run yet).
    void boot() {
        sched.reset();
        sched = std::make_unique<bot::scheduler>(io.get_executor(), clock, store,
                                                 [](std::string const&) -> std::optional<bot::group_ref> { return {}; });
        for (auto const* h : {"a", "b", "c"})
            sched->define(h, [this](bot::job_run const& r) -> bot::task<> {
                runs.emplace_back(r.key, r.fire_time);
                co_return;
            });
        sched->load();
    }
    void advance_to(bot::time_point t) { testing::run(io, sched->advance(clock, t)); }
    /// Releases what is due and lets the handlers run.
    void run_due() {
        sched->run_due();
        if (io.stopped()) io.restart();
        io.poll();
    }
    std::vector<bot::time_point> times() const {
        std::vector<bot::time_point> out;
        for (auto const& r : runs) out.push_back(r.second);
        return out;
    }

    boost::asio::io_context io;
    bot::manual_clock clock;
    storage::database db{":memory:"};
    storage::job_store store{db};
    std::unique_ptr<bot::scheduler> sched;
    run_log runs;
};

auto const shanghai = [] { return zone("Asia/Shanghai"); };

}  // namespace

TEST_CASE("recurrences round-trip through their text form", "[scheduler]") {
    for (auto r : {recurrence::daily(21 * 60), recurrence::weekly(3, 20 * 60 + 5), recurrence::once(utc(2026, 1, 1, 0))}) {
        auto back = recurrence::parse(r.str());
        REQUIRE(back);
        REQUIRE(back->str() == r.str());
    }
    REQUIRE(recurrence::weekly(3, 20 * 60).str() == "weekly 3 20:00");
    for (auto bad : {"", "daily", "daily 25:00", "weekly 9 20:00", "weekly 3", "once x", "hourly 5"})
        REQUIRE_FALSE(recurrence::parse(bad));
}

TEST_CASE("every Wednesday 20:00 comes next on the coming Wednesday", "[scheduler]") {
    auto wed = recurrence::weekly(3, 20 * 60);
    auto sh = shanghai();
    // Monday 2026-03-02 09:00 local → Wednesday 2026-03-04 20:00 local (12:00 UTC).
    REQUIRE(wed.next_after(utc(2026, 3, 2, 1, 0), sh) == utc(2026, 3, 4, 12, 0));
    REQUIRE(wed.next_after(utc(2026, 3, 4, 11, 59), sh) == utc(2026, 3, 4, 12, 0));
    // Exactly at the time, or later that Wednesday, the next run is a week on.
    REQUIRE(wed.next_after(utc(2026, 3, 4, 12, 0), sh) == utc(2026, 3, 11, 12, 0));
    REQUIRE(wed.next_after(utc(2026, 3, 4, 15, 59), sh) == utc(2026, 3, 11, 12, 0));  // 23:59 local
    // Wednesday 20:00 in Shanghai is still Wednesday 12:00 UTC, whatever day UTC says it is now.
    REQUIRE(wed.next_after(utc(2026, 3, 3, 16, 30), sh) == utc(2026, 3, 4, 12, 0));  // Wed 00:30 local
}

TEST_CASE("a daily time is the next one strictly after now", "[scheduler]") {
    auto daily = recurrence::daily(21 * 60);
    REQUIRE(daily.next_after(utc(2026, 3, 2, 12, 59), shanghai()) == utc(2026, 3, 2, 13, 0));
    REQUIRE(daily.next_after(utc(2026, 3, 2, 13, 0), shanghai()) == utc(2026, 3, 3, 13, 0));
    REQUIRE(daily.next_after(utc(2026, 3, 2, 13, 0), zone("Asia/Tokyo")) == utc(2026, 3, 3, 12, 0));
}

TEST_CASE("a once recurrence has one run and then none", "[scheduler]") {
    auto once = recurrence::once(utc(2026, 3, 3, 4, 0));
    REQUIRE(once.next_after(utc(2026, 3, 2, 0, 0), shanghai()) == utc(2026, 3, 3, 4, 0));
    REQUIRE_FALSE(once.next_after(utc(2026, 3, 3, 4, 0), shanghai()));
}

TEST_CASE("advancing three days runs a daily job three times, each at its own time, in order with others",
          "[scheduler]") {
    rig r;  // Monday 2026-03-02 09:00 Shanghai
    r.sched->schedule("evening", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.sched->schedule("morning", "b", recurrence::daily(8 * 60), shanghai(), std::nullopt);
    r.sched->schedule("noon-once", "c", recurrence::once(utc(2026, 3, 3, 4, 0)), shanghai(), std::nullopt);
    r.advance_to(utc(2026, 3, 5, 1, 0));  // Thursday 09:00
    run_log expected{{"evening", utc(2026, 3, 2, 13)}, {"morning", utc(2026, 3, 3, 0)},
                     {"noon-once", utc(2026, 3, 3, 4)}, {"evening", utc(2026, 3, 3, 13)},
                     {"morning", utc(2026, 3, 4, 0)},   {"evening", utc(2026, 3, 4, 13)},
                     {"morning", utc(2026, 3, 5, 0)}};
    REQUIRE(r.runs == expected);
    REQUIRE(r.clock.now() == utc(2026, 3, 5, 1, 0));
}

TEST_CASE("a once job runs once and is forgotten", "[scheduler]") {
    rig r;
    r.sched->schedule("once", "a", recurrence::once(utc(2026, 3, 2, 2, 0)), shanghai(), std::nullopt);
    REQUIRE(r.store.find("once"));
    r.advance_to(utc(2026, 3, 9, 0, 0));
    REQUIRE(r.runs == run_log{{"once", utc(2026, 3, 2, 2, 0)}});
    REQUIRE_FALSE(r.sched->has("once"));
    REQUIRE_FALSE(r.store.find("once"));
}

TEST_CASE("a once job set in the past runs at the next tick with its own time", "[scheduler]") {
    rig r;
    r.sched->schedule("late", "a", recurrence::once(utc(2026, 3, 1, 0, 0)), shanghai(), std::nullopt);
    r.run_due();
    REQUIRE(r.runs == run_log{{"late", utc(2026, 3, 1, 0, 0)}});
}

TEST_CASE("a daily 02:30 job runs once, at the first valid instant, on spring-forward day", "[scheduler]") {
    SECTION("Europe/Berlin") {
        rig r(utc(2026, 3, 28, 12));
        r.sched->schedule("j", "a", recurrence::daily(2 * 60 + 30), zone("Europe/Berlin"), std::nullopt);
        r.advance_to(utc(2026, 3, 30, 12));
        REQUIRE(r.times() == std::vector{utc(2026, 3, 29, 1, 0), utc(2026, 3, 30, 0, 30)});
    }
    SECTION("America/New_York") {
        rig r(utc(2026, 3, 7, 12));
        r.sched->schedule("j", "a", recurrence::daily(2 * 60 + 30), zone("America/New_York"), std::nullopt);
        r.advance_to(utc(2026, 3, 9, 12));
        REQUIRE(r.times() == std::vector{utc(2026, 3, 8, 7, 0), utc(2026, 3, 9, 6, 30)});
    }
}

TEST_CASE("a daily job in the repeated hour runs once on fall-back day", "[scheduler]") {
    SECTION("Europe/Berlin at 02:30") {
        rig r(utc(2026, 10, 24, 12));
        r.sched->schedule("j", "a", recurrence::daily(2 * 60 + 30), zone("Europe/Berlin"), std::nullopt);
        r.advance_to(utc(2026, 10, 26, 12));
        REQUIRE(r.times() == std::vector{utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)});
    }
    SECTION("America/New_York at 01:30") {
        rig r(utc(2026, 10, 31, 12));
        r.sched->schedule("j", "a", recurrence::daily(60 + 30), zone("America/New_York"), std::nullopt);
        r.advance_to(utc(2026, 11, 2, 12));
        REQUIRE(r.times() == std::vector{utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)});
    }
}

TEST_CASE("a job that throws is logged and the scheduler keeps going", "[scheduler]") {
    rig r;
    int failures = 0;
    r.sched->define("boom", [&](bot::job_run const&) -> bot::task<> {
        ++failures;
        throw std::runtime_error("boom");
        co_return;
    });
    r.sched->schedule("bad", "boom", recurrence::daily(20 * 60), shanghai(), std::nullopt);
    r.sched->schedule("good", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    REQUIRE_NOTHROW(r.advance_to(utc(2026, 3, 4, 1, 0)));
    REQUIRE(failures == 2);  // it stays scheduled
    REQUIRE(r.runs.size() == 2);
}

TEST_CASE("a cancelled job never runs and is gone from storage", "[scheduler]") {
    rig r;
    r.sched->schedule("x", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.sched->schedule("y", "b", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.sched->cancel("x");
    r.advance_to(utc(2026, 3, 3, 1, 0));
    REQUIRE(r.runs == run_log{{"y", utc(2026, 3, 2, 13)}});
    REQUIRE_FALSE(r.sched->has("x"));
    REQUIRE_FALSE(r.store.find("x"));
    r.boot();  // and it does not come back after a restart
    REQUIRE_FALSE(r.sched->has("x"));
}

TEST_CASE("a job can cancel itself from its handler", "[scheduler]") {
    rig r;
    r.sched->define("last", [&](bot::job_run const& run) -> bot::task<> {
        r.runs.emplace_back(run.key, run.fire_time);
        r.sched->cancel(run.key);
        co_return;
    });
    r.sched->schedule("x", "last", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.advance_to(utc(2026, 3, 6, 0, 0));
    REQUIRE(r.runs == run_log{{"x", utc(2026, 3, 2, 13)}});
    REQUIRE_FALSE(r.store.find("x"));
}

TEST_CASE("scheduling an unchanged job keeps its next run, a changed one is replaced", "[scheduler]") {
    rig r;
    r.sched->schedule("x", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.clock.set(utc(2026, 3, 2, 14, 0));  // past 21:00, without running it
    r.sched->schedule("x", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    REQUIRE(r.sched->next_run("x") == utc(2026, 3, 2, 13, 0));
    r.sched->schedule("x", "a", recurrence::daily(22 * 60), shanghai(), std::nullopt);
    REQUIRE(r.sched->next_run("x") == utc(2026, 3, 3, 14, 0));
    r.advance_to(utc(2026, 3, 3, 15, 0));
    REQUIRE(r.runs == run_log{{"x", utc(2026, 3, 3, 14, 0)}});
}

TEST_CASE("jobs survive a restart and keep their next run", "[scheduler]") {
    rig r;
    r.sched->schedule("x", "a", recurrence::weekly(3, 20 * 60), shanghai(), std::nullopt, "payload");
    r.boot();
    REQUIRE(r.sched->next_run("x") == utc(2026, 3, 4, 12, 0));
    r.advance_to(utc(2026, 3, 12, 0, 0));
    REQUIRE(r.times() == std::vector{utc(2026, 3, 4, 12, 0), utc(2026, 3, 11, 12, 0)});
}

TEST_CASE("a job missed while down catches up once per missed day, with the missed times", "[scheduler]") {
    rig r;
    r.sched->schedule("x", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.advance_to(utc(2026, 3, 2, 14, 0));  // ran Monday 21:00
    r.runs.clear();
    r.clock.set(utc(2026, 3, 5, 2, 0));  // down until Thursday 10:00
    r.boot();
    r.run_due();
    REQUIRE(r.times() == std::vector{utc(2026, 3, 2, 13) + days(1), utc(2026, 3, 2, 13) + days(2)});
    r.run_due();  // nothing more until Thursday 21:00
    REQUIRE(r.runs.size() == 2);
    REQUIRE(r.sched->next_run("x") == utc(2026, 3, 5, 13, 0));
}

TEST_CASE("catching up after a long outage stops at the cap and keeps the latest runs", "[scheduler]") {
    rig r;
    r.sched->schedule("x", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.clock.set(utc(2026, 4, 11, 2, 0));  // 40 days on; 40 runs missed (03-02 .. 04-10)
    r.boot();
    r.run_due();
    auto t = r.times();
    REQUIRE(t.size() == std::size_t(bot::scheduler::max_catch_up));
    REQUIRE(std::is_sorted(t.begin(), t.end()));
    REQUIRE(std::adjacent_find(t.begin(), t.end()) == t.end());
    REQUIRE(t.back() == utc(2026, 4, 10, 13, 0));
    REQUIRE(t.front() == utc(2026, 4, 10, 13, 0) - days(bot::scheduler::max_catch_up - 1));
    REQUIRE(r.sched->next_run("x") == utc(2026, 4, 11, 13, 0));
}

TEST_CASE("releasing a job does not wait for its handler, and the stored next run moves on when it is done",
          "[scheduler]") {
    rig r;
    boost::asio::steady_timer gate(r.io, boost::asio::steady_timer::time_point::max());
    bool finished = false;
    r.sched->define("slow", [&](bot::job_run const&) -> bot::task<> {
        co_await gate.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        finished = true;
    });
    r.sched->schedule("x", "slow", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.sched->schedule("y", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.clock.set(utc(2026, 3, 2, 13, 0));
    r.run_due();
    // "x" waits; "y", due at the same time, ran all the same.
    REQUIRE_FALSE(finished);
    REQUIRE(r.runs == run_log{{"y", utc(2026, 3, 2, 13)}});
    REQUIRE(r.sched->next_run("x") == utc(2026, 3, 3, 13, 0));
    // A crash now would run it again after the restart, not skip it.
    REQUIRE(r.store.find("x")->next_run == utc(2026, 3, 2, 13, 0).time_since_epoch().count());
    REQUIRE(r.store.find("y")->next_run == utc(2026, 3, 3, 13, 0).time_since_epoch().count());
    gate.cancel();
    r.io.poll();
    REQUIRE(finished);
    REQUIRE(r.store.find("x")->next_run == utc(2026, 3, 3, 13, 0).time_since_epoch().count());
}

TEST_CASE("a job cancelled before its released run starts does not run", "[scheduler]") {
    rig r;
    r.sched->schedule("x", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.clock.set(utc(2026, 3, 2, 13, 0));
    r.sched->run_due();
    r.sched->cancel("x");
    r.io.poll();
    REQUIRE(r.runs.empty());
    REQUIRE_FALSE(r.store.find("x"));
}

TEST_CASE("a run released but not started when the bot stops runs after the restart", "[scheduler]") {
    rig r;
    r.sched->schedule("x", "a", recurrence::daily(21 * 60), shanghai(), std::nullopt);
    r.clock.set(utc(2026, 3, 2, 13, 0));
    r.sched->run_due();
    r.sched->stop();
    r.io.poll();
    REQUIRE(r.runs.empty());
    r.boot();
    r.run_due();
    REQUIRE(r.runs == run_log{{"x", utc(2026, 3, 2, 13)}});
    REQUIRE(r.sched->next_run("x") == utc(2026, 3, 3, 13, 0));
}

TEST_CASE("in-memory timers fire in time order and a cancelled one does not", "[scheduler]") {
    rig r;
    std::vector<std::string> fired;
    auto t0 = r.clock.now();
    r.sched->at(t0 + minutes(30), [&] { fired.push_back("30m"); });
    r.sched->at(t0 + minutes(10), [&] { fired.push_back("10m"); });
    r.sched->at(t0 + minutes(10), [&] { fired.push_back("10m-second"); });
    auto gone = r.sched->at(t0 + minutes(20), [&] { fired.push_back("20m"); });
    r.sched->at(t0 + hours(2), [&] { fired.push_back("2h"); });
    r.sched->cancel_timer(gone);
    r.advance_to(t0 + hours(1));
    REQUIRE(fired == std::vector<std::string>{"10m", "10m-second", "30m"});
    r.advance_to(t0 + hours(3));
    REQUIRE(fired.back() == "2h");
}

// ---- through the whole bot ----

namespace {

run_log chat_runs;  ///< what the plugins below ran (plugins are plain functions, so this is global)

void evening_plugin(bot::plugin_context& ctx) {
    ctx.each_group(
        "evening", [](bot::group_ref const&) { return std::optional(recurrence::daily(21 * 60)); },
        [](bot::group_ref const& g, bot::time_point t) -> bot::task<> {
            chat_runs.emplace_back(g.key(), t);
            co_return;
        });
}

void nightly_plugin(bot::plugin_context& ctx) {
    ctx.job("report", [](bot::job_run const& r) -> bot::task<> {
        chat_runs.emplace_back(r.key, r.fire_time);
        co_return;
    });
    ctx.scheduler().schedule("nightly", "nightly.report", recurrence::daily(22 * 60), zone("Asia/Shanghai"),
                             std::nullopt);
}

/// Moves the bot's clock while it is "down" (nothing runs), before a restart.
void pass_time_while_down(testing::fake_chat& chat, bot::time_point to) {
    dynamic_cast<bot::manual_clock&>(chat.bot().clock()).set(to);
}

}  // namespace

TEST_CASE("setting a group's timezone moves its per-group job", "[scheduler][chat]") {
    chat_runs.clear();
    testing::fake_chat chat("", {{"evening", &evening_plugin}});  // Monday 09:00 Shanghai
    chat.user("bob").in("g2").says("hi");
    chat.user("alice").is(bot::role::admin).says("/set timezone Asia/Tokyo");
    REQUIRE(chat.replied("Asia/Tokyo"));
    chat.advance_to("2026-03-02 20:30");  // 21:30 in Tokyo
    REQUIRE(chat_runs == run_log{{"test:g1", utc(2026, 3, 2, 12)}});
    chat.advance_to("2026-03-03 20:30");
    REQUIRE(chat_runs == run_log{{"test:g1", utc(2026, 3, 2, 12)},
                                 {"test:g2", utc(2026, 3, 2, 13)},
                                 {"test:g1", utc(2026, 3, 3, 12)}});
}

TEST_CASE("per-group jobs survive a restart and catch up each missed day once", "[scheduler][chat]") {
    chat_runs.clear();
    testing::fake_chat chat("", {{"evening", &evening_plugin}});
    chat.user("bob").says("hi");  // the group becomes known
    chat.advance_to("2026-03-02 22:00");
    REQUIRE(chat_runs.size() == 1);
    pass_time_while_down(chat, utc(2026, 3, 5, 2));  // back on Thursday 10:00
    chat.restart();
    chat.advance(seconds(1));
    REQUIRE(chat_runs == run_log{{"test:g1", utc(2026, 3, 2, 13)},
                                 {"test:g1", utc(2026, 3, 3, 13)},
                                 {"test:g1", utc(2026, 3, 4, 13)}});
    chat.restart();
    chat.advance_to("2026-03-05 21:00");
    REQUIRE(chat_runs.size() == 4);
}

TEST_CASE("a job a plugin schedules when it loads runs once a day, across restarts", "[scheduler][chat]") {
    chat_runs.clear();
    testing::fake_chat chat("", {{"nightly", &nightly_plugin}});
    chat.advance_to("2026-03-02 23:00");
    REQUIRE(chat_runs == run_log{{"nightly", utc(2026, 3, 2, 14)}});
    chat.restart();
    chat.advance_to("2026-03-03 23:00");
    REQUIRE(chat_runs.size() == 2);
    pass_time_while_down(chat, utc(2026, 3, 6, 2));  // back on Friday 10:00
    chat.restart();
    chat.advance(seconds(1));
    REQUIRE(chat_runs == run_log{{"nightly", utc(2026, 3, 2, 14)},
                                 {"nightly", utc(2026, 3, 3, 14)},
                                 {"nightly", utc(2026, 3, 4, 14)},
                                 {"nightly", utc(2026, 3, 5, 14)}});
}
