// The console panel ("members"): birthdays this month and next, month and day only, with a
// confirmed remove action that runs /birthday forget as the viewer.
#include <catch2/catch.hpp>

#include "plugins/birthday/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using birthday_test::loaded;

TEST_CASE("the panel lists this month's and next month's birthdays without years", "[birthday][panel]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 1990-03-14");
    chat.user("carol").says("/birthday 04-01");
    chat.user("carol").says("/birthday quiet");
    chat.user("dave").says("/birthday 05-20");
    auto const& def = panel_test::definition(chat, "birthday", "birthdays");
    CHECK(def.section == "members");
    auto page = panel_test::draw(chat, "birthday", "birthdays");
    auto const& march = panel_test::block<bot::panel::table>(page, "3 月生日");
    CHECK(panel_test::row(march, "bob").cells == std::vector<std::string>{"bob", "3月14日", "公开"});
    auto const& april = panel_test::block<bot::panel::table>(page, "4 月生日");
    CHECK(panel_test::row(april, "carol").cells == std::vector<std::string>{"carol", "4月1日", "不公开"});
    CHECK_FALSE(panel_test::shows(page, "dave"));
    CHECK_FALSE(panel_test::shows(page, "1990"));
}

TEST_CASE("the panel's remove action asks first and forgets the birthday", "[birthday][panel]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 03-14");
    auto page = panel_test::draw(chat, "birthday", "birthdays");
    auto const& r = panel_test::row(panel_test::block<bot::panel::table>(page, "3 月生日"), "bob");
    REQUIRE(r.actions.size() == 1);
    CHECK(r.actions[0].confirm);
    CHECK(panel_test::mentions(r.actions[0]) == std::vector<std::string>{"bob"});
    auto replies = panel_test::press(chat, r.actions[0]);
    CHECK(panel_test::any_has(replies, "已删除 bob 在本群登记的生日。"));
    auto after = panel_test::draw(chat, "birthday", "birthdays");
    CHECK(panel_test::block<bot::panel::table>(after, "3 月生日").rows.empty());
}

TEST_CASE("in December the panel shows December and January", "[birthday][panel]") {
    testing::fake_chat chat("", loaded(), "2026-12-10 09:00");
    chat.user("bob").says("/birthday 01-05");
    auto page = panel_test::draw(chat, "birthday", "birthdays");
    CHECK(panel_test::has_heading(page, "12 月生日"));
    CHECK(panel_test::row(panel_test::block<bot::panel::table>(page, "1 月生日"), "bob").cells[1] == "1月5日");
}
