// Collecting through the chat: a message that asks is a question; a quote of it, or an @ of its
// asker within the answer window by someone else, is an answer. Commands, chatter and the asker's
// own follow-ups are not; the index of recent questions survives a restart; a recalled question
// leaves the collection.
#include <catch2/catch.hpp>

#include "plugins/digest/tests/support.hpp"
#include "storage/database.hpp"
#include "tests/support/commits.hpp"

using digest_test::asked_and_answered;
using digest_test::loaded;

namespace {

std::string listed(testing::fake_chat& chat) {
    chat.clear();
    chat.user("zed").says("/digest list");
    return chat.last();
}

}  // namespace

TEST_CASE("a question and a quoted reply to it are collected", "[digest][collect]") {
    testing::fake_chat chat("", loaded());
    asked_and_answered(chat);
    chat.user("dave").says("今天天气不错");
    chat.user("dave").says("/digest");
    CHECK(listed(chat) == "📋 最近收集的问题（1 个）：\n#1 bob：请问报销的发票抬头写什么？（1 条回答）");
}

TEST_CASE("nothing is collected from commands or chatter", "[digest][collect]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/faq 发票？");
    chat.user("bob").says("今天天气不错");
    chat.user("bob").says("好吗？");  // shorter than min_length
    CHECK(listed(chat) == "还没有收集到问题。");
}

TEST_CASE("an @ of the asker answers within the window, by someone else only", "[digest][collect]") {
    testing::fake_chat chat("", loaded());
    chat.user("carol").says("hi");  // carol is a known member, so "@carol" is a mention
    auto q = chat.user("bob").says("请问周末有人一起去爬山吗");
    chat.user("bob").says("@bob 有人吗");           // the asker's own: no answer
    chat.user("dave").says("@bob 我去！几点集合");  // an answer
    chat.user("dave").says("@carol 明天见");        // mentions someone else: no answer
    CHECK(listed(chat).find("（1 条回答）") != std::string::npos);
    chat.advance(std::chrono::hours(2) + std::chrono::minutes(1));
    chat.user("erin").says("@bob 下次叫上我");  // too late
    CHECK(listed(chat).find("（1 条回答）") != std::string::npos);
    // A quote has no window.
    chat.clear();
    chat.user("erin").says(bot::message().reply_to(q).text("下次叫上我"));
    CHECK(listed(chat).find("（2 条回答）") != std::string::npos);
}

TEST_CASE("the answer window and the question words are configurable", "[digest][collect]") {
    testing::fake_chat chat("[plugins.digest]\nanswer_window = \"30m\"\nquestion_words = [\"求助\"]\nmin_length = 2\n",
                            loaded());
    chat.user("bob").says("请问报销流程");  // not a word of this group
    chat.user("bob").says("求助 报销流程");
    chat.advance(std::chrono::minutes(31));
    chat.user("carol").says("@bob 找财务");
    CHECK(listed(chat) == "📋 最近收集的问题（1 个）：\n#1 bob：求助 报销流程（0 条回答）");
}

TEST_CASE("a reply to a question asked before a restart is still an answer", "[digest][collect]") {
    testing::fake_chat chat("", loaded());
    auto q = chat.user("bob").says("请问报销的发票抬头写什么？");
    chat.restart();
    chat.user("carol").says(bot::message().reply_to(q).text("写公司全称"));
    CHECK(listed(chat).find("（1 条回答）") != std::string::npos);
    // Another reply is another answer.
    chat.user("carol").says(bot::message().reply_to(q).text("写公司全称"));
    CHECK(listed(chat).find("（2 条回答）") != std::string::npos);
}

TEST_CASE("a recalled question leaves the collection", "[digest][collect]") {
    testing::fake_chat chat("", loaded());
    auto q = asked_and_answered(chat);
    chat.deliver(bot::ev::message_recalled{bot::id(chat.group()), q, bot::id("bob"), bot::id("bob")});
    CHECK(listed(chat) == "还没有收集到问题。");
    // Its number is not given again.
    chat.user("bob").says("请问下周还开会吗？");
    CHECK(listed(chat).starts_with("📋 最近收集的问题（1 个）：\n#2 bob"));
}

TEST_CASE("a recalled answer leaves its question", "[digest][collect]") {
    testing::fake_chat chat("", loaded());
    auto q = chat.user("bob").says("请问报销的发票抬头写什么？");
    auto a = chat.user("carol").says(bot::message().reply_to(q).text("写公司全称"));
    chat.user("dave").says(bot::message().reply_to(q).text("全称"));
    chat.deliver(bot::ev::message_recalled{bot::id(chat.group()), a, bot::id("carol"), bot::id("carol")});
    CHECK(listed(chat) == "📋 最近收集的问题（1 个）：\n#1 bob：请问报销的发票抬头写什么？（1 条回答）");
    // A recalled chat message touches nothing.
    auto other = chat.user("dave").says("今天天气不错");
    chat.deliver(bot::ev::message_recalled{bot::id(chat.group()), other, bot::id("dave"), bot::id("dave")});
    CHECK(listed(chat).ends_with("（1 条回答）"));
}

TEST_CASE("collected questions and answers cost no write per message: the core's batch writes them in one commit",
          "[digest][collect]") {
    testing::fake_chat chat("", loaded());
    chat.user("zed").says("hi");
    chat.bot().batch().flush();
    testing::commit_counter commits(chat.bot().db());
    auto q = chat.user("bob").says("请问报销的发票抬头写什么？");
    chat.user("carol").says(bot::message().reply_to(q).text("写公司全称"));
    chat.user("dave").says("明天的读书会几点开始？");
    CHECK(commits.commits() == 0);
    CHECK(chat.bot().batch().flush());
    CHECK(commits.commits() == 1);
    auto& rows = chat.bot().db().prepare(
        "SELECT q.number, q.asker_name, (SELECT count(*) FROM digest_answers a WHERE a.question = q.id) "
        "FROM digest_questions q ORDER BY q.number");
    {
        storage::statement_guard guard{rows};
        REQUIRE(rows.executeStep());
        CHECK(rows.getColumn(0).getInt() == 1);
        CHECK(rows.getColumn(1).getString() == "bob");
        CHECK(rows.getColumn(2).getInt() == 1);
        REQUIRE(rows.executeStep());
        CHECK(rows.getColumn(0).getInt() == 2);
        CHECK(rows.getColumn(1).getString() == "dave");
        CHECK(rows.getColumn(2).getInt() == 0);
        CHECK_FALSE(rows.executeStep());
    }
    // After a restart the numbers go on from the stored ones, and a question still waiting for the
    // batch is listed (a read writes the batch first).
    chat.restart();
    chat.user("erin").says("请问下周还开会吗？");
    CHECK(listed(chat).starts_with("📋 最近收集的问题（3 个）：\n#3 erin"));
}
