// The console panel: the running cycle and its groups with today's check-ins and streaks.
#include <catch2/catch.hpp>

#include "plugins/pairs/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using panel_test::block;
using panel_test::fact;
using panel_test::row;
namespace panel = bot::panel;

TEST_CASE("the pairs panel shows the cycle's groups and their streaks", "[pairs][panel]") {
    testing::fake_chat chat(pairs_test::quiet, pairs_test::loaded());
    auto const& d = panel_test::definition(chat, "pairs", "pairs");
    CHECK(d.title == "同桌与小组");
    CHECK(d.section == "checkins");
    auto boss = pairs_test::enrol(chat, {"alice", "bob", "carol"});
    auto page = panel_test::draw(chat, "pairs", "pairs");
    CHECK(block<panel::paragraph>(page, "本轮").text.starts_with("没有进行中的分组。3 人参加分组"));
    boss.says("/pairs start 3");
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.user("carol").says("/请假");
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
    page = panel_test::draw(chat, "pairs", "pairs");
    auto const& f = block<panel::facts>(page, "本轮");
    CHECK(fact(f, "轮次") == "第 1 轮");
    CHECK(fact(f, "日期") == "2026-03-02 至 2026-03-08");
    CHECK(fact(f, "已分组") == "3 人，1 组");
    CHECK(fact(f, "报名方式") == "/pairs join 报名");
    auto const& r = row(block<panel::table>(page, "各组"), "第 1 组");
    CHECK(r.cells == std::vector<std::string>{"第 1 组", "alice、bob、carol", "1/3 已打卡", "1 天", "1 天"});
}
