// plugins/pairs/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of a cycle of study pairs.
#include <catch2/catch.hpp>

#include "plugins/pairs/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows a cycle of study pairs", "[pairs][demo]") {
    testing::sandbox box(pairs_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "参加分组的只有 1 人，至少要 2 人才能分组，没有改动。",
             "每组人数要在 2 到 20 之间（收到 1），没有开始分组。",
             "👥 第 1 轮同桌分好啦（2026-03-02 至 2026-03-08）：\n第 1 组：carol、dave\n第 2 组：bob、erin\n第 3 "
             "组：frank、gina",
             "👥 你的同桌（第 2 组，本轮到 2026-03-08）：\nerin：⏳ 今天还没打卡",
             "carol：✅ 今天已打卡\n🔥 你们已连续 1 天都打卡（本轮最佳 1 天）",
             "[私聊 → bob] #32 🤖 qunbot: 👋 你的同伴 erin 2026-03-02 "
             "没有打卡，去鼓励一下吧，今天一起加油！",
             "1. 第 1 组 carol、dave：连续 1 天（最佳 1 天）",
             "👥 erin 离开了小组，bob 并入第 1 组：carol、dave、bob。",
             "👥 第 2 轮同桌分好啦（2026-03-03 至 2026-03-09）：",
             "（人数有限，有 1 对同伴最近几轮同组过。）",
             "🏁 第 2 轮分组已结束。",
         })
        CHECK(t.find(line) != std::string::npos);
}
