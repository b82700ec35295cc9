#include <catch2/catch.hpp>

#include "plugins/checkin/checkin.hpp"

using namespace plugins::checkin;
using bot::civil_date;

namespace {
civil_date d(int m, int day) { return {2026, m, day}; }
}  // namespace

TEST_CASE("a check-in the day after the last one extends the streak", "[checkin][rules]") {
    CHECK(tally_after(d(3, 2), std::nullopt, 0) == tally{1, 1});
    CHECK(tally_after(d(3, 3), previous{d(3, 2), {1, 1}}, 0) == tally{2, 2});
}

TEST_CASE("a missed day restarts the streak but keeps the total", "[checkin][rules]") {
    CHECK(tally_after(d(3, 5), previous{d(3, 3), {4, 9}}, 0) == tally{1, 10});
}

TEST_CASE("days on leave bridge the gap, a gap with any unexcused day does not", "[checkin][rules]") {
    CHECK(tally_after(d(3, 6), previous{d(3, 3), {4, 9}}, 2) == tally{5, 10});
    CHECK(tally_after(d(3, 6), previous{d(3, 3), {4, 9}}, 1) == tally{1, 10});
}

TEST_CASE("replaying a history with a make-up and leave gives each day's tally", "[checkin][rules]") {
    auto t = replay({{d(3, 5), entry_kind::done},
                     {d(3, 2), entry_kind::done},
                     {d(3, 3), entry_kind::makeup},
                     {d(3, 4), entry_kind::leave},
                     {d(3, 7), entry_kind::done}});
    CHECK(t.at(d(3, 2).serial()) == tally{1, 1});
    CHECK(t.at(d(3, 3).serial()) == tally{2, 2});
    CHECK(t.at(d(3, 5).serial()) == tally{3, 3});
    CHECK(t.at(d(3, 7).serial()) == tally{1, 4});
    CHECK(t.count(d(3, 4).serial()) == 0);
}

TEST_CASE("the streak shown today is alive until a whole day is missed", "[checkin][rules]") {
    previous last{d(3, 4), {3, 7}};
    CHECK(current_streak(last, d(3, 4), 0) == 3);
    CHECK(current_streak(last, d(3, 5), 0) == 3);
    CHECK(current_streak(last, d(3, 6), 0) == 0);
    CHECK(current_streak(last, d(3, 6), 1) == 3);
    CHECK(current_streak(std::nullopt, d(3, 6), 0) == 0);
}

TEST_CASE("the group day follows the close hour and the time zone", "[checkin][rules]") {
    auto shanghai = bot::time_zone::must_load("Asia/Shanghai");
    auto new_york = bot::time_zone::must_load("America/New_York");
    auto at_0130 = shanghai.from_local(d(3, 3), 1, 30);
    CHECK(bot::day_of(at_0130, shanghai, 0) == d(3, 3));
    CHECK(bot::day_of(at_0130, shanghai, 4) == d(3, 2));
    // 09:00 in Shanghai is 20:00 the evening before in New York (UTC-5 in early March).
    auto morning = shanghai.from_local(d(3, 3), 9, 0);
    CHECK(bot::day_of(morning, new_york, 0) == d(3, 2));
    // Two check-ins five hours apart: one Shanghai day, but two New York days, so a streak of 2 there.
    auto later = morning + std::chrono::hours(5);
    auto first = tally_after(bot::day_of(morning, new_york, 0), std::nullopt, 0);
    auto second = tally_after(bot::day_of(later, new_york, 0), previous{bot::day_of(morning, new_york, 0), first}, 0);
    CHECK(second == tally{2, 2});
    CHECK(bot::day_of(later, shanghai, 0) == bot::day_of(morning, shanghai, 0));
}

TEST_CASE("output requirements count Chinese characters, not bytes", "[checkin][rules]") {
    CHECK(utf8_length("今天读了三章") == 6);
    CHECK(check_output(requirement::none, 10, {}) == shortfall::none);
    CHECK(check_output(requirement::text, 6, {6, 0}) == shortfall::none);
    CHECK(check_output(requirement::text, 6, {5, 0}) == shortfall::text);
    CHECK(check_output(requirement::image, 6, {50, 0}) == shortfall::image);
    CHECK(check_output(requirement::text_or_image, 6, {0, 1}) == shortfall::none);
    CHECK(check_output(requirement::text_or_image, 6, {2, 0}) == shortfall::text_or_image);
    CHECK(check_output(requirement::text_and_image, 6, {8, 0}) == shortfall::image);
    CHECK(check_output(requirement::text_and_image, 6, {0, 2}) == shortfall::text);
    CHECK(check_output(requirement::text_and_image, 6, {8, 1}) == shortfall::none);
    CHECK(parse_requirement("text_or_image") == requirement::text_or_image);
}

TEST_CASE("leave is capped per Monday-to-Sunday week and skips days already counted", "[checkin][rules]") {
    // 2026-03-06 is a Friday: Fri, Sat fall in one week, Sun too, Mon the next.
    auto plan = plan_leave(d(3, 6), 4, {}, {}, 3);
    REQUIRE(plan.days.size() == 4);
    CHECK(plan.days.back() == d(3, 9));

    auto over = plan_leave(d(3, 6), 4, {d(3, 2).serial()}, {}, 3);
    CHECK(over.days.empty());
    REQUIRE(over.over);
    CHECK(*over.over == d(3, 6));
    CHECK(over.week_used == 1);
    CHECK(over.week_need == 3);

    auto skip = plan_leave(d(3, 6), 2, {d(3, 6).serial()}, {d(3, 7).serial()}, 3);
    CHECK(skip.days.empty());
    CHECK_FALSE(skip.over);
    CHECK(skip.leave == std::vector{d(3, 6)});
    CHECK(skip.done == std::vector{d(3, 7)});
}

TEST_CASE("a leave count is a number, full-width or in Chinese numerals, and anything else is the reason",
          "[checkin][rules]") {
    auto r = parse_leave("3 出差");
    CHECK((r.days == 3 && r.days_given && r.reason == "出差" && !r.bad));
    CHECK(parse_leave("２天").days == 2);
    CHECK(parse_leave("十二").days == 12);
    CHECK(parse_leave("两天\u3000旅游").reason == "旅游");
    auto reason = parse_leave("出差 两天");
    CHECK((reason.days == 1 && !reason.days_given && reason.reason == "出差 两天"));
    CHECK(parse_leave("2abc").bad);
    CHECK(parse_leave("明天").bad);
    CHECK_FALSE(parse_leave("").days_given);
}

TEST_CASE("yesterday can be made up inside the window and the monthly quota", "[checkin][rules]") {
    auto start = bot::time_point(std::chrono::hours(1000));
    auto window = std::chrono::hours(12);
    CHECK(check_makeup(false, start + std::chrono::hours(11), start, window, 0, 2) == makeup_verdict::ok);
    CHECK(check_makeup(false, start + std::chrono::hours(12), start, window, 0, 2) == makeup_verdict::too_late);
    CHECK(check_makeup(true, start, start, window, 0, 2) == makeup_verdict::already_done);
    CHECK(check_makeup(false, start, start, window, 2, 2) == makeup_verdict::quota_used);
    CHECK(check_makeup(false, start, start, window, 0, 0) == makeup_verdict::off);
}

TEST_CASE("a missed run counts from the last marked day or from joining", "[checkin][rules]") {
    CHECK(missed_run(d(3, 5), d(3, 2), d(3, 1)) == 3);
    CHECK(missed_run(d(3, 5), d(3, 5), d(3, 1)) == 0);
    CHECK(missed_run(d(3, 5), std::nullopt, d(3, 4)) == 2);
    CHECK(missed_run(d(3, 5), std::nullopt, d(3, 9)) == 0);
}

TEST_CASE("the month calendar starts on Monday and marks each day", "[checkin][rules]") {
    // March 2026 starts on a Sunday.
    std::map<long, entry_kind> marks{{d(3, 1).serial(), entry_kind::done},
                                     {d(3, 2).serial(), entry_kind::leave},
                                     {d(3, 3).serial(), entry_kind::makeup}};
    auto cal = render_calendar(2026, 3, marks, d(3, 5), d(3, 1));
    auto first_row = cal.substr(cal.find('\n') + 1, cal.find('\n', cal.find('\n') + 1) - cal.find('\n') - 1);
    CHECK(first_row == "　 　 　 　 　 　 ✅");
    CHECK(cal.find("🏖 🔁 ❌ ⏳ · · ·") != std::string::npos);
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(2028, 2) == 29);
}

TEST_CASE("a burst of confirmations is combined after the first few", "[checkin][rules]") {
    coalescer c(3, std::chrono::seconds(60));
    auto t = bot::time_point(std::chrono::hours(1000));
    using v = coalescer::verdict;
    CHECK(c.admit(t) == v::reply);
    CHECK(c.admit(t + std::chrono::seconds(1)) == v::reply);
    CHECK(c.admit(t + std::chrono::seconds(2)) == v::reply);
    CHECK(c.admit(t + std::chrono::seconds(3)) == v::queue_and_schedule);
    CHECK(*c.flush_at() == t + std::chrono::seconds(63));
    CHECK(c.admit(t + std::chrono::seconds(4)) == v::queue);
    c.flushed(t + std::chrono::seconds(63));
    CHECK_FALSE(c.flush_at());
    // The window slides: long after the rush each check-in gets its own reply again.
    CHECK(c.admit(t + std::chrono::seconds(200)) == v::reply);
}
