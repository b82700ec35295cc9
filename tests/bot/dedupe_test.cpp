#include "bot/dedupe.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace std::chrono;

namespace {

steady_clock::time_point at(seconds s) { return steady_clock::time_point{} + hours(1) + s; }

}  // namespace

TEST_CASE("a key seen again within the window is a duplicate", "[dedupe]") {
    bot::dedupe d(seconds(120), 1000);
    REQUIRE(d.first_time("qq:m1", at(0s)));
    REQUIRE_FALSE(d.first_time("qq:m1", at(1s)));
    REQUIRE_FALSE(d.first_time("qq:m1", at(119s)));
    REQUIRE(d.dropped() == 2);
    REQUIRE(d.first_time("qq:m2", at(2s)));
}

TEST_CASE("a key seen again after the window is new", "[dedupe]") {
    bot::dedupe d(seconds(120), 1000);
    REQUIRE(d.first_time("k", at(0s)));
    REQUIRE(d.first_time("k", at(120s)));
    REQUIRE_FALSE(d.first_time("k", at(121s)));
    REQUIRE(d.first_time("k", at(300s)));
}

TEST_CASE("a duplicate does not extend the window", "[dedupe]") {
    bot::dedupe d(seconds(10), 1000);
    REQUIRE(d.first_time("k", at(0s)));
    REQUIRE_FALSE(d.first_time("k", at(9s)));
    REQUIRE(d.first_time("k", at(10s)));
}

TEST_CASE("expired keys are forgotten", "[dedupe]") {
    bot::dedupe d(seconds(10), 1000);
    for (int i = 0; i < 50; ++i) d.first_time("k" + std::to_string(i), at(seconds(i / 10)));
    REQUIRE(d.size() == 50);
    REQUIRE(d.first_time("late", at(100s)));
    REQUIRE(d.size() == 1);
}

TEST_CASE("the number of remembered keys never passes max_entries", "[dedupe]") {
    bot::dedupe d(seconds(3600), 3);
    for (auto const* k : {"a", "b", "c", "d", "e"}) {
        REQUIRE(d.first_time(k, at(0s)));
        REQUIRE(d.size() <= 3);
    }
    // The newest keys are still remembered; the oldest made room.
    REQUIRE_FALSE(d.first_time("e", at(1s)));
    REQUIRE_FALSE(d.first_time("d", at(1s)));
    REQUIRE_FALSE(d.first_time("c", at(1s)));
    REQUIRE(d.first_time("a", at(1s)));
}

TEST_CASE("a duplicate within the cap is still caught when the table is full", "[dedupe]") {
    bot::dedupe d(seconds(3600), 3);
    REQUIRE(d.first_time("a", at(0s)));
    REQUIRE(d.first_time("b", at(0s)));
    REQUIRE(d.first_time("c", at(0s)));
    REQUIRE_FALSE(d.first_time("a", at(1s)));
    REQUIRE_FALSE(d.first_time("b", at(1s)));
    REQUIRE_FALSE(d.first_time("c", at(1s)));
}

TEST_CASE("an empty key is never a duplicate and is not remembered", "[dedupe]") {
    bot::dedupe d(seconds(120), 1000);
    REQUIRE(d.first_time("", at(0s)));
    REQUIRE(d.first_time("", at(0s)));
    REQUIRE(d.size() == 0);
    REQUIRE(d.dropped() == 0);
}
