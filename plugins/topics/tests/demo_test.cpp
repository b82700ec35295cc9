// plugins/topics/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of the topic bank.
#include <catch2/catch.hpp>

#include "plugins/topics/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows the topic bank at work", "[topics][demo]") {
    testing::sandbox box(topics_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "✅ 已加入话题库 #2（专业）：最近读到的好文章是什么？",
             "📚 话题库（3 个）\n【通用】\n#1 周末大家都去哪儿玩？（发过 0 次）\n【专业】\n#2",
             "📮 待审核的投稿（2 个）：\n#4（通用）养过最久的植物是什么？ —— bob\n#5（专业）",
             "话题内容不能为空。用法：/topic add [分类] 内容",
             "没有「生活」这个分类。本群的分类：通用、专业",
             "话题库里已经有这个话题了：#1 周末大家都去哪儿玩？",
             "没有编号为 #9 的话题。",
             "📮 bob 投稿了话题 #4（通用）：\n养过最久的植物是什么？",
             "✅ 已通过 #5，加入话题库（专业）：你入行的第一份工作是什么？",
             "🙅 已拒绝投稿 #4：养过最久的植物是什么？",
             "没有编号为 #4 的话题。",
             "💬 聊个话题（通用）：\n周末大家都去哪儿玩？\n⏰ 2026-03-02 12:00",
             "⏰ 2026-03-02 14:00（Asia/Shanghai）\n[读书会] #33 🤖 qunbot: 💬 "
             "聊个话题（专业）：\n最近读到的好文章是什么？\n⏰ 2026-03-02 15:00",
             "💬 聊个话题（专业）：\n你用什么工具记笔记？\n⏰ 2026-03-03 09:00",
             "🗑 已从话题库删除 #1：周末大家都去哪儿玩？",
         })
        CHECK(t.find(line) != std::string::npos);
}
