// The end of a cycle: at the close of its last day the groups are formed anew (avoiding the
// partners just had), or the cycle ends; once, across a restart.
#include <catch2/catch.hpp>

#include "plugins/pairs/tests/support.hpp"

using pairs_test::count_containing;
using pairs_test::enrol;
using pairs_test::loaded;
using pairs_test::partners_of;
using pairs_test::quiet;

TEST_CASE("at the end of a cycle the groups are formed anew without last cycle's partners", "[pairs][cycle]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol", "dave"});
    boss.says("/pairs start 2 2");
    CHECK(chat.last().starts_with("👥 第 1 轮同桌分好啦（2026-03-02 至 2026-03-03）"));
    auto before = partners_of(chat, "alice").at(0);
    chat.user("alice").says("打卡");
    chat.user(before).says("打卡");
    chat.clear();
    chat.advance_to("2026-03-03 23:59");
    CHECK_FALSE(chat.replied("轮同桌/小组结束了"));
    chat.advance_to("2026-03-04 00:01");
    CHECK(chat.replied(
        "🏁 第 1 轮同桌/小组结束了，最好的一组连续 1 天全员打卡！\n👥 第 2 轮同桌分好啦（2026-03-04 至 2026-03-05）"));
    CHECK_FALSE(chat.replied("同组过"));
    auto after = partners_of(chat, "alice").at(0);
    CHECK(after != before);
    // The next cycle ends in its turn, once, even across a restart.
    chat.restart();
    chat.advance_to("2026-03-06 00:01");
    CHECK(count_containing(chat.sent_ever(), "👥 第 3 轮同桌分好啦（2026-03-06 至 2026-03-07）") == 1);
    chat.restart();
    chat.advance_to("2026-03-06 08:00");
    CHECK(count_containing(chat.sent_ever(), "轮同桌分好啦") == 0);
    chat.user("alice").says("/pairs list");
    CHECK(chat.last().starts_with("👥 第 3 轮同桌（2026-03-06 至 2026-03-07）：\n第 1 组："));
}

TEST_CASE("without auto_regroup the cycle just ends", "[pairs][cycle]") {
    testing::fake_chat chat(std::string(quiet) + "[plugins.pairs]\nauto_regroup = false\ncycle_days = 3\n", loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    CHECK(chat.last().starts_with("👥 第 1 轮同桌分好啦（2026-03-02 至 2026-03-04）"));
    chat.advance_to("2026-03-05 00:01");
    CHECK(chat.replied(
        "🏁 第 1 轮同桌/小组结束了，最好的一组连续 0 天全员打卡！\n管理员发「/pairs start」开始新的一轮。"));
    chat.user("alice").says("/pairs list");
    CHECK(chat.last() == "本群现在没有进行中的分组，已有 2 人报名。");
}

TEST_CASE("a cycle ended early by an admin does not end again later", "[pairs][cycle]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start 2 2");
    boss.says("/pairs end");
    chat.clear();
    chat.advance_to("2026-03-05 00:01");
    CHECK_FALSE(chat.replied("结束了"));
    CHECK_FALSE(chat.replied("分好啦"));
}

TEST_CASE("when only one member is left at the end no new cycle starts", "[pairs][cycle]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol"});
    boss.says("/pairs start 2 1");
    chat.user("bob").says("/pairs leave");
    chat.user("carol").says("/pairs leave");
    CHECK(chat.last().find("本轮分组到此结束") != std::string::npos);
    chat.clear();
    chat.advance_to("2026-03-03 00:01");
    CHECK_FALSE(chat.replied("分好啦"));
}
