// With the check-in plugin on, check-ins count: a member who checked in is a contributor that day,
// and /stats shows the check-ins and their rate.
#include <catch2/catch.hpp>

#include "plugins/stats/tests/support.hpp"

TEST_CASE("check-ins make contributors and show their rate", "[stats][checkin]") {
    testing::fake_chat chat("[plugins.checkin]\nremind = false\nroll_call = false\n", stats_test::with_checkin());
    auto boss = chat.user("boss").is(bot::role::admin);
    chat.user("alice").is(bot::role::member).says("打卡 读书 30 分钟");
    chat.user("bob").is(bot::role::member).says("早");
    boss.says("/stats 今天");
    auto t = chat.last();
    INFO(t);
    CHECK(t.find("⭐ 贡献者 1 人 / 群成员 3 人（33.3%）") != std::string::npos);
    CHECK(t.find("✅ 打卡 1 人次 · 打卡率 33.3% ↑新") != std::string::npos);
    boss.says("/plugin off checkin");
    boss.says("/stats 今天");
    CHECK(chat.last().find("✅ 打卡数据不可用") != std::string::npos);
}
