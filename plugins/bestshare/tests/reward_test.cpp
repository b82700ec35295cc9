#include <catch2/catch.hpp>

#include "plugins/bestshare/tests/support.hpp"

using namespace bestshare_test;

namespace {

/// Three nominations, the vote, carol's vote for bob, and the close: bob wins the first week.
void bob_wins(testing::fake_chat& chat, std::string const& close_at = "2026-03-09 20:00") {
    three_nominations(chat);
    chat.advance_to("2026-03-08 20:00");
    chat.user("carol").says("/投票最佳 1");
    chat.advance_to(close_at);
}

}  // namespace

TEST_CASE("the winner's reward leaves the fund exactly to the fen and shows in /fund", "[bestshare][reward]") {
    testing::fake_chat chat("[plugins.bestshare]\nreward = \"3.33\"\n", loaded());
    fund(chat, 1000, "1");
    bob_wins(chat);
    CHECK(chat.replied("🎁 奖励 3.33 元已从群基金划出（群基金余额 6.67 元），管理员发给 bob 后用「/bestshare paid #1」记下。"));
    CHECK(balance(chat, "fund:" + gk(chat)) == 667);
    CHECK(balance(chat, "bestshare:reward:" + bot::id("bob").encode()) == 333);
    CHECK(chat.bot().ledger().has("bestshare:reward:" + gk(chat) + ":2026-03-08"));
    chat.clear();
    chat.user("alice").says("/fund");
    CHECK(chat.replied("💰 群基金余额：6.67 元"));
    CHECK(chat.replied("03-09 奖励 -3.33 元 第1期最佳分享 bob"));
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("an admin marks the reward paid out once, and the ledger follows", "[bestshare][reward]") {
    testing::fake_chat chat("", loaded());
    fund(chat, 1000, "1");
    bob_wins(chat);
    chat.user("bob").says("/bestshare paid #1");
    CHECK(balance(chat, "bestshare:reward:" + bot::id("bob").encode()) == 500);
    chat.user("boss").is(bot::role::admin).says("/bestshare paid #1");
    CHECK(chat.last() == "✅ 已记下：第 1 期最佳分享的奖励 5.00 元已发给 bob。");
    CHECK(balance(chat, "bestshare:reward:" + bot::id("bob").encode()) == 0);
    CHECK(balance(chat, "external:" + bot::id("bob").encode()) == 500);
    CHECK(balance(chat, "fund:" + gk(chat)) == 500);
    auto postings = chat.bot().ledger().postings();
    chat.restart();
    chat.user("boss").says("/最佳奖励已发 #1");
    CHECK(chat.last() == "👌 第 1 期的奖励已经记为发放过了，没有再记。");
    chat.user("boss").says("/bestshare paid #9");
    CHECK(chat.last() == "🤔 第 #9 期没有要发的奖励（期数写作 #1）。");
    chat.user("boss").says("/bestshare paid");
    CHECK(chat.last() == "👌 没有待发放的最佳分享奖励。");
    CHECK(chat.bot().ledger().postings() == postings);
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("a fund short of the reward posts nothing, tells the admins and owes it until it can pay",
          "[bestshare][reward]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin);
    fund(chat, 200, "1");
    auto postings = chat.bot().ledger().postings();
    bob_wins(chat);
    CHECK(chat.replied("🎁 奖励 5.00 元先记着：群基金只有 2.00 元，等基金够了再发。"));
    CHECK(count_containing(whispers_to(chat, "boss"), "第 1 期最佳分享 bob 的奖励 5.00 元没有发出：群基金只有 2.00 元") == 1);
    CHECK(chat.bot().ledger().postings() == postings);
    CHECK(balance(chat, "fund:" + gk(chat)) == 200);
    chat.user("boss").says("/bestshare paid #1");
    CHECK(chat.last() == "⚠️ 第 1 期 bob 的奖励 5.00 元还没从群基金划出：群基金只有 2.00 元。没有修改。");
    CHECK(chat.bot().ledger().postings() == postings);

    // The fund grows; the next weekly job grants the owed reward, once, and tells the admins.
    fund(chat, 400, "2");
    chat.restart();
    chat.advance_to("2026-03-15 20:00");
    CHECK(balance(chat, "fund:" + gk(chat)) == 100);
    CHECK(balance(chat, "bestshare:reward:" + bot::id("bob").encode()) == 500);
    CHECK(count_containing(whispers_to(chat, "boss"), "群基金够了：第 1 期最佳分享 bob 的奖励 5.00 元已从群基金划出") == 1);
    chat.advance_to("2026-03-22 20:00");
    CHECK(balance(chat, "fund:" + gk(chat)) == 100);
    chat.user("boss").says("/bestshare paid #1");
    CHECK(balance(chat, "external:" + bot::id("bob").encode()) == 500);
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("an admin sets the reward, never above what the fund holds", "[bestshare][reward]") {
    testing::fake_chat chat("", loaded());
    fund(chat, 1000, "1");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/bestshare reward 50");
    CHECK(chat.last() == "❌ 奖励 50.00 元超过了群基金余额 10.00 元，没有修改。");
    boss.says("/bestshare reward");
    CHECK(chat.last() == "🎁 本群最佳分享奖励 5.00 元，群基金余额 10.00 元。\n待发：\n（没有）");
    boss.says("/最佳奖励 ¥8.8");
    CHECK(chat.last() == "✅ 本群最佳分享奖励改为 8.80 元（群基金余额 10.00 元）。");
    chat.user("bob").says("/bestshare reward 1");
    bob_wins(chat);
    CHECK(balance(chat, "fund:" + gk(chat)) == 120);
    CHECK(balance(chat, "bestshare:reward:" + bot::id("bob").encode()) == 880);
}

TEST_CASE("a reward of 0 announces the winner and moves no money", "[bestshare][reward]") {
    testing::fake_chat chat("[plugins.bestshare]\nreward = 0\n", loaded());
    fund(chat, 1000, "1");
    auto postings = chat.bot().ledger().postings();
    bob_wins(chat);
    CHECK(chat.replied("揭晓：恭喜 bob！"));
    CHECK(!chat.replied("奖励"));
    CHECK(chat.bot().ledger().postings() == postings);
}
