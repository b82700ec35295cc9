// The rules as values: when a quiet group gets its topic (nights, the day's cap, DST days), which
// topic comes next, and how typed topics are read.
#include <catch2/catch.hpp>

#include "plugins/topics/rules.hpp"

using namespace plugins::topics;
using bot::civil_date;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

auto const ny = bot::time_zone::must_load("America/New_York");

bot::time_point at(civil_date d, int h, int m = 0) {
    return ny.from_local(d, h, m);
}

post_plan plan(bot::time_point last, civil_date today, int posts_today = 0, int cap = 2) {
    post_plan p;
    p.last_activity = last;
    p.quiet = hours(3);
    p.window = {9 * 60, 22 * 60};
    p.cap = cap;
    p.today = today;
    p.posts_today = posts_today;
    return p;
}

std::string local(std::optional<bot::time_point> t) {
    return t ? ny.to_local(*t).str() : "none";
}

constexpr civil_date monday{2026, 3, 2};

}  // namespace

TEST_CASE("a group quiet for the whole spell in its waking hours gets its topic then", "[topics][rules]") {
    auto last = at(monday, 10, 15);
    CHECK(local(next_post_time(plan(last, monday), last, ny, 0)) == "2026-03-02 13:15");
    // Asked later (a check that ran late), the answer is now, not the past.
    CHECK(local(next_post_time(plan(last, monday), at(monday, 14), ny, 0)) == "2026-03-02 14:00");
    // Quiet ending after the window closes waits for the next morning.
    auto evening = at(monday, 19, 30);
    CHECK(local(next_post_time(plan(evening, monday), evening, ny, 0)) == "2026-03-03 09:00");
}

TEST_CASE("quiet spanning the night posts at the waking start only if it is still quiet by then", "[topics][rules]") {
    auto last = at(monday, 21, 0);
    CHECK(local(next_post_time(plan(last, monday), last, ny, 0)) == "2026-03-03 09:00");
    // Someone speaks at 08:00: the group has not been quiet for 3 hours at 09:00.
    auto morning = at({2026, 3, 3}, 8, 0);
    CHECK(local(next_post_time(plan(morning, {2026, 3, 3}), morning, ny, 0)) == "2026-03-03 11:00");
    // Quiet that ended at 03:00 still waits for 09:00.
    auto night = at({2026, 3, 3}, 0, 0);
    CHECK(local(next_post_time(plan(night, {2026, 3, 3}), night, ny, 0)) == "2026-03-03 09:00");
}

TEST_CASE("the day's cap holds until the group's day boundary", "[topics][rules]") {
    auto last = at(monday, 13, 0);
    CHECK(local(next_post_time(plan(last, monday, 1), last, ny, 0)) == "2026-03-02 16:00");
    CHECK(local(next_post_time(plan(last, monday, 2), last, ny, 0)) == "2026-03-03 09:00");
    CHECK_FALSE(next_post_time(plan(last, monday, 0, 0), last, ny, 0));
    // A window from 20:00 to 02:00 crosses midnight: with today's post made at 20:00, the next
    // comes as the new group day begins at 00:00, inside the same window.
    auto p = plan(at(monday, 20, 0), monday, 1, 1);
    p.window = {20 * 60, 2 * 60};
    CHECK(local(next_post_time(p, at(monday, 20, 0), ny, 0)) == "2026-03-03 00:00");
    // With the day closing at 01:00, the day's post is at 01:00.
    CHECK(local(next_post_time(p, at(monday, 20, 0), ny, 1)) == "2026-03-03 01:00");
    // Once the window has closed, the next one opens at 20:00.
    CHECK(local(next_post_time(p, at({2026, 3, 3}, 2, 0), ny, 0)) == "2026-03-03 20:00");
    // Equal ends: around the clock.
    p.window = {0, 0};
    p.cap = 5;
    CHECK(local(next_post_time(p, at(monday, 23, 0), ny, 0)) == "2026-03-02 23:00");
}

TEST_CASE("waking hours and quiet across the spring DST change (a 23-hour day)", "[topics][rules]") {
    // Saturday 2026-03-07 21:00 EST: the quiet spell ends in the night, the post waits for Sunday
    // 09:00, which is EDT and only 11 hours of real time later (not 12).
    civil_date saturday{2026, 3, 7}, sunday{2026, 3, 8};
    auto last = at(saturday, 21, 0);
    auto next = next_post_time(plan(last, saturday), last, ny, 0);
    CHECK(local(next) == "2026-03-08 09:00");
    CHECK(*next - last == hours(11));
    // Quiet is real time: 00:30 EST plus 3 hours is 04:30 EDT, around the clock.
    auto p = plan(at(sunday, 0, 30), sunday);
    p.window = {0, 0};
    CHECK(local(next_post_time(p, at(sunday, 0, 30), ny, 0)) == "2026-03-08 04:30");
    // Saturday's cap is used up: the next topic is Sunday 09:00, 23 real hours after Saturday's.
    auto capped = next_post_time(plan(at(saturday, 12), saturday, 2), at(saturday, 12), ny, 0);
    CHECK(local(capped) == "2026-03-08 09:00");
    CHECK(*capped - at(saturday, 9) == hours(23));
}

TEST_CASE("waking hours and quiet across the autumn DST change (a 25-hour day)", "[topics][rules]") {
    civil_date saturday{2026, 10, 31}, sunday{2026, 11, 1};
    auto last = at(saturday, 21, 0);
    auto next = next_post_time(plan(last, saturday), last, ny, 0);
    CHECK(local(next) == "2026-11-01 09:00");
    CHECK(*next - last == hours(13));
    // 00:30 EDT plus 2 hours of real time is the second 01:30 (EST); the local clock shows 01:30.
    auto p = plan(at(sunday, 0, 30), sunday);
    p.quiet = hours(2);
    p.window = {0, 0};
    auto t = next_post_time(p, at(sunday, 0, 30), ny, 0);
    CHECK(local(t) == "2026-11-01 01:30");
    CHECK(*t - at(sunday, 0, 30) == hours(2));
    // Saturday's cap is used up: Saturday 09:00 to Sunday 09:00 is 25 real hours.
    auto capped = next_post_time(plan(at(saturday, 12), saturday, 2), at(saturday, 12), ny, 0);
    CHECK(local(capped) == "2026-11-01 09:00");
    CHECK(*capped - at(saturday, 9) == hours(25));
}

TEST_CASE("the rotation posts every topic once before any repeats, alternating categories", "[topics][rules]") {
    std::vector<rotation_entry> bank{{1, "通用", 0}, {2, "通用", 0}, {3, "专业", 0}};
    std::string last;
    std::vector<int> order;
    for (int i = 0; i < 6; ++i) {
        auto n = pick_next(bank, last);
        REQUIRE(n);
        order.push_back(*n);
        auto& e = bank[static_cast<std::size_t>(*n - 1)];
        ++e.rounds;
        last = e.category;
    }
    // Each round holds every topic once; within a round the category changes when it can.
    CHECK(order == std::vector<int>{1, 3, 2, 3, 1, 2});
    // A topic that joins mid-round (in the current round) comes before any repeat.
    std::vector<rotation_entry> mid{{1, "通用", 1}, {2, "通用", 0}, {4, "通用", 0}};
    CHECK(pick_next(mid, "通用") == 2);
    CHECK_FALSE(pick_next({}, ""));
}

TEST_CASE("typed topics: a category first, in brackets or as a word, and numbers", "[topics][rules]") {
    std::vector<std::string> cats{"通用", "专业", "Tech"};
    auto t = read_topic("专业 最近在读什么？", cats);
    CHECK(t.category == "专业");
    CHECK(t.text == "最近在读什么？");
    t = read_topic("【tech】 Rust 还是 Go？", cats);
    CHECK(t.category == "Tech");
    CHECK(t.text == "Rust 还是 Go？");
    t = read_topic("[生活] 周末去哪儿", cats);
    CHECK(t.unknown == "生活");
    t = read_topic("生活 周末去哪儿", cats);
    CHECK(t.category.empty());
    CHECK(t.text == "生活 周末去哪儿");
    t = read_topic("专业", cats);
    CHECK(t.category == "专业");
    CHECK(t.text.empty());
    CHECK(parse_number("#12") == 12);
    CHECK(parse_number("＃7") == 7);
    CHECK(parse_number("3") == 3);
    CHECK_FALSE(parse_number("#"));
    CHECK_FALSE(parse_number("#0"));
    CHECK_FALSE(parse_number("三"));
    CHECK_FALSE(parse_number("#3x"));
    CHECK(normalized("  Rust   还是 Go？？ ") == normalized("rust 还是 go"));
    CHECK(normalized("周末去哪儿") != normalized("周末去哪"));
}
