// plugins/welcome/demo.txt, played line by line through the console sandbox: the transcript a
// user sees with `qunbot --script` must hold the ritual's key lines.
#include <catch2/catch.hpp>

#include "plugins/welcome/tests/helpers.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows the whole ritual", "[welcome][demo]") {
    testing::sandbox box(welcome_test::plugin());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "✅ 已添加第 4 条群规：分享请注明来源｜尊重原作者",
             "🎉 欢迎 @dave、@erin 加入本群！",
             "4. 分享请注明来源——尊重原作者，也方便大家深入阅读",
             "职位：\n行业：\n擅长：\n诉求：\n爱好：",
             "✅ 已登记 @dave 的自我介绍",
             "@erin (1/5) 你的职位是？",
             "✅ 自我介绍登记好了：\n职位：UI 设计师\n行业：互联网\n擅长：插画、品牌设计\n诉求：想认识做产品的朋友",
             "🔎 「设计」找到 2 位成员：",
             "✅ 已更新 擅长：写作、演讲",
             "禁言了 frank 5m",
             "🔐 @frank 入群验证：请在 5 分钟内回答：本群每周共读几本书？",
             "❌ 答案不对，还可以再试 2 次。",
             "✅ @frank 验证通过！",
             "解除了 frank 的禁言",
             "同意了申请",
             "拒绝了申请",
             "📨 ivy 申请加入本群：「你好」",
             "3. ivy：「你好」",
             "✅ 已同意 ivy 的入群申请。",
             "👋 carol 离开了本群",
             "近 7 天：入群 3，退群 1（其中被移出 0）",
             "👋 @frank 还没有做自我介绍哦",
             "📋 以下新成员入群 24 小时仍未登记自我介绍：frank",
         }) {
        INFO(line);
        CHECK(t.find(line) != std::string::npos);
    }
}
