// /mypartner and the board: partners' check-ins today, and a group's streak of whole days.
#include <catch2/catch.hpp>

#include "plugins/pairs/tests/support.hpp"

using pairs_test::enrol;
using pairs_test::loaded;
using pairs_test::partners_of;
using pairs_test::quiet;
using pairs_test::whispers_to;

TEST_CASE("a member sees their partner's check-in today and the pair's streak", "[pairs][partners]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    chat.user("alice").says("/我的同桌");
    CHECK(chat.last() ==
          "👥 你的同桌（第 1 组，本轮到 2026-03-08）：\nbob：⏳ 今天还没打卡\n🔥 你们已连续 0 天都打卡（本轮最佳 0 天）");
    chat.user("bob").says("打卡 第一章");
    chat.user("alice").says("/mypartner");
    CHECK(chat.last().find("bob：✅ 今天已打卡\n🔥 你们已连续 0 天") != std::string::npos);
    chat.user("alice").says("打卡");
    chat.user("bob").says("/mypartner");
    CHECK(chat.last().find("alice：✅ 今天已打卡\n🔥 你们已连续 1 天都打卡（本轮最佳 1 天）") != std::string::npos);
    // Tuesday: alice is on leave, which keeps the streak; bob has not checked in yet.
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("/请假");
    chat.user("bob").says("/mypartner");
    CHECK(chat.last().find("alice：🏖 今天请假\n🔥 你们已连续 1 天") != std::string::npos);
    chat.user("bob").says("打卡");
    chat.user("alice").says("/mypartner");
    CHECK(chat.last().find("🔥 你们已连续 2 天都打卡（本轮最佳 2 天）") != std::string::npos);
    // Wednesday nobody checks in; on Thursday the run is broken, the best stays.
    chat.advance_to("2026-03-05 09:00");
    chat.user("alice").says("/mypartner");
    CHECK(chat.last().find("🔥 你们已连续 0 天都打卡（本轮最佳 2 天）") != std::string::npos);
}

TEST_CASE("a group of three shows both partners", "[pairs][partners]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol"});
    boss.says("/pairs start");
    chat.user("carol").says("打卡");
    chat.user("alice").says("/mypartner");
    CHECK(chat.last() ==
          "👥 你的小组（第 1 组，本轮到 2026-03-08）：\nbob：⏳ 今天还没打卡\ncarol：✅ 今天已打卡\n"
          "🔥 全组已连续 0 天都打卡（本轮最佳 0 天）");
}

TEST_CASE("the board ranks groups by their current streak", "[pairs][partners]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol", "dave"});
    boss.says("/pairs start");
    auto partner = partners_of(chat, "alice").at(0);
    for (auto const* who : {"alice", "bob", "carol", "dave"}) chat.user(who).says("打卡");
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
    chat.user(partner).says("打卡");
    chat.advance_to("2026-03-04 09:00");
    chat.user("alice").says("/小组榜");
    auto text = chat.last();
    INFO(text);
    CHECK(text.starts_with("🏆 小组连续打卡榜（第 1 轮）：\n1. 第 "));
    auto first = text.substr(text.find("1. "), text.find("\n2. ") - text.find("1. "));
    CHECK(first.find("alice") != std::string::npos);
    CHECK(first.ends_with("：连续 2 天（最佳 2 天）"));
    CHECK(text.find("：连续 0 天（最佳 1 天）") != std::string::npos);
}

TEST_CASE("a member joining during a cycle does not break the streak of the days before", "[pairs][partners]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.user("carol").says("/pairs join");
    REQUIRE(chat.last() == "✅ 报名成功！本轮正在进行，你加入了第 1 组，同伴：alice、bob。");
    chat.user("alice").says("/mypartner");
    CHECK(chat.last().find("carol：⏳ 今天还没打卡\n🔥 全组已连续 1 天都打卡（本轮最佳 1 天）") != std::string::npos);
    chat.advance_to("2026-03-04 00:01");
    // Tuesday counts for carol: she missed it, so alice and bob hear of her.
    CHECK(whispers_to(chat, "alice") ==
          std::vector<std::string>{"👋 你的同伴 carol 2026-03-03 没有打卡，去鼓励一下吧，今天一起加油！"});
}
