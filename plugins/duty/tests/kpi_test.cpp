// The duty KPI: questions the duty admin answered (a quote or an @ of the asker), members who took
// part, messages and moderation actions, counted in memory and written in batches that survive a
// restart once written (the flush timer, the shutdown).
#include <catch2/catch.hpp>

#include "plugins/duty/kpi.hpp"
#include "plugins/duty/tests/support.hpp"
#include "tests/support/commits.hpp"

using namespace duty_test;
using namespace std::chrono_literals;
using plugins::duty::question_book;

TEST_CASE("a question counts once as answered, by a quote or a mention within the window", "[duty][rules]") {
    question_book q;
    auto t0 = bot::time_point(std::chrono::seconds(1'000'000));
    q.asked("g", bot::id(1), bot::id("carol"), t0);
    q.asked("g", bot::id(2), bot::id("dave"), t0);
    q.asked("g", bot::id(3), bot::id("alice"), t0);
    CHECK(q.answer("g", bot::id("alice"), {bot::id(1)}, {}, t0 + 1min, 2h) == 1);
    CHECK(q.answer("g", bot::id("alice"), {bot::id(1)}, {}, t0 + 2min, 2h) == 0);  // already answered
    CHECK(q.answer("g", bot::id("alice"), {bot::id(3)}, {bot::id("alice")}, t0 + 2min, 2h) == 0);  // her own
    CHECK(q.answer("h", bot::id("alice"), {bot::id(2)}, {}, t0 + 2min, 2h) == 0);  // another group
    CHECK(q.answer("g", bot::id("alice"), {}, {bot::id("dave"), bot::id("dave")}, t0 + 3h, 2h) == 0);  // too late
    q.asked("g", bot::id(4), bot::id("dave"), t0 + 3h);
    q.asked("g", bot::id(5), bot::id("dave"), t0 + 3h);
    // A quote with the platform's @ of its author answers the quoted question only.
    CHECK(q.answer("g", bot::id("alice"), {bot::id(5)}, {bot::id("dave")}, t0 + 3h + 1min, 2h) == 1);
    CHECK(q.answer("g", bot::id("alice"), {}, {bot::id("dave")}, t0 + 3h + 1min, 2h) == 1);
    for (int i = 0; i < 500; ++i) q.asked("g", bot::id(100 + i), bot::id("bob"), t0 + 4h);
    CHECK(q.size("g") == question_book::per_group);
}

TEST_CASE("the KPI of a shift counts answers, members, messages and moderation", "[duty][kpi]") {
    duty_chat chat(with_mute(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    auto q1 = chat.user("carol").says("请问怎么报名？");
    chat.user("dave").says("有没有人知道活动几点开始");
    chat.user("bob").says("大家早，今天有活动吗");  // a question, which the /mute below does not answer
    chat.user("alice").says(bot::message().reply_to(q1).text("看群公告"));
    chat.user("alice").says(bot::message().reply_to(q1).text("再说一遍：看群公告"));
    chat.user("alice").says("@dave 晚上八点");
    chat.user("alice").says("/mute @bob 10m");
    REQUIRE(chat.replied("已禁言 bob"));
    // An admin's own moderation is not the duty admin's.
    chat.user("boss").says("/unmute @bob");
    chat.admin("/duty kpi");
    CHECK(chat.last() ==
          "📊 值班统计（2026-03-02 至 2026-03-08）\n"
          "03-02 alice：回答问题 2，管理操作 1，消息 9 条，发言 5 人\n"
          "合计：回答问题 2，管理操作 1，消息 9 条，发言 5 人");

    // Written by the timer, so a crash after it keeps them.
    chat.advance(6min);
    chat.restart();
    chat.admin("/duty kpi");
    CHECK_THAT(chat.last(), Catch::Contains("03-02 alice：回答问题 2，管理操作 1，消息 10 条，发言 5 人"));
}

TEST_CASE("members chatting on a shift cost no commit until the batch, which is one", "[duty][kpi]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.user("carol").says("早");
    chat.advance(6min);  // the first batch is written
    testing::commit_counter counter(chat.bot().db());
    for (int i = 0; i < 50; ++i) chat.user(i % 2 ? "carol" : "dave").says("聊天 " + std::to_string(i));
    CHECK(counter.commits() == 0);
    chat.advance(6min);
    CHECK(counter.commits() == 1);
    chat.admin("/duty kpi");
    CHECK_THAT(chat.last(), Catch::Contains("消息 52 条"));
}

TEST_CASE("a clean shutdown writes what was counted since the last batch", "[duty][kpi]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.user("carol").says("早");
    chat.shut_down();
    chat.restart();
    chat.admin("/duty kpi");
    CHECK_THAT(chat.last(), Catch::Contains("03-02 alice：回答问题 0，管理操作 0，消息 2 条，发言 2 人"));
    chat.admin("/duty kpi 上周");
    CHECK(chat.last() == "2026-02-23 至 2026-03-01 还没有值班记录。");
}

TEST_CASE("the KPI follows the shift: messages after the boundary count for the next one", "[duty][kpi]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.admin("/duty add @bob");
    chat.advance_to("2026-03-03 08:30");
    auto q = chat.user("carol").says("这个怎么用？");
    chat.advance_to("2026-03-03 09:00");
    // alice's shift is over: her late answer does not count, and bob's does.
    chat.user("alice").says(bot::message().reply_to(q).text("这样用"));
    chat.user("bob").says(bot::message().reply_to(q).text("这样用"));
    chat.admin("/duty kpi");
    CHECK_THAT(chat.last(), Catch::Contains("03-02 alice：回答问题 0，管理操作 0，消息 2 条，发言 2 人"));
    CHECK_THAT(chat.last(), Catch::Contains("03-03 bob：回答问题 1，管理操作 0，消息 3 条，发言 3 人"));
    CHECK_THAT(chat.last(), Catch::Contains("合计：回答问题 1，管理操作 0，消息 5 条，发言 4 人"));
}
