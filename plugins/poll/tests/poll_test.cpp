// Polls through the fake chat: creating, voting and changing a vote, results at the deadline and on
// demand, closing early, and restarts in the middle of a poll.
#include <catch2/catch.hpp>

#include "plugins/poll/tests/support.hpp"

using poll_test::count_containing;

TEST_CASE("members vote, change their vote, and the results are posted once at the deadline", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("alice").says("/poll 周五吃什么 | 火锅 | 烧烤 | 日料 截止 2h");
    REQUIRE(chat.replied("📊 投票 #1：周五吃什么\n1. 火锅\n2. 烧烤\n3. 日料\n（单选·实名，03-02 11:00 截止）"));
    chat.user("bob").says("/vote 2");
    REQUIRE(chat.replied("✅ bob 投给了 #1：2. 烧烤"));
    chat.user("bob").says("/投票 1");
    REQUIRE(chat.replied("🔁 bob 改投 #1：1. 火锅（原来是 2. 烧烤）"));
    chat.user("carol").says("/vote 1");
    chat.restart();
    chat.user("dave").says("/vote #1 2");
    REQUIRE(chat.replied("✅ dave 投给了 #1：2. 烧烤"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_ballots") == 3);
    chat.clear();
    chat.advance(std::chrono::minutes(119));
    CHECK_FALSE(chat.replied("结果"));
    chat.advance(std::chrono::minutes(1));
    CHECK(count_containing(chat.sent(), "📊 投票 #1 结果：周五吃什么") == 1);
    CHECK(chat.replied(
        "1. 火锅 ██████████ 2\n   bob、carol\n2. 烧烤 █████ 1\n   dave\n3. 日料 0\n共 3 人投票（单选·实名，已截止）"));
    chat.restart();
    chat.clear();
    chat.advance(std::chrono::hours(3));
    CHECK_FALSE(chat.replied("结果"));
    chat.user("erin").says("/vote #1 1");
    CHECK(chat.replied("投票 #1 已经截止，不能再投了。"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_ballots") == 3);
}

TEST_CASE("the database holds one ballot per member per poll", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("alice").says("/poll 去哪 | 公园 | 海边");
    chat.user("bob").says("/vote 1");
    chat.user("bob").says("/vote 2");
    chat.user("bob").says("/vote 2");
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_ballots") == 1);
    CHECK(poll_test::scalar(chat, "SELECT choices = '2' FROM poll_ballots") == 1);
    CHECK_THROWS(
        chat.bot().db().exec("INSERT INTO poll_ballots(poll_id, user, name, choices, at) SELECT poll_id, user, name, "
                             "'1', at FROM poll_ballots"));
}

TEST_CASE("bad polls and votes get a clear reply and change nothing", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("alice").says("/poll 只有一个 | 选项");
    CHECK(chat.replied("投票至少要 2 个选项"));
    std::string thirty = "/poll 太多了";
    for (int i = 1; i <= 30; ++i) thirty += " | 选项" + std::to_string(i);
    chat.user("alice").says(thirty);
    CHECK(chat.replied("投票最多 10 个选项。"));
    chat.user("alice").says("/poll 昨天的事 | 是 | 否 截止 2026-03-01 20:00");
    CHECK(chat.replied("截止时间已经过去了"));
    chat.user("alice").says("/poll 问 | 是 | 否 截止 下辈子");
    CHECK(chat.replied("没看懂截止时间"));
    chat.user("bob").says("/vote 1");
    CHECK(chat.replied("现在没有进行中的投票。"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_polls") == 0);

    chat.user("alice").says("/poll 去哪 | 公园 | 海边 | 山里");
    chat.clear();
    chat.user("bob").says("/vote 5");
    CHECK(chat.replied("投票 #1 只有 3 个选项，请写 1 到 3 的编号。"));
    chat.user("bob").says("/vote 1 2");
    CHECK(chat.replied("投票 #1 是单选，只能选一个。"));
    chat.user("bob").says("/vote 海边");
    CHECK(chat.replied("投票请写选项编号"));
    chat.user("bob").says("/vote #7 1");
    CHECK(chat.replied("没有找到投票 #7。"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_ballots") == 0);
    chat.user("alice").says("/poll 几点 | 早 | 晚");
    chat.user("bob").says("/vote 1");
    CHECK(chat.replied("现在有几个投票在进行（#1、#2），请写明投哪个"));
    chat.user("bob").says("/poll results");
    CHECK(chat.replied("现在有几个投票在进行（#1、#2），请写明看哪个，例如「/poll results #2」。"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_ballots") == 0);
}

TEST_CASE("a multiple-choice anonymous poll counts every choice and never names voters", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("alice").says("/poll 想学什么 | C++ | Rust | Go --multi --anon --until 1d");
    REQUIRE(chat.replied("（多选·匿名，03-03 09:00 截止）"));
    chat.clear();
    auto vote = chat.user("bob").says("/vote 1 3");
    CHECK(chat.replied("✅ 收到 bob 的匿名投票（#1）"));
    CHECK_FALSE(chat.replied("C++"));
    bool recalled = false;
    for (auto const& a : chat.actions()) recalled = recalled || (a.kind == "recall" && a.message_id == vote);
    CHECK(recalled);
    chat.user("carol").says("/vote 1");
    chat.clear();
    chat.user("dave").says("/poll results");
    CHECK(chat.replied("1. C++ ██████████ 2\n2. Rust 0\n3. Go █████ 1\n共 2 人投票（多选·匿名，03-03 09:00 截止）"));
    CHECK_FALSE(chat.replied("bob"));
    CHECK_FALSE(chat.replied("carol"));
}

TEST_CASE("a poll is closed early by its creator or an admin, and listed while open", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("alice").says("/poll 周会改到周几 | 周二 | 周四");
    chat.user("alice").says("/poll 团建去哪 | 爬山 | 密室");
    chat.user("bob").says("/vote #2 2");
    chat.clear();
    chat.user("bob").says("/polls");
    CHECK(chat.replied("#1 周会改到周几（单选·实名，0 人已投，03-03 09:00 截止）\n#2 团建去哪（单选·实名，1 人已投"));
    chat.user("bob").says("/poll close #2");
    CHECK(chat.replied("只有发起人或管理员能结束投票 #2。"));
    chat.user("alice").says("/poll close #2");
    CHECK(chat.replied(
        "📊 投票 #2 结果：团建去哪\n1. 爬山 0\n2. 密室 ██████████ 1\n   bob\n共 1 人投票（单选·实名，已截止）"));
    chat.user("boss").is(bot::role::admin).says("/结束投票 #1");
    CHECK(chat.replied("📊 投票 #1 结果：周会改到周几"));
    chat.clear();
    chat.user("boss").says("/poll close #1");
    CHECK(chat.replied("投票 #1 已经截止"));
    chat.advance(std::chrono::days(2));
    CHECK_FALSE(chat.replied("结果"));
    CHECK(count_containing(chat.sent_ever(), "📊 投票 #1 结果") == 1);
}

TEST_CASE("where the group's owner posts for the bot, a vote is acknowledged in private", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.platform().caps_.group_post = false;
    chat.user("alice").says("/poll 去哪 | 公园 | 海边");
    chat.clear();
    chat.user("bob").says("/vote 2");
    CHECK(chat.sent() == std::vector<std::string>{"✅ bob 投给了 #1：2. 海边"});
    CHECK(poll_test::whispers_to(chat, "bob") == std::vector<std::string>{"✅ bob 投给了 #1：2. 海边"});
}

TEST_CASE("a deadline is read in the group's zone across the change to summer time", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    // New York moves to EDT (UTC-4) on Sunday 2026-03-08: 20:00 that evening is 08:00 the next day
    // in Shanghai, the chat's clock.
    chat.user("alice").says("/poll 周日几点开会 | 早上 | 晚上 截止 2026-03-08 20:00");
    REQUIRE(chat.replied("（单选·实名，03-08 20:00 截止）"));
    chat.user("bob").says("/vote 2");
    chat.clear();
    chat.advance_to("2026-03-09 07:59");
    CHECK_FALSE(chat.replied("结果"));
    chat.advance_to("2026-03-09 08:00");
    CHECK(count_containing(chat.sent(), "📊 投票 #1 结果：周日几点开会") == 1);
}

TEST_CASE("a deadline job that runs again posts nothing the second time", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("alice").says("/poll 去哪 | 公园 | 海边 截止 1h");
    chat.user("bob").says("/vote 1");
    chat.clear();
    chat.advance(std::chrono::hours(1));
    REQUIRE(count_containing(chat.sent(), "📊 投票 #1 结果") == 1);
    // The same handler for the same poll once more, as a duplicated or replayed job would run.
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    auto again = bot::recurrence::once(chat.now() + std::chrono::minutes(5));
    chat.bot().scheduler().schedule("poll.close@again", "poll.close", again, tz, chat.group_ref(), "1");
    REQUIRE(chat.bot().scheduler().has("poll.close@again"));
    chat.advance(std::chrono::minutes(10));
    CHECK_FALSE(chat.bot().scheduler().has("poll.close@again"));  // it ran
    CHECK(count_containing(chat.sent(), "📊 投票 #1 结果") == 1);
}

TEST_CASE("long questions and options are cut and reordering marks removed", "[poll]") {
    testing::fake_chat chat("", poll_test::loaded());
    std::string question(300, 'q');
    chat.user("alice").says("/poll " + question + " | A\u202Eb | " + std::string(100, 'o'));
    auto text = chat.last();
    CHECK(text.find(std::string(121, 'q')) == std::string::npos);
    CHECK(text.find("…") != std::string::npos);
    CHECK(text.find("\u202E") == std::string::npos);
    CHECK(text.find("1. Ab") != std::string::npos);
    CHECK(text.find(std::string(41, 'o')) == std::string::npos);
}
