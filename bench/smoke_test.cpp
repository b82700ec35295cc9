// A small run of the load generator against the real qunbot binary with the benchmark
// configuration: every check-in, ad and newcomer gets exactly its expected actions, and nothing
// else is sent. No timing is asserted.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bench/driver.hpp"
#include "tests/support/bot_process.hpp"
#include "tests/support/process.hpp"
#include "storage/database.hpp"

namespace {

/// The benchmark's bot.toml with its WebSocket port (6711) and console port (6712) replaced.
std::string bench_config(unsigned short port, unsigned short console_port) {
    std::ifstream in(testing::source_dir() + "/bench/bench.toml");
    std::stringstream text;
    text << in.rdbuf();
    auto config = std::regex_replace(text.str(), std::regex(R"(\nport = 6711)"), "\nport = " + std::to_string(port));
    return std::regex_replace(config, std::regex(R"(\nport = 6712)"), "\nport = " + std::to_string(console_port));
}

bench::phase_result run_fixed(unsigned short port, std::uint64_t events, std::size_t window) {
    boost::asio::io_context io;
    bench::connection_options conn;
    conn.port = port;
    bench::driver d(io, conn, bench::workload_options{});
    bench::phase_result result;
    std::exception_ptr failure;
    boost::asio::co_spawn(io, [&]() -> boost::asio::awaitable<void> {
        co_await d.connect();
        result = co_await d.fixed_count("smoke", events, window);
        co_await d.disconnect();
    }, [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure) std::rethrow_exception(failure);
    return result;
}

}  // namespace

TEST_CASE("Benchmark smoke run: every event of the mix gets exactly its actions", "[bench]") {
    auto port = testing::free_port();
    auto console_port = testing::free_port();
    while (console_port == port) console_port = testing::free_port();
    testing::bot_process bot(bench_config(port, console_port));
    // The generator dials until the bot listens.
    auto r = run_fixed(port, 600, 16);
    INFO(bot.log());
    INFO("missing: " << (r.missing_samples.empty() ? "" : r.missing_samples.front()));
    INFO("unexpected: " << (r.unexpected_samples.empty() ? "" : r.unexpected_samples.front()));
    CHECK(r.events == 600);
    CHECK(r.expected > 40);  // about a tenth of the events expect actions, ads two each
    CHECK(r.missing == 0);
    CHECK(r.unexpected == 0);
    CHECK(r.matched == r.expected);
    // Each check-in of the run is a distinct member and group: one durable row each.
    CHECK(bot.stop() == 0);
    SQLite::Database db((bot.dir() / "qunbot.db").string());
    CHECK(r.checkins > 10);
    CHECK(db.execAndGet("SELECT count(*) FROM checkin_days WHERE kind = 0").getInt64() ==
          static_cast<std::int64_t>(r.checkins));
}
