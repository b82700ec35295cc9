// The sign-up rules as plain values: the cap splits sign-ups into the list and the waiting list,
// a cancellation moves the first waiting member up, and sign-up closes at the deadline and start.
#include <catch2/catch.hpp>

#include "plugins/announce/roster.hpp"

using namespace plugins::announce;

namespace {

std::vector<signup> people(std::initializer_list<char const*> names) {
    std::vector<signup> out;
    long long seq = 0;
    for (auto n : names) out.push_back({bot::id(n), n, ++seq});
    return out;
}

std::vector<std::string> names(std::vector<signup> const& v) {
    std::vector<std::string> out;
    for (auto const& s : v) out.push_back(s.name);
    return out;
}

bot::time_point t(int hour) {
    return bot::time_point{std::chrono::hours(hour)};
}

}  // namespace

TEST_CASE("the cap splits sign-ups by their order", "[announce][roster]") {
    auto all = people({"a", "b", "c", "d"});
    std::swap(all[0], all[3]);  // stored order does not matter, sign-up order does
    auto r = split(all, 2);
    CHECK(names(r.in) == std::vector<std::string>{"a", "b"});
    CHECK(names(r.waiting) == std::vector<std::string>{"c", "d"});
    CHECK(split(people({"a"}), 3).waiting.empty());
}

TEST_CASE("a cancellation from the list moves the first waiting member up", "[announce][roster]") {
    auto all = people({"a", "b", "c", "d"});
    CHECK(promoted(all, 2, bot::id("b"))->name == "c");
    CHECK(promoted(all, 2, bot::id("a"))->name == "c");
    // A waiting member who cancels moves nobody; nor does a cancellation with nobody waiting.
    CHECK_FALSE(promoted(all, 2, bot::id("d")));
    CHECK_FALSE(promoted(people({"a", "b"}), 2, bot::id("a")));
    CHECK_FALSE(promoted(all, 2, bot::id("zed")));
}

TEST_CASE("sign-up is open until the deadline and the start", "[announce][roster]") {
    CHECK(gate(false, t(1), t(10), std::nullopt) == signup_gate::open);
    CHECK(gate(false, t(5), t(10), t(5)) == signup_gate::open);
    CHECK(gate(false, t(6), t(10), t(5)) == signup_gate::deadline_passed);
    CHECK(gate(false, t(10), t(10), std::nullopt) == signup_gate::started);
    CHECK(gate(true, t(1), t(10), std::nullopt) == signup_gate::cancelled);
}
