// Surveys through the fake chat: members are asked in private one question at a time, answer there
// or in the group, and admins follow progress, read a summary and export CSV. Restarts resume
// where each member stands and never ask a question twice.
#include <catch2/catch.hpp>

#include "plugins/poll/tests/support.hpp"

using poll_test::count_containing;
using poll_test::whispers_to;

namespace {

/// A group with an admin and two members, and a survey of three questions started for two days.
void start_survey(testing::fake_chat& chat) {
    chat.user("boss").is(bot::role::admin).says("/survey new 需求调研 | 你最想学什么？ | 每周几有空？");
    REQUIRE(chat.replied("🗒 调研 #1「需求调研」已建好，2 个问题。"));
    chat.user("alice").joins();
    chat.user("bob").joins();
    chat.user("boss").says("/survey q #1 还有什么建议？");
    REQUIRE(chat.replied("➕ 已给调研 #1 加上第 3 题。"));
    chat.user("boss").says("/survey start #1 2d");
    REQUIRE(chat.replied("📣 调研 #1「需求调研」开始了，共 3 题，03-04 09:00 截止。已私聊 3 位成员逐题提问"));
}

}  // namespace

TEST_CASE("members answer a survey in private one question at a time, across a restart", "[survey]") {
    testing::fake_chat chat("", poll_test::loaded());
    start_survey(chat);
    auto first = whispers_to(chat, "alice");
    REQUIRE(first.size() == 1);
    CHECK(first[0].find("🗒 调研 #1「需求调研」第 1/3 题：\n你最想学什么？") != std::string::npos);
    chat.user("alice").whispers("/survey answer 这不是回答");
    chat.user("alice").whispers("C++ 协程");
    CHECK(whispers_to(chat, "alice").back() ==
          "✅ 第 1/3 题已记下。\n🗒 调研 #1「需求调研」第 2/3 题：\n每周几有空？");
    chat.restart();
    chat.user("alice").whispers("周三晚上");
    chat.user("alice").whispers("=cmd|' /C calc'!A0");
    auto all = whispers_to(chat, "alice");
    CHECK(all.back() == "✅ 第 3/3 题已记下。\n🎉 调研 #1「需求调研」全部答完，谢谢你！");
    CHECK(count_containing(all, "第 3/3 题：") == 1);
    chat.user("alice").whispers("还有一句");
    CHECK(whispers_to(chat, "alice").size() == all.size());
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_answers") == 3);

    chat.clear();
    chat.user("boss").says("/survey progress #1");
    CHECK(chat.replied("📈 调研 #1「需求调研」：答完 1/3 人，答了一部分 0 人（03-04 09:00 截止）\n还没答完：bob、boss"));
    chat.user("boss").says("/survey summary #1");
    CHECK(chat.replied("Q1. 你最想学什么？（1 人回答）\n  · alice：C++ 协程\nQ2. 每周几有空？（1 人回答）"));
    chat.user("boss").says("/survey export #1");
    CHECK(chat.replied("📎 已把调研 #1 的 CSV（3 行）私聊发给你。"));
    auto csv = whispers_to(chat, "boss").back();
    CHECK(csv.find("成员,用户ID,状态,你最想学什么？,每周几有空？,还有什么建议？\n") != std::string::npos);
    CHECK(csv.find("alice,alice,答完,C++ 协程,周三晚上,'=cmd|' /C calc'!A0\n") != std::string::npos);
}

TEST_CASE("a member answers in the group, and an answer to a question never asked is refused", "[survey]") {
    testing::fake_chat chat("", poll_test::loaded());
    start_survey(chat);
    chat.clear();
    chat.user("bob").says("/survey answer #1 Rust");
    CHECK(chat.replied(
        "✅ 第 1/3 题已记下。\n🗒 调研 #1「需求调研」第 2/3 题：\n每周几有空？"));
    chat.user("carol").says("/survey answer #1 我也想说");
    CHECK(chat.replied("还没有问到你调研 #1 的问题，没有可以回答的题目。"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_answers WHERE user LIKE '%carol%'") == 0);
    chat.user("carol").says("/survey answer");
    CHECK(
        chat.replied("🗒 调研 #1「需求调研」第 1/3 题：\n你最想学什么？\n在群里回答：/survey answer #1 "
                     "你的回答"));
    chat.user("carol").says("/回答调研 Go");
    CHECK(chat.replied("✅ 第 1/3 题已记下。"));
    chat.user("dave").says("/survey answer #9 hi");
    CHECK(chat.replied("没有找到这个调研。"));
    chat.user("dave").says("/survey progress #1");
    CHECK(chat.replied("抱歉，你没有使用 /survey progress 的权限。"));
    CHECK_FALSE(chat.replied("📈"));
}

TEST_CASE("the survey closes once at its deadline, across a restart, and later answers are not taken", "[survey]") {
    testing::fake_chat chat("", poll_test::loaded());
    start_survey(chat);
    chat.user("alice").whispers("C++");
    chat.restart();
    chat.clear();
    chat.advance(std::chrono::days(2));
    CHECK(count_containing(chat.sent(), "🗒 调研 #1「需求调研」已截止：0/3 人答完。") == 1);
    chat.restart();
    chat.clear();
    chat.advance(std::chrono::days(1));
    CHECK_FALSE(chat.replied("已截止"));
    chat.user("alice").whispers("周三");
    CHECK(chat.sent().empty());
    chat.user("bob").says("/survey answer #1 太晚了");
    CHECK(chat.replied("调研 #1 已经截止。"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_answers") == 1);
}

TEST_CASE("bad survey commands get a clear reply and change nothing", "[survey]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("boss").is(bot::role::admin).says("/survey new 空调研");
    chat.user("boss").says("/survey start #1");
    CHECK(chat.replied("调研 #1 还没有问题"));
    chat.user("boss").says("/survey q #1 第一个问题");
    chat.user("boss").says("/survey start #1 2026-03-01 10:00");
    CHECK(chat.replied("截止时间已经过去了"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_surveys WHERE started_at IS NOT NULL") == 0);
    chat.user("boss").says("/survey start #1 1h");
    chat.clear();
    chat.user("boss").says("/survey q #1 再加一个");
    CHECK(chat.replied("调研 #1 已经开始，不能再改问题或重新开始。"));
    CHECK(poll_test::scalar(chat, "SELECT count(*) FROM poll_questions") == 1);
    chat.user("alice").says("/survey new 我也要");
    CHECK_FALSE(chat.replied("已建好"));
}

TEST_CASE("where the platform cannot list members, they opt in with /survey join", "[survey]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.platform().caps_.member_list = false;
    chat.user("boss").is(bot::role::admin).says("/survey new 午饭调研 | 想吃什么？");
    chat.user("boss").says("/survey start #1");
    CHECK(chat.replied("想参加的成员请发「/survey join #1」"));
    CHECK(whispers_to(chat, "alice").empty());
    chat.user("alice").says("/survey join");
    CHECK(chat.replied("📨 已私聊你调研 #1「午饭调研」的第一题。"));
    CHECK(count_containing(whispers_to(chat, "alice"), "第 1/1 题：\n想吃什么？") == 1);
    chat.user("alice").says("/survey join #1");
    CHECK(chat.replied("你已经在调研 #1 里了"));
    CHECK(count_containing(whispers_to(chat, "alice"), "第 1/1 题") == 1);
    chat.user("alice").whispers("面条");
    CHECK(whispers_to(chat, "alice").back().find("全部答完") != std::string::npos);
}

TEST_CASE("a member whose private question failed is told to answer in the group", "[survey]") {
    testing::fake_chat chat("", poll_test::loaded());
    chat.user("boss").is(bot::role::admin).says("/survey new 需求调研 | 你最想学什么？");
    chat.user("alice").joins();
    chat.user("bob").joins();
    chat.clear();
    // The start's own reply and then alice's private question are refused by the platform.
    chat.platform().fail_sends = 2;
    chat.user("boss").says("/survey start #1");
    CHECK(chat.replied("有 1 位成员的私聊没发出去，请他们在群里发「/survey answer #1」。"));
    CHECK(whispers_to(chat, "alice").empty());
    CHECK(whispers_to(chat, "bob").size() == 1);
    chat.user("alice").says("/survey answer");
    CHECK(chat.replied("第 1/1 题：\n你最想学什么？\n在群里回答：/survey answer #1 你的回答"));
    chat.user("alice").says("/survey answer 多讲讲测试");
    CHECK(chat.replied("🎉 调研 #1「需求调研」全部答完"));
}
