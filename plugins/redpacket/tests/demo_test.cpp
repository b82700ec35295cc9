// plugins/redpacket/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of owed red packets and lurker activation.
#include <catch2/catch.hpp>

#include "tests/support/sandbox.hpp"
#include "plugins/redpacket/tests/support.hpp"

TEST_CASE("the sandbox demo script shows owed red packets, the fund and lurkers", "[redpacket][demo]") {
    testing::sandbox box(redpacket_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "已设置 redpacket.owe_on_miss = true（仅本群）",
             "❌ 未打卡 1 人：carol",
             "记得给群里发一个 5.00 元的小红包哦～发了我会自动记下，明天继续加油！ @carol",
             "carol：1 个（03-03），共 5.00 元",
             "🧧 收到 carol 的红包 5.00 元，2026-03-03 的红包已记下，谢谢！",
             "🎉 目前没有人欠红包。",
             "[私聊 → alice] ",
             "以下 1 位成员已经 2 天以上没在群里说话：\ndave（2 天没说话）\n建议开场先发个红包",
             "🧧 分享会开始啦！好久没冒泡的小伙伴，快来一起聊聊吧～ @dave",
             "💰 群基金余额：5.00 元\n最近的记录：\n03-04 红包 +5.00 元 carol 2026-03-03 的红包",
         })
        CHECK(t.find(line) != std::string::npos);
}
