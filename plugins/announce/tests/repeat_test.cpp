// Weekly sessions: a session with a schedule opens next week's when it starts, once, also across a
// restart or a repeated job, keeping its deadline offset; cancelling one ends the series.
#include <catch2/catch.hpp>

#include "plugins/announce/tests/support.hpp"

using announce_test::count_containing;
using announce_test::loaded;

namespace {

testing::member boss(testing::fake_chat& chat) {
    return chat.user("boss").is(bot::role::admin);
}

}  // namespace

TEST_CASE("a weekly session opens next week's sign-up when it starts", "[announce][repeat]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 每周分享会 | 每周三 20:00 | 线上 | 10 | 2026-03-04 18:00");
    CHECK(chat.last() ==
          "📅 已创建分享会 #1「每周分享会」\n⏰ 2026-03-04 20:00 周三（每周三 20:00，每场开始时开放下一场的报名）\n"
          "📍 线上\n👥 上限 10 人，2026-03-04 18:00 周三 截止报名\n🎤 主持：boss\n报名：/报名 #1　取消：/取消报名 #1");
    chat.user("a").says("/报名");
    chat.clear();
    chat.advance_to("2026-03-04 20:00");
    CHECK(chat.last() == "📅 下一场「每周分享会」#2 开放报名啦：2026-03-11 20:00 周三，上限 10 人。/报名 #2");
    chat.user("b").says("/报名");
    CHECK(chat.last() == "✅ b 报名了「每周分享会」（第 1/10 位）。");
    chat.user("b").says("/sessions");
    CHECK(chat.last() == "📅 接下来的分享会：\n#2「每周分享会」2026-03-11 20:00 周三 · 线上 · 已报名 1/10");
    // The deadline keeps its distance from the start: two hours before.
    chat.advance_to("2026-03-11 18:01");
    chat.user("c").says("/报名 #2");
    CHECK(chat.last() == "⛔「每周分享会」已在 2026-03-11 18:00 周三 截止报名，报名和取消都不能再改了。");
    chat.clear();
    chat.advance_to("2026-03-11 20:00");
    CHECK(chat.replied("#3 开放报名啦：2026-03-18 20:00 周三"));
}

TEST_CASE("next week's session is created once across a restart and a repeated job", "[announce][repeat]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 每周分享会 | weekly wed 20:00 | 线上 | 10");
    chat.restart();
    chat.advance_to("2026-03-04 20:00");
    CHECK(count_containing(chat.sent(), "开放报名啦") == 1);
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    chat.bot().scheduler().schedule("announce.repeat:1", "announce.repeat", bot::recurrence::once(chat.now()), tz,
                                    chat.group_ref(), "1");
    chat.advance(std::chrono::minutes(1));
    CHECK(count_containing(chat.sent(), "开放报名啦") == 1);
    chat.restart();
    chat.advance_to("2026-03-11 21:00");
    CHECK(count_containing(chat.sent_ever(), "#3 开放报名啦") == 1);
    CHECK(count_containing(chat.sent_ever(), "#4 开放报名啦") == 0);
}

TEST_CASE("cancelling a weekly session ends the series", "[announce][repeat]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 每周分享会 | 每周三 20:00 | 线上 | 10");
    boss(chat).says("/session cancel #1");
    chat.clear();
    chat.advance_to("2026-03-12 09:00");
    CHECK(chat.sent().empty());
    chat.user("a").says("/sessions");
    CHECK(chat.last() == "📅 暂时没有要开的分享会。");
}

TEST_CASE("a repeating session needs a schedule that fires", "[announce][repeat]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 分享会 | 每0天 20:00 | 线上 | 10");
    CHECK(chat.last().starts_with("❓「每0天 20:00」永远不会发出去"));
    boss(chat).says("/session add 分享会 | 每周八 20:00 | 线上 | 10");
    CHECK(chat.last().starts_with("❓ 看不懂时间「每周八 20:00」"));
}
