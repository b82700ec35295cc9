#include <catch2/catch.hpp>

#include "plugins/bestshare/ring.hpp"
#include "plugins/bestshare/rules.hpp"

using namespace plugins::bestshare;

TEST_CASE("a reply nomination names the quote and skips the client's mention of its author", "[bestshare][rules]") {
    auto m = bot::message().reply_to(bot::id(42)).at(bot::id("bob"), "bob").text("/提名");
    auto r = read_nomination(m);
    REQUIRE(r.quoted);
    CHECK(*r.quoted == bot::id(42));
    CHECK(r.quoted_author == bot::id("bob"));
    CHECK(!r.target);
}

TEST_CASE("a mention nomination takes the first mention after the command and the text after it", "[bestshare][rules]") {
    auto m = bot::message().at(bot::id("bot")).text(" /提名 ").at(bot::id("bob"), "bob").text(" 写得好，").at(bot::id("carol"), "carol").text(" 也看看");
    auto r = read_nomination(m);
    CHECK(!r.quoted);
    REQUIRE(r.target);
    CHECK(*r.target == bot::id("bob"));
    CHECK(r.target_name == "bob");
    CHECK(r.text == "写得好，@carol 也看看");
    CHECK(!read_nomination(bot::message("/提名")).target);
}

TEST_CASE("the most votes win, a tie goes to the earlier nomination, no votes no winner", "[bestshare][rules]") {
    CHECK(pick_winner({{1, 1, 100, 2}, {2, 2, 200, 3}}) == 2);
    CHECK(pick_winner({{1, 1, 100, 3}, {2, 2, 50, 3}}) == 2);
    CHECK(pick_winner({{1, 2, 100, 3}, {2, 1, 100, 3}}) == 2);
    CHECK(pick_winner({{1, 1, 100, 0}, {2, 2, 50, 0}}) == std::nullopt);
    CHECK(pick_winner({}) == std::nullopt);
}

TEST_CASE("a check-in nominates itself from auto_min_chars characters, counted as characters", "[bestshare][rules]") {
    CHECK(long_enough("一二三四五", 5));
    CHECK(!long_enough("一二三四", 5));
    CHECK(!long_enough("  一二三四  ", 5));
    CHECK(!long_enough("一二三四五六", 0));
}

TEST_CASE("week numbers read as #3, 3 or 第3期", "[bestshare][rules]") {
    CHECK(parse_number("#3") == 3);
    CHECK(parse_number("3") == 3);
    CHECK(parse_number("第12期") == 12);
    CHECK(parse_number("#0") == std::nullopt);
    CHECK(parse_number("abc") == std::nullopt);
    CHECK(parse_number("") == std::nullopt);
}

TEST_CASE("CSV cells are quoted and defused like the poll export", "[bestshare][rules]") {
    CHECK(csv_cell("plain") == "plain");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"\nbye") == "\"say \"\"hi\"\"\nbye\"");
    CHECK(csv_cell("=SUM(A1)") == "'=SUM(A1)");
    CHECK(csv_row({"1", "x,y"}) == "1,\"x,y\"\r\n");
}

TEST_CASE("the vote opens on the configured weekday and time, never with weekday 0", "[bestshare][rules]") {
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    auto monday = tz.from_local({2026, 3, 2}, 9, 0);
    CHECK(next_opening(7, 20 * 60, monday, tz) == tz.from_local({2026, 3, 8}, 20, 0));
    CHECK(next_opening(1, 8 * 60, monday, tz) == tz.from_local({2026, 3, 9}, 8, 0));
    CHECK(next_opening(0, 20 * 60, monday, tz) == std::nullopt);
}

TEST_CASE("the ring of recent messages keeps the newest per group and finds by id", "[bestshare][rules]") {
    message_ring ring(3);
    for (int i = 1; i <= 5; ++i) ring.add("g", {bot::id(i), bot::id("bob"), "bob", "m" + std::to_string(i)});
    ring.add("h", {bot::id(1), bot::id("carol"), "carol", "other group"});
    CHECK(ring.size("g") == 3);
    CHECK(!ring.find("g", bot::id(2)));
    CHECK(ring.find("g", bot::id(3))->text == "m3");
    CHECK(ring.find("h", bot::id(1))->text == "other group");
    ring.add("g", {bot::id(6), bot::id("bob"), "bob", "/提名"});
    CHECK(ring.last_of("g", bot::id("bob"))->text == "m5");
    CHECK(!ring.last_of("g", bot::id("dave")));
}
