// The recent messages a plugin keeps per group: bounded per group by count and in all by bytes,
// the oldest entry of all the groups dropped first.
#include "bot/recent_by_group.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

struct seen {
    int id;
    std::string text;
};

bot::recent_by_group<seen> made(std::size_t per_group, std::size_t max_bytes) {
    return {per_group, max_bytes, [](seen const& s) { return s.text.size(); }};
}

bool has(bot::recent_by_group<seen> const& r, std::string const& g, int id) {
    return r.newest(g, [id](seen const& s) { return s.id == id; }).has_value();
}

}  // namespace

TEST_CASE("recent_by_group keeps the last entries of each group") {
    auto r = made(3, 1'000'000);
    for (int i = 1; i <= 5; ++i) r.add("g", {i, "m" + std::to_string(i)});
    r.add("h", {1, "other"});
    CHECK(r.size("g") == 3);
    CHECK(r.size("h") == 1);
    CHECK(r.size() == 4);
    CHECK_FALSE(has(r, "g", 2));
    CHECK(has(r, "g", 3));
    CHECK(r.newest("h", [](seen const&) { return true; })->text == "other");
    // The newest that matches, not the first.
    r.add("g", {9, "m5"});
    CHECK(r.newest("g", [](seen const& s) { return s.text == "m5"; })->id == 9);
}

TEST_CASE("past the byte bound the oldest entry of all the groups goes first") {
    // Entries of 1,000 bytes of text each; room for about three.
    auto r = made(100, 3'500);
    std::string kb(1000, 'x');
    r.add("quiet", {1, kb});
    r.add("busy", {1, kb});
    r.add("busy", {2, kb});
    CHECK(r.size() == 3);
    r.add("busy", {3, kb});  // the quiet group's entry is the oldest of all
    CHECK(r.size("quiet") == 0);
    CHECK(r.size("busy") == 3);
    r.add("quiet", {2, kb});  // now busy #1 is the oldest
    CHECK_FALSE(has(r, "busy", 1));
    CHECK(has(r, "quiet", 2));
    CHECK(r.bytes() <= 3'500);
    // However many groups and messages, the bound holds.
    for (int i = 0; i < 10'000; ++i) r.add("g" + std::to_string(i % 700), {i, std::string(50 + i % 200, 'y')});
    CHECK(r.bytes() <= 3'500);
    CHECK(r.size() >= 1);
    CHECK(has(r, "g" + std::to_string(9'999 % 700), 9'999));
}
