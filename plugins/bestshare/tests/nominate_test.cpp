#include <catch2/catch.hpp>

#include "plugins/bestshare/tests/support.hpp"

using namespace bestshare_test;

TEST_CASE("replying /提名 to a member's message nominates it, quoted and credited", "[bestshare][nominate]") {
    testing::fake_chat chat("", loaded());
    auto id = chat.user("bob").says("这周读完了《原则》第三章，记了十条笔记");
    chat.clear();
    replies(chat, "alice", id, "/提名");
    CHECK(chat.last() ==
          "🌟 已提名：\n#1 bob：「这周读完了《原则》第三章，记了十条笔记」（alice 提名）\n投票在 03-08 20:00 开始。");
    chat.clear();
    chat.user("carol").says("/本周最佳");
    CHECK(chat.replied("下次投票（03-08 20:00）的提名：\n#1 bob"));
}

TEST_CASE("a second nomination of the same message is refused and adds nothing", "[bestshare][nominate]") {
    testing::fake_chat chat("", loaded());
    auto id = chat.user("bob").says("番茄钟用法分享");
    replies(chat, "alice", id, "/提名");
    chat.clear();
    replies(chat, "carol", id, "/提名");
    CHECK(chat.last() == "👌 bob 的这条分享已经被提名过了。");
    chat.user("carol").says("/本周最佳");
    CHECK(!chat.replied("#2"));
}

TEST_CASE("nominating oneself is refused and changes nothing", "[bestshare][nominate]") {
    testing::fake_chat chat("", loaded());
    auto id = chat.user("bob").says("我的读书笔记");
    chat.clear();
    replies(chat, "bob", id, "/提名");
    CHECK(chat.last() == "🙈 不能提名自己的分享，请让群友来提名你吧。");
    chat.user("bob").says("/提名 @bob 我的读书笔记");
    CHECK(chat.last() == "🙈 不能提名自己的分享，请让群友来提名你吧。");
    chat.clear();
    chat.user("bob").says("/本周最佳");
    CHECK(chat.replied("还没有提名"));
}

TEST_CASE("nominating the bot is refused, by mention or by quoting it", "[bestshare][nominate]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("/提名 @bot 机器人说得好");
    CHECK(chat.last() == "🤖 机器人的消息不能提名，请提名群友的分享。");
    chat.clear();
    // A QQ client quoting the bot's message puts a mention of the bot after the quote.
    auto m = bot::message().reply_to(bot::id(9001)).at(bot::id("bot")).text("/提名");
    chat.user("alice").says(m);
    CHECK(chat.last() == "🤖 机器人的消息不能提名，请提名群友的分享。");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("还没有提名"));
}

TEST_CASE("a quote the bot does not know, after a restart, gets the other way to nominate", "[bestshare][nominate]") {
    testing::fake_chat chat("", loaded());
    auto id = chat.user("bob").says("很长的分享");
    chat.restart();
    chat.clear();
    replies(chat, "alice", id, "/提名");
    CHECK(chat.last() ==
          "🤔 找不到你引用的那条消息（太早了，或是机器人重启前发的）。请改用「/提名 @成员 分享内容」。");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("还没有提名"));
}

TEST_CASE("/提名 @成员 with text nominates that text, without text the member's latest message", "[bestshare][nominate]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("hi");
    chat.user("alice").says("/提名 @bob 周三分享会讲的复盘方法");
    CHECK(chat.last().find("#1 bob：「周三分享会讲的复盘方法」（alice 提名）") != std::string::npos);
    chat.user("carol").says("今天整理了一份书单");
    chat.user("carol").says("/本周最佳");
    chat.user("alice").says("/提名 @carol");
    CHECK(chat.last().find("#2 carol：「今天整理了一份书单」（alice 提名）") != std::string::npos);
    chat.user("dave").is(bot::role::member);
    chat.user("alice").says("/提名 @dave");
    CHECK(chat.last() == "🤔 没找到要提名的文字。请写上分享内容：「/提名 @成员 分享内容」。");
    chat.user("alice").says("/提名");
    CHECK(chat.last().find("回复（引用）那条分享") != std::string::npos);
}

TEST_CASE("a week holds at most max_nominees nominations", "[bestshare][nominate]") {
    testing::fake_chat chat("[plugins.bestshare]\nmax_nominees = 2\n", loaded());
    for (auto const* who : {"bob", "carol", "dave"}) chat.user(who).is(bot::role::member);
    chat.user("alice").says("/提名 @bob 分享一");
    chat.user("alice").says("/提名 @carol 分享二");
    chat.clear();
    chat.user("alice").says("/提名 @dave 分享三");
    CHECK(chat.last() == "📦 这一期的提名已满 2 个，下次投票后再提名吧。");
}

TEST_CASE("a check-in long enough nominates itself once a week, a short one does not", "[bestshare][nominate]") {
    testing::fake_chat chat("[plugins.bestshare]\nauto_min_chars = 10\n", loaded());
    chat.user("bob").says("打卡 第一章");
    chat.user("carol").says("打卡 今天读完了第三章并写了一千字的读后感");
    chat.advance_to("2026-03-03 09:00");
    chat.user("carol").says("打卡 今天又读完了第四章并且做了思维导图");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.last() ==
          "🌟 下次投票（03-08 20:00）的提名：\n#1 carol：「今天读完了第三章并写了一千字的读后感」（打卡自动提名）");
}

TEST_CASE("with auto_min_chars 0 check-ins nominate nothing", "[bestshare][nominate]") {
    testing::fake_chat chat("[plugins.bestshare]\nauto_min_chars = 0\n", loaded());
    chat.user("carol").says("打卡 今天读完了第三章并写了一千字的读后感，还做了一份很长的笔记");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("还没有提名"));
}

TEST_CASE("quoting a command nominates nothing", "[bestshare][nominate]") {
    testing::fake_chat chat("", loaded());
    auto id = chat.user("bob").says("/本周最佳");
    replies(chat, "alice", id, "/提名");
    CHECK(chat.last() == "🤔 引用的是一条命令，不是分享。请引用分享本身，或用「/提名 @成员 分享内容」。");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("还没有提名"));
}

TEST_CASE("in a group that switched the plugin off, check-ins nominate nothing", "[bestshare][nominate]") {
    testing::fake_chat chat("[plugins.bestshare]\nauto_min_chars = 10\n", loaded());
    chat.user("boss").is(bot::role::admin).says("/plugin off bestshare");
    chat.user("carol").says("打卡 今天读完了第三章并写了一千字的读后感");
    chat.user("boss").says("/plugin on bestshare");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("还没有提名"));
    chat.user("carol").says("打卡 晚上又读完了第四章并且做了思维导图");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("#1 carol：「晚上又读完了第四章并且做了思维导图」（打卡自动提名）"));
}
