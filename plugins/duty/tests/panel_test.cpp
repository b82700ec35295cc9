// The console panel ("moderation"): who is on duty now and next, the roster with its actions, and
// this week's KPI; an empty roster says how to start one.
#include <catch2/catch.hpp>

#include "plugins/duty/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using namespace duty_test;
using panel_test::block;
using panel_test::draw;
using panel_test::fact;
namespace panel = bot::panel;
using cells = std::vector<std::string>;

TEST_CASE("the duty panel is on the moderation page", "[duty][panel]") {
    duty_chat chat;
    CHECK(panel_test::definition(chat, "duty", "duty").section == "moderation");
    CHECK(panel_test::definition(chat, "duty", "duty").title == "值班");
    auto page = draw(chat, "duty", "duty");
    CHECK(fact(block<panel::facts>(page), "现在值班") == "无人（03-01 09:00 至 03-02 09:00）");
    CHECK(block<panel::table>(page, "值班名单").rows.empty());
    CHECK_THAT(block<panel::table>(page, "值班名单").empty, Catch::Contains("/duty add"));
}

TEST_CASE("the duty panel shows the roster, who is on now and this week's KPI", "[duty][panel]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.admin("/duty add @bob");
    auto q = chat.user("carol").says("请问几点开始？");
    chat.user("alice").says(bot::message().reply_to(q).text("八点"));
    chat.advance_to("2026-03-03 10:00");
    chat.user("dave").says("好的");

    auto page = draw(chat, "duty", "duty");
    auto const& facts = block<panel::facts>(page);
    CHECK(fact(facts, "现在值班") == "bob（03-03 09:00 至 03-04 09:00）");
    CHECK(fact(facts, "下一班") == "alice（03-04 09:00 起）");
    CHECK(fact(facts, "轮换") == "每天换班");
    auto const& roster = block<panel::table>(page, "值班名单");
    REQUIRE(roster.rows.size() == 2);
    CHECK(roster.rows[0].cells == cells{"1", "alice", "03-04 09:00"});
    CHECK(roster.rows[1].cells == cells{"2", "bob", "值班中，到 03-04 09:00"});
    REQUIRE(roster.rows[1].actions.size() == 2);
    CHECK(panel_test::mentioned(roster.rows[1].actions[1]) == std::vector<bot::id>{bot::id("bob")});
    CHECK(roster.rows[1].actions[1].confirm);

    auto const& kpi = block<panel::table>(page, "本周值班统计（2026-03-02 起）");
    REQUIRE(kpi.rows.size() == 2);
    CHECK(kpi.rows[0].cells == cells{"2026-03-02", "alice", "1", "0", "3", "3"});
    CHECK(kpi.rows[1].cells == cells{"2026-03-03", "bob", "0", "0", "1", "1"});
}
