// The morning greeting: one message for the day's birthdays, once per group and day, at greet_at in
// the group's zone (DST included), and only on its own day when a missed run is caught up.
#include <catch2/catch.hpp>

#include "bot/clock.hpp"
#include "plugins/birthday/tests/support.hpp"

using birthday_test::count_containing;
using birthday_test::greeting;
using birthday_test::loaded;

namespace {

/// bob and carol on 03-03, dave on 03-04, erin on 03-03 but quiet.
void four_birthdays(testing::fake_chat& chat) {
    chat.user("bob").says("/birthday 03-03");
    chat.user("carol").says("/birthday 1995-03-03");
    chat.user("dave").says("/birthday 03-04");
    chat.user("erin").says("/birthday 03-03");
    chat.user("erin").says("/birthday quiet");
    chat.clear();
}

/// Moves the clock as if the bot were down meanwhile, then starts it again.
void down_until(testing::fake_chat& chat, std::string const& local) {
    auto& clock = dynamic_cast<bot::manual_clock&>(chat.bot().clock());
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    auto date =
        bot::civil_date{std::stoi(local.substr(0, 4)), std::stoi(local.substr(5, 2)), std::stoi(local.substr(8, 2))};
    clock.set(tz.from_local(date, std::stoi(local.substr(11, 2)), std::stoi(local.substr(14, 2))));
    chat.restart();
    chat.advance(std::chrono::seconds(1));
}

}  // namespace

TEST_CASE("one morning message greets all of the day's birthdays", "[birthday][greet]") {
    testing::fake_chat chat("", loaded());
    four_birthdays(chat);
    chat.advance_to("2026-03-03 07:59");
    CHECK(count_containing(chat.sent(), greeting) == 0);
    auto from = chat.actions().size();
    chat.advance_to("2026-03-03 08:00");
    auto sends = birthday_test::group_sends(chat, from);
    REQUIRE(sends.size() == 1);
    CHECK(sends[0].text() == "🎂 今天是 2 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉 @bob @carol");
    CHECK(sends[0].msg.mentions(bot::id("bob")));
    CHECK(sends[0].msg.mentions(bot::id("carol")));
    CHECK_FALSE(sends[0].msg.mentions(bot::id("erin")));
    CHECK_FALSE(sends[0].msg.mentions(bot::id("dave")));
    chat.clear();
    chat.advance_to("2026-03-04 08:00");
    CHECK(chat.sent() == std::vector<std::string>{"🎂 今天是 1 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉 @dave"});
}

TEST_CASE("a day with no birthdays sends nothing", "[birthday][greet]") {
    testing::fake_chat chat("", loaded());
    four_birthdays(chat);
    chat.advance_to("2026-03-05 09:00");
    CHECK(count_containing(chat.sent(), greeting) == 2);
    chat.clear();
    chat.advance_to("2026-03-08 09:00");
    CHECK(chat.sent().empty());
}

TEST_CASE("the greeting is sent once a day across a restart and a repeated job", "[birthday][greet]") {
    testing::fake_chat chat("", loaded());
    four_birthdays(chat);
    chat.advance_to("2026-03-03 08:00");
    CHECK(count_containing(chat.sent(), greeting) == 1);
    chat.clear();
    chat.restart();
    chat.advance_to("2026-03-03 09:00");
    // Moving the greeting later the same day runs the job again that day: it finds the claim.
    chat.user("boss").is(bot::role::admin).says("/set birthday.greet_at 10:00");
    chat.advance_to("2026-03-03 10:30");
    CHECK(count_containing(chat.sent(), greeting) == 0);
    chat.restart();
    chat.advance_to("2026-03-04 10:00");
    CHECK(count_containing(chat.sent(), "🎉 @dave") == 1);
    CHECK(count_containing(chat.sent(), greeting) == 1);
}

TEST_CASE("a time zone change that brings greet_at round again the same day greets once", "[birthday][greet]") {
    testing::fake_chat chat("", loaded());
    four_birthdays(chat);
    chat.advance_to("2026-03-03 08:00");
    CHECK(count_containing(chat.sent(), greeting) == 1);
    // 13:30 in Shanghai is 00:30 on the same 03-03 in New York: 08:00 there comes round again.
    chat.advance_to("2026-03-03 13:30");
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    REQUIRE(chat.replied("已设置 timezone"));
    chat.clear();
    chat.advance_to("2026-03-03 21:30");
    CHECK(count_containing(chat.sent(), greeting) == 0);
    chat.advance_to("2026-03-04 21:00");  // 08:00 on 03-04 in New York
    CHECK(chat.sent() == std::vector<std::string>{"🎂 今天是 1 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉 @dave"});
}

TEST_CASE("a greeting missed while the bot was down goes out only on its own day", "[birthday][greet]") {
    testing::fake_chat chat("", loaded());
    four_birthdays(chat);
    chat.advance_to("2026-03-03 07:00");
    // Back at 10:00 the same day: the 08:00 greeting is caught up.
    down_until(chat, "2026-03-03 10:00");
    CHECK(count_containing(chat.sent(), "🎉 @bob @carol") == 1);
    chat.clear();
    // Down from before 03-04 08:00 until 03-05: dave's day is over and is not greeted late.
    chat.advance_to("2026-03-04 07:00");
    down_until(chat, "2026-03-05 09:00");
    CHECK(count_containing(chat.sent(), greeting) == 0);
}

TEST_CASE("02-29 birthdays are greeted on 02-28 in a year without 02-29", "[birthday][greet]") {
    testing::fake_chat chat("", loaded(), "2027-02-27 09:00");
    chat.user("leap").says("/birthday 02-29");
    chat.user("bob").says("/birthday 02-28");
    chat.clear();
    chat.advance_to("2027-02-28 08:00");
    CHECK(chat.sent() ==
          std::vector<std::string>{"🎂 今天是 2 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉 @bob @leap"});
    chat.clear();
    chat.advance_to("2027-03-01 09:00");
    CHECK(chat.sent().empty());
}

TEST_CASE("the greeting is at greet_at in New York on both sides of the DST change", "[birthday][greet]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    chat.user("bob").says("/birthday 03-07");    // the day before the change (EST, UTC-5)
    chat.user("dave").says("/birthday 03-08");   // the day of the change (02:00 EST becomes 03:00 EDT)
    chat.user("carol").says("/birthday 03-09");  // the day after (EDT, UTC-4)
    chat.clear();
    // 08:00 EST on 03-07 is 21:00 in Shanghai; 08:00 EDT on 03-08 and 03-09 is 20:00.
    chat.advance_to("2026-03-07 20:59");
    CHECK(count_containing(chat.sent(), "@bob") == 0);
    chat.advance_to("2026-03-07 21:00");
    CHECK(count_containing(chat.sent(), "@bob") == 1);
    chat.advance_to("2026-03-08 19:59");
    CHECK(count_containing(chat.sent(), "@dave") == 0);
    chat.advance_to("2026-03-08 20:00");
    CHECK(count_containing(chat.sent(), "@dave") == 1);
    chat.advance_to("2026-03-09 19:59");
    CHECK(count_containing(chat.sent(), "@carol") == 0);
    chat.advance_to("2026-03-09 20:00");
    CHECK(count_containing(chat.sent(), "@carol") == 1);
    CHECK(count_containing(chat.sent(), greeting) == 3);
}

TEST_CASE("the greeting stays at greet_at in New York when DST ends", "[birthday][greet]") {
    testing::fake_chat chat("", loaded(), "2026-10-30 09:00");
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    chat.user("bob").says("/birthday 10-31");    // EDT, UTC-4: 08:00 is 20:00 in Shanghai
    chat.user("carol").says("/birthday 11-01");  // the change at 02:00; EST, UTC-5: 08:00 is 21:00
    chat.clear();
    chat.advance_to("2026-10-31 19:59");
    CHECK(count_containing(chat.sent(), "@bob") == 0);
    chat.advance_to("2026-10-31 20:00");
    CHECK(count_containing(chat.sent(), "@bob") == 1);
    chat.advance_to("2026-11-01 20:59");
    CHECK(count_containing(chat.sent(), "@carol") == 0);
    chat.advance_to("2026-11-01 21:00");
    CHECK(count_containing(chat.sent(), "@carol") == 1);
    CHECK(count_containing(chat.sent(), greeting) == 2);
}

TEST_CASE("a group can move the greeting or switch it off", "[birthday][greet]") {
    testing::fake_chat chat("[plugins.birthday]\ngreet_at = \"09:30\"\n", loaded());
    four_birthdays(chat);
    chat.advance_to("2026-03-03 09:29");
    CHECK(count_containing(chat.sent(), greeting) == 0);
    chat.advance_to("2026-03-03 09:30");
    CHECK(count_containing(chat.sent(), greeting) == 1);
    chat.user("boss").is(bot::role::admin).says("/set birthday.greet false");
    chat.clear();
    chat.advance_to("2026-03-04 12:00");
    CHECK(count_containing(chat.sent(), greeting) == 0);
    chat.user("dave").says("/birthday 03-04");
    CHECK(chat.last() == "🎂 记下了：dave 的生日是 3月4日。");
}

TEST_CASE("many birthdays on one day are split by max_mentions", "[birthday][greet]") {
    testing::fake_chat chat("[plugins.birthday]\nmax_mentions = 2\n", loaded());
    for (auto const* who : {"a1", "a2", "a3"}) chat.user(who).says("/birthday 03-03");
    chat.clear();
    chat.advance_to("2026-03-03 08:00");
    CHECK(chat.sent() == std::vector<std::string>{"🎂 今天是 3 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉 @a1 @a2",
                                                  "🎂 今天是 3 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉 @a3"});
}
