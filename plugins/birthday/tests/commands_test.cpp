// The member and admin commands through the fake chat.
#include <catch2/catch.hpp>

#include "plugins/birthday/tests/support.hpp"

using birthday_test::loaded;

TEST_CASE("a member records a birthday and sees it as month and day only", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 1990-03-14");
    CHECK(
        chat.last() ==
        "🎂 记下了：bob 的生日是 3月14日。当天早上会在群里为你送上祝福～（年份只用来核对日期，没有保存，也不会显示。）");
    chat.user("bob").says("/生日");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月14日。");
    CHECK_FALSE(chat.replied("1990"));
    chat.user("bob").says("/生日 3月15日");
    CHECK(chat.last() == "🎂 记下了：bob 的生日是 3月15日。当天早上会在群里为你送上祝福～");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月15日。");
}

TEST_CASE("bad input gets a clear reply and changes nothing", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 03-14");
    chat.user("bob").says("/birthday 02-30");
    CHECK(chat.last() == "「02-30」不是一个存在的日期（月份 1–12，日子不超过当月天数），生日没有改动。");
    chat.user("bob").says("/birthday 13-01");
    CHECK(chat.last() == "「13-01」不是一个存在的日期（月份 1–12，日子不超过当月天数），生日没有改动。");
    chat.user("bob").says("/birthday 2030-05-01");
    CHECK(chat.last() == "「2030-05-01」还在未来，不能是生日，生日没有改动。");
    chat.user("bob").says("/birthday 1800-05-01");
    CHECK(chat.last() == "「1800-05-01」的年份太早了（最多 130 年前），请检查一下，生日没有改动。");
    chat.user("bob").says("/birthday next tuesday");
    CHECK(chat.last().starts_with("没看懂「nexttuesday」") == false);
    CHECK(chat.last().starts_with("没看懂「next tuesday」，生日没有改动。请写月-日"));
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月14日。");
    // A refusal for a member with nothing recorded records nothing either.
    chat.user("carol").says("/birthday 02-30");
    chat.user("carol").says("/birthday");
    CHECK(chat.last() == "你还没有在本群登记生日。发送「/生日 03-14」登记，只记月和日。");
}

TEST_CASE("a member removes their birthday", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday remove");
    CHECK(chat.last() == "你在本群没有登记生日，没有什么要删除的。");
    chat.user("bob").says("/生日 03-14");
    chat.user("bob").says("/生日 删除");
    CHECK(chat.last() == "已删除你在本群登记的生日。");
    chat.user("bob").says("/生日");
    CHECK(chat.last() == "你还没有在本群登记生日。发送「/生日 03-14」登记，只记月和日。");
}

TEST_CASE("a birthday is known only in the group it was told in", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 03-14");
    chat.user("bob").in("g2").says("/birthday");
    CHECK(chat.last() == "你还没有在本群登记生日。发送「/生日 03-14」登记，只记月和日。");
    chat.user("bob").in("g2").says("/birthday 07-01");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月14日。");
}

TEST_CASE("birthdays survive a restart", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 03-14");
    chat.user("bob").says("/birthday quiet");
    chat.restart();
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月14日。（不公开祝福）");
}

TEST_CASE("a member can opt out of the public greeting and back in", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/生日 不公开");
    CHECK(chat.last() == "你还没有在本群登记生日。发送「/生日 03-14」登记，只记月和日。");
    chat.user("bob").says("/生日 03-14");
    chat.user("bob").says("/生日 不公开");
    CHECK(chat.last() == "好的，你生日那天不会在群里公开祝福（生日仍保存，发「/生日 公开」可恢复）。");
    // Correcting the day keeps the choice.
    chat.user("bob").says("/生日 03-15");
    CHECK(chat.last() == "🎂 记下了：bob 的生日是 3月15日。你选择了不公开祝福，当天不会在群里 @ 你。");
    chat.user("bob").says("/birthday public");
    CHECK(chat.last() == "好的，你生日那天会在群里收到祝福。");
}

TEST_CASE("an admin gets the month's list in private, never in the group", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 1990-03-14");
    chat.user("carol").says("/birthday 03-02");
    chat.user("carol").says("/birthday quiet");
    chat.user("dave").says("/birthday 04-01");
    chat.clear();
    auto from = chat.actions().size();
    chat.user("boss").is(bot::role::admin).says("/birthday month");
    CHECK(chat.last() == "3 月的生日名单已私信发给你。");
    auto whispers = birthday_test::whispers_to(chat, "boss", from);
    REQUIRE(whispers.size() == 1);
    CHECK(whispers[0] == "🎂 群 g1 3 月的生日（2 人）：\n3月2日  carol（不公开祝福）\n3月14日  bob");
    CHECK(birthday_test::count_containing(chat.sent(), "3月14日") == 1);  // the whisper only
    chat.user("boss").says("/生日 名单 4月");
    CHECK(birthday_test::whispers_to(chat, "boss", from).back() == "🎂 群 g1 4 月的生日（1 人）：\n4月1日  dave");
    chat.user("boss").says("/生日 名单 5");
    CHECK(chat.last() == "5 月本群没有人登记生日。");
    chat.user("boss").says("/生日 名单 13");
    CHECK(chat.last() == "没看懂月份「13」，请写 1 到 12，例如「/生日 名单 3」。");
}

TEST_CASE("when the private list cannot be sent the group hears so without the list", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 03-14");
    chat.clear();
    chat.platform().fail_sends = 1;
    chat.user("boss").is(bot::role::admin).says("/birthday month 3");
    CHECK(chat.last() == "私信发送失败（可能需要先加我为好友或开启临时会话），名单没有发在群里。");
    CHECK_FALSE(chat.replied("bob"));
}

TEST_CASE("the month list and forgetting a member are for admins", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 03-14");
    chat.clear();
    chat.user("carol").says("/birthday month");
    CHECK_FALSE(chat.replied("3月14日"));
    chat.user("carol").says("/birthday forget @bob");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月14日。");
    chat.user("boss").is(bot::role::admin).says("/生日 清除 @bob");
    CHECK(chat.last() == "已删除 bob 在本群登记的生日。");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "你还没有在本群登记生日。发送「/生日 03-14」登记，只记月和日。");
}

TEST_CASE("a member who leaves takes their birthday with them", "[birthday][commands]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/birthday 03-14");
    chat.user("bob").leaves();
    chat.user("boss").is(bot::role::admin).says("/birthday month 3");
    CHECK(chat.last() == "3 月本群没有人登记生日。");
}
