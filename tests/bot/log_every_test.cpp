// A flood of the same log line: the first at once, then one per interval standing for the rest.
#include <catch2/catch.hpp>

#include "bot/log_every.hpp"

using namespace std::chrono_literals;

TEST_CASE("a line that comes in floods is written once per interval, counting what it stands for", "[log]") {
    bot::log_every limit(10s);
    auto t0 = bot::log_every::steady::time_point{} + 1h;
    CHECK(limit.due(t0) == 1);  // the first at once
    CHECK(limit.due(t0 + 1s) == 0);
    CHECK(limit.due(t0 + 2s) == 0);
    CHECK(limit.due(t0 + 9s) == 0);
    CHECK(limit.due(t0 + 10s) == 4);  // these three and itself
    CHECK(limit.due(t0 + 11s) == 0);
    // Quiet for a long time: the next one is written at once, standing for the one unwritten.
    CHECK(limit.due(t0 + 1h) == 2);
    CHECK(limit.due(t0 + 2h) == 1);
}
