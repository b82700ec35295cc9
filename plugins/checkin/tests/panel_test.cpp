// The console panels: the calendar, members and boards ("checkins") and the daily rate ("health"),
// read after a week of check-ins, leave and a make-up played through the chat.
#include <catch2/catch.hpp>

#include "plugins/checkin/checkin.hpp"
#include "tests/support/panel_support.hpp"
#include "plugins/checkin/tests/support.hpp"
#include "storage/database.hpp"

using checkin_test::loaded;
using panel_test::block;
using panel_test::draw;
using panel_test::fact;
using panel_test::row;
namespace panel = bot::panel;

namespace {

using cells = std::vector<std::string>;

constexpr char const* quiet = "[plugins.checkin]\nremind = false\nroll_call = false\nabsent_days = 0\n";

/// 03-02 alice and bob check in; 03-03 all three (mallory, whose card carries reordering marks,
/// for the first time); 03-04 only alice, bob on leave; 03-05 alice and mallory; 03-06 alice, and
/// bob makes up 03-05. Ends on 03-06 at 09:00.
void a_week(testing::fake_chat& chat) {
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.user("mallory").card("Mal\u202Elory\u2067").says("打卡");
    chat.advance_to("2026-03-04 09:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("/请假 1 出差");
    chat.advance_to("2026-03-05 09:00");
    chat.user("alice").says("打卡");
    chat.user("mallory").says("打卡");
    chat.advance_to("2026-03-06 09:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("/补卡 昨天的笔记");
}

/// The heat map cell of a date.
panel::day_cell cell(panel::heatmap const& h, std::string const& date) {
    for (auto const& d : h.days)
        if (d.date == date) return d;
    throw std::runtime_error("no cell " + date);
}

}  // namespace

TEST_CASE("heat levels are quarters of the busiest day, rounded up, and rates have one decimal", "[checkin][panel]") {
    using plugins::checkin::heat_level;
    using plugins::checkin::percent;
    CHECK(heat_level(0, 3) == 0);
    CHECK(heat_level(1, 3) == 2);
    CHECK(heat_level(2, 3) == 3);
    CHECK(heat_level(3, 3) == 4);
    CHECK(heat_level(1, 100) == 1);
    CHECK(heat_level(25, 100) == 1);
    CHECK(heat_level(26, 100) == 2);
    CHECK(heat_level(0, 0) == 0);
    CHECK(percent(2, 3) == 66.7);
    CHECK(percent(1, 3) == 33.3);
    CHECK(percent(9, 11) == 81.8);
    CHECK(percent(3, 3) == 100);
    CHECK(percent(0, 0) == 0);
}

TEST_CASE("the check-in panels are on the check-ins and health pages", "[checkin][panel]") {
    testing::fake_chat chat(quiet, loaded());
    CHECK(panel_test::definition(chat, "checkin", "checkins").section == "checkins");
    CHECK(panel_test::definition(chat, "checkin", "checkins").title == "打卡");
    CHECK(panel_test::definition(chat, "checkin", "rate").section == "health");
    CHECK(panel_test::definition(chat, "checkin", "rate").title == "打卡率");
}

TEST_CASE("the check-ins panel shows 90 days of the group, each member's standing and the boards", "[checkin][panel]") {
    testing::fake_chat chat(quiet, loaded());
    a_week(chat);
    CHECK(chat.replied("🔁 已补卡 2026-03-05。连续 3 天，累计 3 天。"));
    // The boards as /rank shows them, before a raw name is slipped in below.
    chat.user("alice").says("/rank 本周");
    CHECK(chat.last() == "🏆 本周打卡榜（2026-03-06）\n1. alice 5 天\n2. bob 3 天\n3. Mallory 2 天");
    // A name stored raw (by an older version, say) is cleaned where the panel prints it.
    chat.bot().db().exec("UPDATE checkin_members SET name = 'Mal\u202Elory\u2067\n' WHERE user = 's:mallory'");

    auto page = draw(chat, "checkin", "checkins");
    auto const& calendar = block<panel::heatmap>(page);
    CHECK(calendar.title == "近 90 天每天打卡人数");
    REQUIRE(calendar.days.size() == 90);
    CHECK(calendar.days.front().date == "2025-12-07");
    CHECK(calendar.days.back().date == "2026-03-06");  // today, by the bot's clock: not the machine's
    // Counted check-ins (make-ups too) per day; the busiest day, 3, is level 4.
    CHECK(cell(calendar, "2026-03-01").level == 0);
    CHECK(cell(calendar, "2026-03-02").level == 3);
    CHECK(cell(calendar, "2026-03-03").level == 4);
    CHECK(cell(calendar, "2026-03-04").level == 2);
    CHECK(cell(calendar, "2026-03-04").note == "2026-03-04：1 人打卡，1 人请假");
    CHECK(cell(calendar, "2026-03-05").level == 4);
    CHECK(cell(calendar, "2026-03-05").note == "2026-03-05：3 人打卡");
    CHECK(cell(calendar, "2026-03-06").level == 2);

    auto const& members = block<panel::table>(page, "成员");
    CHECK(members.columns == cells{"成员", "连续", "本月打卡", "累计", "本月请假", "本月补卡", "加入"});
    REQUIRE(members.rows.size() == 3);
    CHECK(members.rows[0].cells == cells{"alice", "5", "5", "5", "0", "0", "2026-03-02"});
    // Leave on 03-04 bridges bob's streak; the make-up of 03-05 counts.
    CHECK(members.rows[1].cells == cells{"bob", "3", "3", "3", "1", "1", "2026-03-02"});
    CHECK(members.rows[2].cells == cells{"Mallory", "1", "2", "2", "0", "0", "2026-03-03"});

    CHECK(block<panel::table>(page, "今日打卡榜").rows.size() == 1);
    CHECK(row(block<panel::table>(page, "今日打卡榜"), "1").cells == cells{"1", "alice", "5"});
    auto const& week = block<panel::table>(page, "本周打卡榜");
    REQUIRE(week.rows.size() == 3);
    CHECK(week.rows[0].cells == cells{"1", "alice", "5"});
    CHECK(week.rows[1].cells == cells{"2", "bob", "3"});
    CHECK(week.rows[2].cells == cells{"3", "Mallory", "2"});
    CHECK(block<panel::table>(page, "累计打卡榜").rows.size() == 3);
    auto const& streaks = block<panel::table>(page, "连续打卡榜");
    CHECK(streaks.columns == cells{"名次", "成员", "连续天数"});
    REQUIRE(streaks.rows.size() == 3);
    CHECK(streaks.rows[2].cells == cells{"3", "Mallory", "1"});
}

TEST_CASE("the health panel charts the daily rate of the last 30 closed days", "[checkin][panel]") {
    testing::fake_chat chat(quiet, loaded());
    a_week(chat);
    auto page = draw(chat, "checkin", "rate");
    auto const& chart = block<panel::chart>(page);
    REQUIRE(chart.labels.size() == 30);
    CHECK(chart.labels.front() == "02-04");
    CHECK(chart.labels.back() == "03-05");
    REQUIRE(chart.data.size() == 1);
    auto const& rate = chart.data.front().values;
    REQUIRE(rate.size() == 30);
    // Before anyone was on the roster: 0. Then 2/2, 3/3, 1/3 (bob on leave, mallory missing), 3/3
    // (bob's make-up counts).
    CHECK(rate[25] == 0);
    CHECK(rate[26] == 100);
    CHECK(rate[27] == 100);
    CHECK(rate[28] == 33.3);
    CHECK(rate[29] == 100);
    auto const& summary = block<panel::facts>(page);
    CHECK(fact(summary, "昨天") == "3/3 人（100%）");
    CHECK(fact(summary, "近 30 天") == "9/11 人次（81.8%）");
}

TEST_CASE("the panels' days are the group's days: its day-close hour and the bot's clock", "[checkin][panel]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("boss").is(bot::role::admin).says("/set day_close_hour 4");
    chat.advance_to("2026-03-03 02:00");  // before 04:00: still the group's 03-02
    chat.user("alice").says("打卡");
    auto page = draw(chat, "checkin", "checkins");
    auto const& calendar = block<panel::heatmap>(page);
    CHECK(calendar.days.back().date == "2026-03-02");
    CHECK(calendar.days.back().level == 4);
    CHECK(calendar.days.back().note == "2026-03-02：1 人打卡");
    CHECK(row(block<panel::table>(page, "今日打卡榜"), "1").cells == cells{"1", "alice", "1"});
    auto rate = draw(chat, "checkin", "rate");
    CHECK(block<panel::chart>(rate).labels.back() == "03-01");

    chat.advance_to("2026-03-03 05:00");  // the group's 03-03 has begun
    page = draw(chat, "checkin", "checkins");
    CHECK(block<panel::heatmap>(page).days.back().date == "2026-03-03");
    CHECK(block<panel::heatmap>(page).days.back().level == 0);
    CHECK(block<panel::table>(page, "今日打卡榜").rows.empty());
    rate = draw(chat, "checkin", "rate");
    CHECK(block<panel::chart>(rate).data.front().values.back() == 100);
    CHECK(fact(block<panel::facts>(rate), "昨天") == "1/1 人（100%）");
}
