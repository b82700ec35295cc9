#include <catch2/catch.hpp>

#include "bot/suggest.hpp"

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[suggest]") {
    CHECK(bot::edit_distance("", "abc") == 3);
    CHECK(bot::edit_distance("timezon", "timezone") == 1);
    CHECK(bot::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("nearest puts typos first, then keys holding the typed part, and nothing far", "[suggest]") {
    std::vector<std::string> keys{"welcome.verify_ask", "welcome.welcome", "core.help", "core.help_unknown",
                                  "checkin.done"};
    CHECK(bot::nearest("core.hlep", keys) == std::vector<std::string>{"core.help"});
    CHECK(bot::nearest("core.help_unknwn", keys).front() == "core.help_unknown");
    CHECK(bot::nearest("verify_ask", keys) == std::vector<std::string>{"welcome.verify_ask"});
    CHECK(bot::nearest("CORE.HELP", keys).front() == "core.help");
    CHECK(bot::nearest("nosuch.key", keys).empty());
    CHECK(bot::nearest("", keys).empty());
}
