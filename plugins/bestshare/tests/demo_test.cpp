// plugins/bestshare/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of a best-share week.
#include <catch2/catch.hpp>

#include "plugins/bestshare/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows a best-share week", "[bestshare][demo]") {
    testing::sandbox box(bestshare_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "🌟 已提名：\n#2 carol：「分享一个番茄钟用法",
             "#3 carol：「周三分享会讲的复盘三问：做了什么、学到什么、下次怎么做」（alice 提名）",
             "👌 carol 的这条分享已经被提名过了。",
             "🙈 不能提名自己的分享，请让群友来提名你吧。",
             "#1 bob：「今天读完了《原则》第三章",
             "（打卡自动提名）",
             "❌ 奖励 50.00 元超过了群基金余额 5.00 元，没有修改。",
             "✅ 本群最佳分享奖励改为 3.00 元（群基金余额 5.00 元）。",
             "🏆 第 1 期「本周最佳分享」投票开始！",
             "🙈 不能投给自己的分享哦。",
             "🗳️ 已投给 #2 carol，03-09 20:00 揭晓。",
             "🏆 第 1 期「本周最佳分享」揭晓：恭喜 carol！",
             "🎁 奖励 3.00 元已从群基金划出（群基金余额 2.00 元）",
             "⌛ 投票已于 03-09 20:00 截止，下期再投吧。",
             "奖励 -3.00 元 第1期最佳分享 carol",
             "✅ 已记下：第 1 期最佳分享的奖励 3.00 元已发给 carol。",
             "👌 第 1 期的奖励已经记为发放过了，没有再记。",
             "📚 最佳分享存档（3 条）已私信发给你。",
             "🏆 上期最佳：第 1 期 carol",
         })
        CHECK(t.find(line) != std::string::npos);
    CHECK(box.core().ledger().verify().ok());
}
