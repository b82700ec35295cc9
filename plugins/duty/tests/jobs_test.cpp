// The shift change announced at the boundary with a mention, and the weekly report to the owner and
// admins in private: each exactly once, across restarts and a job that runs again.
#include <catch2/catch.hpp>

#include "bot/scheduler.hpp"
#include "plugins/duty/tests/support.hpp"

using namespace duty_test;
using namespace std::chrono_literals;

namespace {

bool mentions(testing::action const& a, std::string const& user) {
    for (auto const& seg : a.msg.segments())
        if (auto const* at = std::get_if<bot::seg::at>(&seg); at && at->user == bot::id(user)) return true;
    return false;
}

/// Runs the group's duty job `handler` once more, at `when`, as a repeated or duplicated run would.
void run_again(duty_chat& chat, std::string const& handler, bot::time_point when) {
    chat.bot().scheduler().schedule("again:" + handler, "duty." + handler, bot::recurrence::once(when),
                                    chat.bot().group_tz(chat.group_ref()), chat.group_ref());
    chat.advance(when - chat.now());
}

}  // namespace

TEST_CASE("the new duty admin is announced at the shift boundary with a mention, once", "[duty][jobs]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.admin("/duty add @bob");
    auto from = chat.actions().size();
    chat.advance_to("2026-03-03 08:59");
    CHECK(group_sends(chat, from).empty());
    chat.advance_to("2026-03-03 09:00");
    auto sends = group_sends(chat, from);
    REQUIRE(sends.size() == 1);
    CHECK_THAT(sends[0].text(), Catch::StartsWith("📣 值班交接：03-03 09:00 至 03-04 09:00 由 bob 值班，有事请找 TA"));
    CHECK(mentions(sends[0], "bob"));

    // The restarted platform's record starts empty.
    chat.restart();
    run_again(chat, "shift", chat.now() + 1min);
    chat.advance_to("2026-03-03 12:00");
    CHECK(group_sends(chat).empty());

    chat.advance_to("2026-03-04 09:00");
    sends = group_sends(chat);
    REQUIRE(sends.size() == 1);
    CHECK(mentions(sends[0], "alice"));
}

TEST_CASE("a weekly roster is announced on Mondays only, and an empty one never", "[duty][jobs]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    auto from = chat.actions().size();
    chat.advance_to("2026-03-03 09:30");
    CHECK(group_sends(chat, from).empty());
    chat.admin("/duty add @alice");
    chat.admin("/duty add @bob");
    chat.admin("/duty mode weekly");
    from = chat.actions().size();
    chat.advance_to("2026-03-08 12:00");
    CHECK(group_sends(chat, from).empty());
    chat.advance_to("2026-03-09 09:00");
    auto sends = group_sends(chat, from);
    REQUIRE(sends.size() == 1);
    CHECK_THAT(sends[0].text(), Catch::Contains("03-09 09:00 至 03-16 09:00 由 bob 值班"));
}

TEST_CASE("announcements can be switched off per group", "[duty][jobs]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.admin("/set duty.announce false");
    auto from = chat.actions().size();
    chat.advance_to("2026-03-03 09:00");
    CHECK(group_sends(chat, from).empty());
}

TEST_CASE("the owner and admins get last week's KPI in private on Monday, once", "[duty][jobs]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.user("owner").is(bot::role::owner);
    chat.admin("/duty add @alice");
    chat.admin("/duty add @bob");
    chat.user("carol").says("请问周末有活动吗？");
    chat.advance_to("2026-03-03 10:00");
    chat.user("dave").says("大家好");
    chat.advance_to("2026-03-09 08:59");
    CHECK(whispers_to(chat, "boss").empty());
    chat.advance_to("2026-03-09 09:00");
    auto to_boss = whispers_to(chat, "boss");
    REQUIRE(to_boss.size() == 1);
    CHECK(to_boss[0] ==
          "📊 g1 上周值班周报（2026-03-02 至 2026-03-08）\n"
          "03-02 alice：回答问题 0，管理操作 0，消息 2 条，发言 2 人\n"
          "03-03 bob：回答问题 0，管理操作 0，消息 1 条，发言 1 人\n"
          "合计：回答问题 0，管理操作 0，消息 3 条，发言 3 人");
    CHECK(whispers_to(chat, "owner").size() == 1);
    CHECK(whispers_to(chat, "alice").empty());

    // The restarted platform's record starts empty.
    chat.restart();
    run_again(chat, "report", chat.now() + 1min);
    chat.advance_to("2026-03-10 12:00");
    CHECK(whispers_to(chat, "boss").empty());
    // The week of 03-09 has the two removals below; the week after, with nobody on duty, no report.
    chat.admin("/duty remove @alice");
    chat.admin("/duty remove @bob");
    chat.advance_to("2026-03-23 10:00");
    auto later = whispers_to(chat, "boss");
    REQUIRE(later.size() == 1);
    CHECK_THAT(later[0], Catch::Contains("2026-03-09 至 2026-03-15"));
}
