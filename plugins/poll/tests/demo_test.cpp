// plugins/poll/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of a poll and a survey.
#include <catch2/catch.hpp>

#include "plugins/poll/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows polls and a survey", "[poll][demo]") {
    testing::sandbox box({{"poll", &plugins::poll::register_plugin}});
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "📊 投票 #1：周五聚餐吃什么\n1. 火锅\n2. 烧烤\n3. 日料\n（单选·实名，03-02 11:00 截止）",
             "🔁 bob 改投 #1：1. 火锅（原来是 2. 烧烤）",
             "投票 #1 只有 3 个选项，请写 1 到 3 的编号。",
             "投票 #1 是单选，只能选一个。",
             "✅ 收到 bob 的匿名投票（#2）",
             "#2 下次分享想听什么（多选·匿名，2 人已投，03-03 09:00 截止）",
             "1. C++ 协程 ██████████ 2\n2. Rust 0\n3. 数据库 █████ 1\n共 2 人投票（多选·匿名，03-03 09:00 截止）",
             "📊 投票 #1 结果：周五聚餐吃什么\n1. 火锅 ██████████ 2\n   bob、carol\n2. 烧烤 0\n3. 日料 0\n共 2 "
             "人投票（单选·实名，已截止）",
             "🤖 qunbot: 🗒 调研 #1「群需求调研」第 1/2 "
             "题：\n你最想在群里学到什么？\n（直接回复这条私聊就是回答，一次答一题）",
             "[私聊 → bob]",
             "✅ 第 1/2 题已记下。\n🗒 调研 #1「群需求调研」第 2/2 题：\n每周几晚上有空？",
             "你已经答完调研 #1「群需求调研」了，谢谢！",
             "📈 调研 #1「群需求调研」：答完 2/3 人，答了一部分 0 人（03-04 11:00 截止）\n还没答完：alice",
             "Q1. 你最想在群里学到什么？（2 人回答）\n  · bob：多一些实战分享\n  · carol：面试经验",
             "成员,用户ID,状态,你最想在群里学到什么？,每周几晚上有空？\nalice,alice,未答,,\nbob,bob,答完,"
             "多一些实战分享,周三",
             "📊 投票 #2 结果：下次分享想听什么",
             "🗒 调研 #1「群需求调研」已截止：2/3 人答完。",
         })
        CHECK(t.find(line) != std::string::npos);
}
