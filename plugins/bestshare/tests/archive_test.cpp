#include <catch2/catch.hpp>

#include "plugins/bestshare/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using namespace bestshare_test;

TEST_CASE("the archive goes to the admin in private as CSV with texts, votes and the winner", "[bestshare][archive]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/bestshare export");
    CHECK(chat.last() == "📭 还没有评选过，存档是空的。");
    chat.user("carol").is(bot::role::member);
    auto id = chat.user("bob").says("笔记，第一条：\"先想清楚再做\"");
    replies(chat, "alice", id, "/提名");
    chat.user("alice").says("/提名 @carol =HYPERLINK(x)");
    chat.advance_to("2026-03-08 20:00");
    chat.user("carol").says("/投票最佳 1");
    chat.user("dave").says("/投票最佳 1");
    chat.advance_to("2026-03-09 20:00");
    chat.clear();
    boss.says("/导出最佳分享");
    CHECK(chat.last() == "📚 最佳分享存档（2 条）已私信发给你。");
    auto csv = whispers_to(chat, "boss").back();
    CHECK(csv.find("📚 本群最佳分享存档（2 条，CSV）：") == 0);
    CHECK(csv.find("期,投票开始,编号,成员,分享,来源,提名人,票数,当选,奖励（元）,奖励状态,投票人") != std::string::npos);
    CHECK(csv.find("1,03-08 20:00,1,bob,\"笔记，第一条：\"\"先想清楚再做\"\"\",群友提名,alice,2,是,5.00,待发（基金不足）,carol、dave") !=
          std::string::npos);
    CHECK(csv.find("1,03-08 20:00,2,carol,'=HYPERLINK(x),群友提名,alice,0,,,,") != std::string::npos);
    chat.user("bob").says("/bestshare export");
    CHECK(whispers_to(chat, "bob").empty());
}

TEST_CASE("an admin removes a nomination and the votes for it, never one already judged", "[bestshare][archive]") {
    testing::fake_chat chat("", loaded());
    three_nominations(chat);
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/bestshare remove #3");
    CHECK(chat.last() == "🗑️ 已撤下提名 #3（alice），它的 0 票也一并作废。");
    chat.advance_to("2026-03-08 20:00");
    CHECK(chat.last().find("#3") == std::string::npos);
    chat.user("carol").says("/投票最佳 1");
    boss.says("/撤销提名 1");
    CHECK(chat.last() == "🗑️ 已撤下提名 #1（bob），它的 1 票也一并作废。");
    chat.user("carol").says("/投票最佳 2");
    CHECK(chat.last() == "🙈 不能投给自己的分享哦。");
    chat.user("dave").says("/投票最佳 2");
    chat.advance_to("2026-03-09 20:00");
    CHECK(chat.replied("揭晓：恭喜 carol！"));
    boss.says("/bestshare remove #2");
    CHECK(chat.last() == "🤔 没有可以撤下的提名 #2（已评完的不能撤）。");
    boss.says("/bestshare remove 99");
    CHECK(chat.last() == "🤔 没有可以撤下的提名 99（已评完的不能撤）。");
}

TEST_CASE("the panel shows the nominations, past weeks and marks a reward paid", "[bestshare][panel]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin);
    fund(chat, 1000, "1");
    three_nominations(chat);
    auto const& def = panel_test::definition(chat, "bestshare", "bestshare");
    CHECK(def.section == "group");
    auto p = panel_test::draw(chat, "bestshare", "bestshare");
    CHECK(panel_test::fact(panel_test::block<bot::panel::facts>(p), "下次投票") == "03-08 20:00");
    CHECK(panel_test::fact(panel_test::block<bot::panel::facts>(p), "群基金余额") == "10.00 元");
    auto const& pending = panel_test::block<bot::panel::table>(p, "等待下次投票的提名");
    CHECK(panel_test::row(pending, "#2").cells[1] == "carol");
    chat.advance_to("2026-03-08 20:00");
    chat.user("carol").says("/投票最佳 1");
    chat.advance_to("2026-03-09 20:00");
    p = panel_test::draw(chat, "bestshare", "bestshare");
    auto const& past = panel_test::block<bot::panel::table>(p, "往期最佳");
    auto const& week = panel_test::row(past, "第1期");
    CHECK(week.cells[2] == "bob");
    CHECK(week.cells[5] == "已从基金划出，待发给获奖人");
    REQUIRE(panel_test::labels(week) == std::vector<std::string>{"奖励已发"});
    CHECK(week.actions[0].confirm);
    auto run = panel_test::click(chat, week.actions[0]);
    CHECK(run.ran);
    CHECK(run.replies == std::vector<std::string>{"✅ 已记下：第 1 期最佳分享的奖励 5.00 元已发给 bob。"});
    CHECK(balance(chat, "external:" + bot::id("bob").encode()) == 500);
    p = panel_test::draw(chat, "bestshare", "bestshare");
    CHECK(panel_test::row(panel_test::block<bot::panel::table>(p, "往期最佳"), "第1期").cells[5] == "已发放");
    CHECK(panel_test::block<bot::panel::download>(p).body.find("bob") != std::string::npos);
}
