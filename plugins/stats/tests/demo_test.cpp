// plugins/stats/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of two weeks of group health.
#include <catch2/catch.hpp>

#include "plugins/stats/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows the group's health", "[stats][demo]") {
    testing::sandbox box(stats_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "还没有近 7 天的统计数据",
             "没看懂范围「半年」",
             "📊 今天的群况（2026-03-02）",
             "❓ 提问 2 个 · 已回答 2 个（100%）",
             "[私聊 → alice] #15 🤖 qunbot: 📈 群「读书会」的每周群况",
             "📊 近 7 天群况（2026-03-03 至 2026-03-09）",
             "😶 变沉默的成员",
             "🗣 近 7 天话唠榜\n1. bob",
             "不再出现在本群的话唠榜上",
         })
        CHECK(t.find(line) != std::string::npos);
}
