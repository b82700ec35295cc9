// The bank through the chat: admins add, list and remove; members suggest and admins decide. Every
// bad input gets its own reply and changes nothing; everything survives a restart.
#include <catch2/catch.hpp>

#include "plugins/topics/tests/support.hpp"

using topics_test::loaded;
using topics_test::stocked;

TEST_CASE("admins add topics by category and everyone lists them", "[topics][bank]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/topic add 周末大家都去哪儿玩？");
    CHECK(chat.last() == "✅ 已加入话题库 #1（通用）：周末大家都去哪儿玩？");
    boss.says("/话题 添加 专业 最近读到的好文章是什么？");
    CHECK(chat.last() == "✅ 已加入话题库 #2（专业）：最近读到的好文章是什么？");
    boss.says("/topic add 【专业】 你用什么工具记笔记？");
    CHECK(chat.last() == "✅ 已加入话题库 #3（专业）：你用什么工具记笔记？");
    chat.user("alice").says("/topic list");
    CHECK(chat.last() ==
          "📚 话题库（3 个）\n【通用】\n#1 周末大家都去哪儿玩？（发过 0 次）\n"
          "【专业】\n#2 最近读到的好文章是什么？（发过 0 次）\n#3 你用什么工具记笔记？（发过 0 次）");
    chat.user("alice").says("/话题 列表 通用");
    CHECK(chat.last() == "📚 话题库（1 个）\n【通用】\n#1 周末大家都去哪儿玩？（发过 0 次）");
    // A member may not add; the bank is unchanged.
    chat.user("alice").says("/topic add 我也想加一个");
    CHECK_FALSE(chat.last().starts_with("✅"));
    chat.user("alice").says("/topic list");
    CHECK(chat.last().starts_with("📚 话题库（3 个）"));
}

TEST_CASE("bad input to the bank gets a clear reply and changes nothing", "[topics][bank]") {
    testing::fake_chat chat("", loaded());
    auto boss = stocked(chat);
    boss.says("/topic add");
    CHECK(chat.last() == "话题内容不能为空。用法：/topic add [分类] 内容");
    boss.says("/topic add 专业");
    CHECK(chat.last() == "话题内容不能为空。用法：/topic add [分类] 内容");
    boss.says("/topic add [生活] 周末去哪儿");
    CHECK(chat.last() == "没有「生活」这个分类。本群的分类：通用、专业");
    boss.says("/topic list 生活");
    CHECK(chat.last() == "没有「生活」这个分类。本群的分类：通用、专业");
    // The same topic again, with other spacing, case and punctuation, in another category.
    boss.says("/topic add 专业   周末大家都去哪儿玩？？");
    CHECK(chat.last() == "话题库里已经有这个话题了：#1 周末大家都去哪儿玩？");
    boss.says("/topic add " + std::string(201 * 3, 'x').replace(0, 603, std::string(201, 'x')));
    CHECK(chat.last() == "话题太长了（201 字），最多 200 字。");
    boss.says("/topic remove #9");
    CHECK(chat.last() == "没有编号为 #9 的话题。");
    boss.says("/topic remove 第一个");
    CHECK(chat.last() == "请写出话题编号，如 /topic remove #3（编号见 /topic list）。");
    boss.says("/topic remove");
    CHECK(chat.last() == "请写出话题编号，如 /topic remove #3（编号见 /topic list）。");
    chat.user("alice").says("/topic list");
    CHECK(chat.last().starts_with("📚 话题库（3 个）"));

    boss.says("/topic remove #1");
    CHECK(chat.last() == "🗑 已从话题库删除 #1：周末大家都去哪儿玩？");
    boss.says("/话题 删除 #1");
    CHECK(chat.last() == "没有编号为 #1 的话题。");
    chat.user("alice").says("/topic list");
    CHECK(chat.last().starts_with("📚 话题库（2 个）"));
    // Removed, it may be added again, under a new number.
    boss.says("/topic add 周末大家都去哪儿玩？");
    CHECK(chat.last() == "✅ 已加入话题库 #4（通用）：周末大家都去哪儿玩？");
}

TEST_CASE("members suggest, admins are told and approve or reject", "[topics][suggest]") {
    testing::fake_chat chat("", loaded());
    auto boss = stocked(chat);
    chat.user("alice").card("Alice\u202E").says("/topic suggest 专业 你入行的第一份工作是什么？");
    CHECK(chat.replied("📮 谢谢！话题 #4（专业）已提交，等管理员审核。"));
    CHECK(
        chat.replied("📮 Alice 投稿了话题 #4（专业）：\n你入行的第一份工作是什么？\n通过：/topic approve "
                     "#4　拒绝：/topic reject #4"));
    chat.user("bob").says("/话题 投稿 养过最久的植物是什么？");
    chat.user("carol").says("/topic suggest 养过最久的植物是什么");
    CHECK(chat.last() == "这个话题已经有人投稿，正在等审核：#5 养过最久的植物是什么？");
    chat.user("carol").says("/topic suggest");
    CHECK(chat.last() == "话题内容不能为空。用法：/topic suggest [分类] 内容");
    boss.says("/topic pending");
    CHECK(chat.last() ==
          "📮 待审核的投稿（2 个）：\n#4（专业）你入行的第一份工作是什么？ —— Alice\n"
          "#5（通用）养过最久的植物是什么？ —— bob");
    // Pending is not in the bank: it is neither listed, removed nor posted.
    boss.says("/topic remove #4");
    CHECK(chat.last() == "#4 还在等审核，不在话题库里；不要它请用 /topic reject #4。");
    boss.says("/topic approve #4");
    CHECK(chat.last() == "✅ 已通过 #4，加入话题库（专业）：你入行的第一份工作是什么？");
    boss.says("/topic approve #4");
    CHECK(chat.last() == "#4 不是待审核的投稿（已经在话题库里了）。");
    boss.says("/topic approve #2");
    CHECK(chat.last() == "#2 不是待审核的投稿（已经在话题库里了）。");
    boss.says("/话题 拒绝 #5");
    CHECK(chat.last() == "🙅 已拒绝投稿 #5：养过最久的植物是什么？");
    boss.says("/topic reject #5");
    CHECK(chat.last() == "没有编号为 #5 的话题。");
    boss.says("/topic approve 5号");
    CHECK(chat.last() == "请写出投稿编号，如 /topic approve #3（编号见 /topic pending）。");
    boss.says("/topic pending");
    CHECK(chat.last() == "没有待审核的话题投稿。");
    chat.user("alice").says("/topic list 专业");
    CHECK(chat.last() ==
          "📚 话题库（2 个）\n【专业】\n#2 最近读到的好文章是什么？（发过 0 次）\n"
          "#4 你入行的第一份工作是什么？（发过 0 次）");
    // Members may not decide.
    chat.user("alice").says("/topic suggest 第三个");
    chat.user("alice").says("/topic approve #6");
    chat.user("boss").says("/topic pending");
    CHECK(chat.last().starts_with("📮 待审核的投稿（1 个）"));
}

TEST_CASE("a member has at most five suggestions waiting", "[topics][suggest]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin);
    for (int i = 1; i <= 5; ++i) chat.user("alice").says("/topic suggest 话题 " + std::to_string(i));
    chat.user("alice").says("/topic suggest 话题 6");
    CHECK(chat.last() == "你已经有 5 个投稿在等审核了，等管理员处理后再投吧。");
    chat.user("boss").says("/topic pending");
    CHECK(chat.last().starts_with("📮 待审核的投稿（5 个）"));
}

TEST_CASE("the bank and the suggestions survive a restart", "[topics][bank]") {
    testing::fake_chat chat("", loaded());
    auto boss = stocked(chat);
    chat.user("alice").says("/topic suggest 你的晨间习惯？");
    boss.says("/topic remove #3");
    chat.restart();
    chat.user("alice").says("/topic list");
    CHECK(chat.last() ==
          "📚 话题库（2 个）\n【通用】\n#1 周末大家都去哪儿玩？（发过 0 次）\n"
          "【专业】\n#2 最近读到的好文章是什么？（发过 0 次）");
    chat.user("boss").says("/topic approve #4");
    CHECK(chat.last() == "✅ 已通过 #4，加入话题库（通用）：你的晨间习惯？");
    chat.user("boss").says("/topic add 新话题");
    CHECK(chat.last() == "✅ 已加入话题库 #5（通用）：新话题");
}

TEST_CASE("/topic now posts the next topic on demand, admins only", "[topics][now]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/topic now");
    CHECK(chat.last() == "话题库是空的，先用 /topic add 加几个话题吧。");
    stocked(chat);
    boss.says("/topic now");
    CHECK(chat.last() == "💬 聊个话题（通用）：\n周末大家都去哪儿玩？");
    boss.says("/话题 现在");
    CHECK(chat.last() == "💬 聊个话题（专业）：\n最近读到的好文章是什么？");
    chat.user("alice").says("/topic now");
    CHECK_FALSE(chat.last().starts_with("💬"));
    boss.says("/topic now");
    CHECK(chat.last() == "💬 聊个话题（通用）：\n最想学的一项新技能？");
    // The bank has cycled: a new round, starting with another category than the last post's.
    boss.says("/topic now");
    CHECK(chat.last() == "💬 聊个话题（专业）：\n最近读到的好文章是什么？");
    boss.says("/topic list");
    CHECK(chat.replied("#2 最近读到的好文章是什么？（发过 2 次）"));
    CHECK(chat.replied("#1 周末大家都去哪儿玩？（发过 1 次）"));
}

TEST_CASE("/topic alone or with an unknown word shows what the bank can do", "[topics][bank]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("/topic");
    CHECK(chat.last().starts_with("💬 话题库：群里安静久了"));
    chat.user("alice").says("/话题 随便");
    CHECK(chat.last().starts_with("💬 话题库：群里安静久了"));
    CHECK(chat.last().find("/topic suggest [分类] 内容") != std::string::npos);
}
