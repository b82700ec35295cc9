// plugins/checkin/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of a check-in week.
#include <catch2/catch.hpp>

#include "tests/support/sandbox.hpp"
#include "plugins/checkin/tests/support.hpp"

TEST_CASE("the sandbox demo script shows a check-in week", "[checkin][demo]") {
    testing::sandbox box(checkin_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "✅ 打卡成功！bob 今日第 1 位，已连续 1 天，累计 1 天。",
             "📝 今天已经打过卡啦，这次的输出已追加。",
             "🏖 已为你请假 2 天（2026-03-02 至 2026-03-03）",
             "✅ 打卡成功！bob 今日第 1 位，已连续 2 天，累计 2 天。",
             "⏰ 今天还没打卡的小伙伴（1 人），00:00 前记得打卡哦～ @carol",
             "📋 2026-03-03 打卡点名\n✅ 已打卡 1 人：bob\n🏖 请假 1 人：dave\n❌ 未打卡 1 人：carol",
             "🔁 已补卡 2026-03-03。连续 2 天，累计 2 天。本月已补卡 1/2 次。",
             "✅ 打卡成功！carol 今日第 1 位，已连续 3 天，累计 3 天。",
             "✅ 🔁 ✅ · · · ·",
             "1. carol 连续 3 天\n2. bob 连续 2 天",
             "📊 2026-03-04 打卡情况：已打卡 1 人，请假 0 人，未打卡 2 人",
         })
        CHECK(t.find(line) != std::string::npos);
}
