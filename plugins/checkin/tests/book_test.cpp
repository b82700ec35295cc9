#include <catch2/catch.hpp>

#include "plugins/checkin/checkin_book.hpp"

TEST_CASE("the book reads an empty group as all missed", "[checkin][book]") {
    storage::database db(":memory:");
    plugins::checkin::book b(db);
    auto day = bot::civil_date{2026, 3, 2};
    CHECK(b.mark("test:g1", bot::id("alice"), day) == plugins::checkin::day_mark::missed);
    CHECK(b.done_on("test:g1", day).empty());
    CHECK(b.roster("test:g1").empty());
}
