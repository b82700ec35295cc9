// plugins/digest/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of a day of questions, answers and the digest.
#include <catch2/catch.hpp>

#include "plugins/digest/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows the Q&A digest at work", "[digest][demo]") {
    testing::sandbox box(digest_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "#1 bob: 请问报销的发票抬头写什么？",
             "🔍 和「发票」有关的问答（1 条）：\n❓ #1 请问报销的发票抬头写什么？（2026-03-02）\n💡 alice：抬头写公司全称",
             "没有找到和「火星」有关的已回答问题。",
             "请写出要搜索的关键词，如 /faq 报销",
             "📚 今日问答精选（2026-03-02）\n2 个问题有了回答：\n\n❓ #1 bob：请问报销的发票抬头写什么？\n"
             "💡 alice（管理员）：抬头写公司全称，税号见群公告第三条；电子发票也可以\n"
             "💡 carol：写公司全称，税号在群公告里，别写简称\n\n❓ #2 carol：周末有人一起去爬山吗\n"
             "💡 dave：我去！几点集合\n\n🔍 往期问答：/faq 关键词",
             "📋 最近收集的问题（2 个）：\n#2 carol：周末有人一起去爬山吗（1 条回答）",
             "🗑 已删除问题 #2 和它的回答",
             "没有编号为 #9 的问题。",
             "设为精华",
             "📌 已把 2026-03-02 21:00 的问答精选设为精华消息。",
             "📚 今日问答精选（2026-03-03）\n1 个问题有了回答：\n\n❓ #3 dave：有没有推荐的 Python 入门书\n"
             "💡 bob：推荐《Python编程：从入门到实践》，配套练习很友好",
             "抱歉，你没有使用 /digest now 的权限。",
         })
        CHECK(t.find(line) != std::string::npos);
}
