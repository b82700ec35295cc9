// A challenge judged by check-ins and the check-in plugin it depends on: the plugin cannot be
// switched off under it, and both roll calls at one close name the same members as missed.
#include <catch2/catch.hpp>

#include "plugins/deposit/tests/support.hpp"

using deposit_test::all;
using deposit_test::loaded;

namespace {

/// alice and bob enrolled and paid in a 7-day challenge from 2026-03-03.
void enrol(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5");
    for (auto name : {"alice", "bob"}) {
        chat.user(name).says("/challenge join");
        boss.says(std::string("/deposit paid @") + name);
    }
}

}  // namespace

TEST_CASE("switching check-ins off under a running challenge judged by them is refused, saying why",
          "[deposit][checkin]") {
    testing::fake_chat chat(deposit_test::quiet, loaded());
    enrol(chat);
    chat.clear();
    chat.user("boss").says("/plugin off checkin");
    CHECK(chat.last() ==
          "插件 checkin 没有停用：\n押金挑战「早起」按打卡判定，要进行到 2026-03-09：停用打卡后成员没法打卡，"
          "每天都会被判缺卡并扣押金。请在挑战结束后再停用（第一天判定之前也可以先用 /取消挑战）。");
    CHECK(chat.bot().plugin_enabled("checkin", deposit_test::group_key));
    chat.user("alice").says("打卡");
    CHECK(chat.replied("打卡成功"));
    // Other plugins switch as before.
    chat.user("boss").says("/plugin off deposit");
    CHECK(chat.last() == "已停用插件 deposit。");
}

TEST_CASE("the check-in roll call names as missed the challenge members the deposit close fines",
          "[deposit][checkin]") {
    testing::fake_chat chat("[plugins.checkin]\nremind = false\nabsent_days = 0\n", loaded());
    enrol(chat);
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");  // bob never checks in
    chat.clear();
    chat.advance_to("2026-03-04 00:00");
    INFO(all(chat));
    CHECK(chat.replied("📋 2026-03-03 打卡点名\n✅ 已打卡 1 人：alice\n🏖 请假 0 人：—\n❌ 未打卡 1 人：bob"));
    CHECK(chat.replied("缺卡 1 人。\n@bob 扣 5.00 元"));
}
