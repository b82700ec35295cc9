// qunbot-dayclose: many groups whose day close is due at the same minute. It runs the real core
// (scheduler, group queues, plugin context, outbox, SQLite in a temporary file) on a manual clock,
// with a stand-in platform that answers every call after a fixed round trip, as a OneBot
// implementation does over its connection. Each group's close asks for the member list and sends
// one message. Printed: the time from the close's due minute until the last close is done.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bot/core.hpp"
#include "bot/plugin_context.hpp"
#include "storage/database.hpp"

namespace {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

struct settings {
    int groups = 10000;
    std::chrono::microseconds round_trip{1000};
};

settings opts;
std::size_t closes_done = 0;
steady::time_point last_close_done;

/// One bot account whose calls are answered after `round_trip`, like an implementation on the
/// other end of a connection. Sends and member lists wait; nothing is recorded but a count.
class remote_platform final : public bot::platform {
public:
    std::string const& name() const override { return name_; }
    bot::id const& self_id() const override { return self_; }
    bot::capabilities const& caps() const override { return caps_; }

    bot::task<bot::result<bot::id>> send(bot::target, bot::message) override {
        co_await round_trip();
        ++sent;
        co_return bot::id(static_cast<std::int64_t>(sent));
    }
    bot::task<bot::status> recall(bot::id) override { co_return bot::ok(); }
    bot::task<bot::status> mute(bot::id, bot::id, std::chrono::seconds) override { co_return bot::ok(); }
    bot::task<bot::status> kick(bot::id, bot::id, bool) override { co_return bot::ok(); }
    bot::task<bot::result<bot::member_info>> member(bot::id, bot::id user) override {
        co_await round_trip();
        co_return bot::member_info{user, "member", "", bot::role::member, {}, {}, {}};
    }
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id) override {
        co_await round_trip();
        std::vector<bot::member_info> out;
        for (int i = 0; i < 20; ++i) out.push_back({bot::id("m" + std::to_string(i)), "member", "", bot::role::member, {}, {}, {}});
        co_return out;
    }
    bot::task<bot::status> answer_request(bot::request_answer) override { co_return bot::ok(); }

    std::uint64_t sent = 0;

private:
    static bot::task<> round_trip() {
        asio::steady_timer t(co_await asio::this_coro::executor, opts.round_trip);
        co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    std::string name_ = "qq";
    bot::id self_ = bot::id("10000");
    bot::capabilities caps_ = [] {
        bot::capabilities c;
        c.needs_pacing = false;  // as in bench.toml: the benchmark measures the bot, not the pacing
        return c;
    }();
};

/// The day close: who is in the group (one call), then one message.
void day_close_plugin(bot::plugin_context& ctx) {
    ctx.each_group(
        "close", [](bot::group_ref const&) { return std::optional(bot::recurrence::daily(0)); },
        [&ctx](bot::group_ref const& g, bot::time_point) -> bot::task<> {
            auto a = ctx.api_for(g);
            if (!a) co_return;
            auto people = co_await a->members(g.group);
            auto count = people ? people->size() : 0;
            bot::message m(fmt::format("今日结算：{} 位成员", count));
            co_await ctx.send(g, m);
            ++closes_done;
            last_close_done = steady::now();
        });
}

bot::event group_message(std::int64_t group, std::int64_t n, bot::time_point at) {
    return bot::event{"qq", bot::id("10000"), at,
                      bot::ev::group_message{bot::id(n), bot::id(group),
                                             bot::sender{bot::id("20000"), "member", {}, bot::role::member},
                                             bot::message("早"), false}};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"qunbot-dayclose: many groups' day close due at the same minute"};
    long long rtt_us = opts.round_trip.count();
    app.add_option("--groups", opts.groups, "groups, each with its day close at 00:00");
    app.add_option("--rtt-us", rtt_us, "round trip of every platform call, in microseconds");
    CLI11_PARSE(app, argc, argv);
    opts.round_trip = std::chrono::microseconds(rtt_us);
    spdlog::set_level(spdlog::level::warn);

    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / ("qunbot-dayclose-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    {
        asio::io_context io;
        auto file = bot::config_file::parse("[outbox]\nenabled = false\n");
        auto cfg = bot::core_config::read(file);
        file.claim("adapters");
        auto tz = bot::time_zone::must_load(cfg.bot.timezone);
        auto day = *bot::parse_date("2026-03-02");
        bot::manual_clock clock(tz.from_local(day, 23, 0));
        storage::database db((dir / "bench.db").string());
        remote_platform platform;
        bot::core core(io, file, cfg, clock, db);
        core.load_plugins({{"dayclose", &day_close_plugin}});
        file.check_unclaimed();
        core.start();
        core.attach(platform);

        // Every group speaks once, so the bot knows it and schedules its close.
        auto run = [&](bot::task<> t) {
            bool done = false;
            asio::co_spawn(io, std::move(t), [&](std::exception_ptr e) {
                if (e) std::rethrow_exception(e);
                done = true;
            });
            while (!done) {
                if (io.stopped()) io.restart();
                io.run_one();
            }
        };
        for (int g = 0; g < opts.groups; ++g) run(core.dispatch(group_message(1000000 + g, g + 1, clock.now())));

        auto close_at = tz.from_local(day.plus_days(1), 0, 0);
        run(core.advance_time(close_at - std::chrono::seconds(1)));
        auto started = steady::now();
        run(core.advance_time(close_at + std::chrono::seconds(59)));
        auto advanced = steady::now();

        auto ms = [](steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
        fmt::print("{{\"phase\":\"dayclose\",\"groups\":{},\"rtt_us\":{},\"closes\":{},\"sent\":{},"
                   "\"last_close_done_ms\":{:.1f},\"advance_ms\":{:.1f}}}\n",
                   opts.groups, rtt_us, closes_done, platform.sent, ms(last_close_done - started),
                   ms(advanced - started));
        core.stop();
    }
    std::filesystem::remove_all(dir);
    return closes_done == static_cast<std::size_t>(opts.groups) ? 0 : 1;
}
