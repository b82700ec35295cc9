#include <catch2/catch.hpp>

#include "bot/scheduler.hpp"
#include "plugins/bestshare/tests/support.hpp"

using namespace bestshare_test;

TEST_CASE("the vote opens on Sunday 20:00 with the week's nominations and closes 24h later", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    chat.advance_to("2026-03-08 19:59");
    chat.clear();
    chat.advance_to("2026-03-08 20:00");
    CHECK(chat.last() ==
          "🏆 第 1 期「本周最佳分享」投票开始！\n"
          "#1 bob：「这周读完了《原则》第三章，记了十条笔记」（alice 提名）\n"
          "#2 carol：「分享一个番茄钟用法：25 分钟专注加 5 分钟休息」（bob 提名）\n"
          "#3 alice：「我把每天的跑步记录做成了图表」（carol 提名）\n"
          "发「/投票最佳 编号」投票，每人一票，不能投自己。03-09 20:00 截止。");
    chat.user("carol").says("/投票最佳 1");
    CHECK(chat.last() == "🗳️ 已投给 #1 bob，03-09 20:00 揭晓。");
    chat.user("dave").says("/bestshare vote 1");
    chat.user("bob").says("/投票最佳 2");
    chat.advance_to("2026-03-09 19:59");
    chat.clear();
    chat.advance_to("2026-03-09 20:00");
    CHECK(chat.sent().front() ==
          "🏆 第 1 期「本周最佳分享」揭晓：恭喜 bob！\n"
          "#1 bob：「这周读完了《原则》第三章，记了十条笔记」—— 2 票\n"
          "#2 carol：「分享一个番茄钟用法：25 分钟专注加 5 分钟休息」—— 1 票\n"
          "#3 alice：「我把每天的跑步记录做成了图表」—— 0 票\n"
          "共 3 人投票。\n"
          "🎁 奖励 5.00 元先记着：群基金只有 0.00 元，等基金够了再发。");
}

TEST_CASE("one vote per member, never for oneself, only for this week's nominees", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    chat.advance_to("2026-03-08 20:00");
    chat.user("bob").says("/投票最佳 1");
    CHECK(chat.last() == "🙈 不能投给自己的分享哦。");
    chat.user("bob").says("/投票最佳 7");
    CHECK(chat.last() == "🤔 本期投票里没有 #7，发 /本周最佳 看看提名。");
    chat.user("bob").says("/投票最佳 2");
    chat.user("bob").says("/投票最佳 3");
    CHECK(chat.last() == "🗳️ 你已经投过票了（投给了 #2），每人只有一票。");
    chat.clear();
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("第 1 期投票中，03-09 20:00 截止，已有 1 人投票"));
}

TEST_CASE("a vote after the deadline is refused and changes nothing", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    chat.advance_to("2026-03-08 20:00");
    chat.user("dave").says("/投票最佳 2");
    chat.advance_to("2026-03-09 20:00");
    chat.clear();
    chat.user("carol").says("/投票最佳 1");
    CHECK(chat.last() == "⌛ 投票已于 03-09 20:00 截止，下期再投吧。");
    chat.user("boss").is(bot::role::admin).says("/bestshare export");
    auto csv = whispers_to(chat, "boss").back();
    CHECK(csv.find("1,03-08 20:00,2,carol,分享一个番茄钟用法：25 分钟专注加 5 分钟休息,群友提名,bob,1,是") !=
          std::string::npos);
    CHECK(csv.find("1,03-08 20:00,1,bob,这周读完了《原则》第三章，记了十条笔记,群友提名,alice,0,") != std::string::npos);
}

TEST_CASE("a tie goes to the share nominated first", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    chat.advance_to("2026-03-08 20:00");
    chat.user("dave").says("/投票最佳 3");
    chat.user("bob").says("/投票最佳 2");
    chat.user("alice").says("/投票最佳 2");
    chat.user("carol").says("/投票最佳 1");
    chat.user("erin").says("/投票最佳 3");
    chat.advance_to("2026-03-09 20:00");
    CHECK(chat.replied("揭晓：恭喜 carol！"));
}

TEST_CASE("a vote in which nobody voted names no winner and rewards nobody", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    fund(chat, 1000, "1");
    chat.advance_to("2026-03-09 20:00");
    CHECK(chat.replied("第 1 期「本周最佳分享」投票结束，没有人投票，本期不评。"));
    CHECK(balance(chat, "fund:" + gk(chat)) == 1000);
}

TEST_CASE("a week without nominations posts nothing, and the next week's vote still opens", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    chat.clear();
    chat.advance_to("2026-03-09 21:00");
    CHECK(chat.sent().empty());
    three_nominations(chat);
    chat.clear();
    chat.advance_to("2026-03-15 20:00");
    CHECK(chat.replied("第 1 期「本周最佳分享」投票开始！"));
}

TEST_CASE("nominations made while a vote is open wait for the next week", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    chat.advance_to("2026-03-08 20:00");
    chat.user("alice").says("/提名 @bob 周日晚上的新分享");
    CHECK(chat.last().find("#4 bob") != std::string::npos);
    chat.user("carol").says("/投票最佳 4");
    CHECK(chat.last() == "🤔 本期投票里没有 #4，发 /本周最佳 看看提名。");
    chat.advance_to("2026-03-15 20:00");
    CHECK(chat.last().find("🏆 第 2 期「本周最佳分享」投票开始！\n#4 bob：「周日晚上的新分享」") != std::string::npos);
}

TEST_CASE("votes and the deadline survive a restart, and the result is posted once", "[bestshare][vote][restart]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    chat.advance_to("2026-03-08 20:00");
    chat.user("carol").says("/投票最佳 1");
    chat.restart();
    chat.user("carol").says("/投票最佳 3");
    CHECK(chat.last() == "🗳️ 你已经投过票了（投给了 #1），每人只有一票。");
    chat.clear();
    chat.advance_to("2026-03-09 20:00");
    CHECK(count_containing(chat.sent(), "揭晓：恭喜 bob！") == 1);
    chat.restart();
    chat.clear();
    chat.advance_to("2026-03-10 20:00");
    CHECK(chat.sent().empty());
}

TEST_CASE("a repeated closing job posts nothing new and moves no money", "[bestshare][vote][restart]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    fund(chat, 1000, "1");
    chat.advance_to("2026-03-08 20:00");
    chat.user("carol").says("/投票最佳 1");
    chat.advance_to("2026-03-09 20:00");
    REQUIRE(chat.replied("揭晓：恭喜 bob！"));
    auto postings = chat.bot().ledger().postings();
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    // The same closing job again (as a crash between its work and its bookkeeping would run it).
    chat.bot().scheduler().schedule("again", "bestshare.close", bot::recurrence::once(chat.now() + std::chrono::minutes(1)),
                                    tz, chat.group_ref(), "2026-03-08");
    chat.clear();
    chat.advance(std::chrono::minutes(5));
    CHECK(chat.sent().empty());
    CHECK(chat.bot().ledger().postings() == postings);
    CHECK(balance(chat, "fund:" + gk(chat)) == 500);
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("the weekly job finds the week already voted on when an admin ran it early", "[bestshare][vote]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    chat.advance_to("2026-03-08 15:00");
    chat.user("boss").is(bot::role::admin).says("/bestshare open");
    CHECK(chat.last().find("第 1 期「本周最佳分享」投票开始！") != std::string::npos);
    chat.user("boss").says("/bestshare open");
    CHECK(chat.last() == "🗳️ 投票已经开始了（或今天已经评过），发 /本周最佳 查看。");
    chat.user("carol").says("/投票最佳 1");
    chat.clear();
    chat.user("boss").says("/结束最佳评选");
    CHECK(chat.replied("揭晓：恭喜 bob！"));
    chat.user("alice").says("/提名 @carol 下午的新分享");
    chat.clear();
    chat.advance_to("2026-03-08 20:00");
    CHECK(chat.sent().empty());
    chat.user("alice").says("/本周最佳");
    CHECK(chat.replied("下次投票（03-15 20:00）的提名：\n#4 carol"));
    CHECK(chat.replied("上期最佳：第 1 期 bob"));
}

TEST_CASE("in New York the vote opens at 20:00 local on the day summer time starts", "[bestshare][vote][dst]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    three_nominations(chat);
    // Sunday 2026-03-08 20:00 EDT (UTC-4) is Monday 08:00 in Shanghai; under EST it would be 09:00.
    chat.advance_to("2026-03-09 07:59");
    CHECK(count_containing(chat.sent_ever(), "投票开始") == 0);
    chat.advance_to("2026-03-09 08:00");
    CHECK(chat.replied("投票开始！"));
    CHECK(chat.replied("03-09 20:00 截止"));
    chat.user("carol").says("/投票最佳 1");
    chat.advance_to("2026-03-10 07:59");
    CHECK(count_containing(chat.sent_ever(), "揭晓：恭喜") == 0);
    chat.advance_to("2026-03-10 08:00");
    CHECK(chat.replied("揭晓：恭喜 bob！"));
}
