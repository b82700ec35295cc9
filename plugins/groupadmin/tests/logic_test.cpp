// The plain rules: the night window, its last boundary through DST, and member text for cards.
#include <catch2/catch.hpp>

#include "plugins/groupadmin/groupadmin.hpp"

using namespace plugins::groupadmin;

TEST_CASE("a night window may run over midnight", "[groupadmin][logic]") {
    night_window over{23 * 60, 7 * 60};
    CHECK(inside(over, 23 * 60));
    CHECK(inside(over, 2 * 60));
    CHECK_FALSE(inside(over, 7 * 60));
    CHECK_FALSE(inside(over, 12 * 60));
    night_window day{13 * 60, 14 * 60};
    CHECK(inside(day, 13 * 60 + 30));
    CHECK_FALSE(inside(day, 14 * 60));
    CHECK_FALSE(inside(night_window{600, 600}, 600));
}

TEST_CASE("the last boundary is found through the zone, DST included", "[groupadmin][logic]") {
    auto tz = bot::time_zone::must_load("Europe/Berlin");
    night_window w{1 * 60, 4 * 60};
    // 2026-03-29 03:30 local is after the spring-forward gap; the night began at 01:00 (UTC+1).
    auto now = tz.from_local({2026, 3, 29}, 3, 30);
    auto b = last_boundary(w, now, tz);
    REQUIRE(b);
    CHECK(b->starts);
    CHECK(b->at == tz.from_local({2026, 3, 29}, 1, 0));
    CHECK(now - b->at == std::chrono::minutes(90));
    auto later = last_boundary(w, tz.from_local({2026, 3, 29}, 12, 0), tz);
    REQUIRE(later);
    CHECK_FALSE(later->starts);
    auto morning = last_boundary(night_window{23 * 60, 7 * 60}, tz.from_local({2026, 3, 30}, 2, 0), tz);
    REQUIRE(morning);
    CHECK(morning->at == tz.from_local({2026, 3, 29}, 23, 0));
}

TEST_CASE("member text for a card is printable, on one line and capped at a character boundary",
          "[groupadmin][logic]") {
    bool cut = false;
    CHECK(member_value("  小明\n设计\u202e\x07 ", 60, &cut) == "小明 设计");
    CHECK_FALSE(cut);
    CHECK(member_value("一二三四五六七", 18, &cut) == "一二三四五六");
    CHECK(cut);
    CHECK(member_value("一二三", 4, &cut) == "一");
    CHECK(parse_switch("关") == false);
    CHECK(parse_switch("ON") == true);
    CHECK_FALSE(parse_switch("明天").has_value());
    CHECK(zh_left(3 * 3600 + 5 * 60) == "3 小时 5 分钟");
}
