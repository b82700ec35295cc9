// The rules as plain functions: ranges, trends, per-day and period figures, silent members, top
// talkers, the member cap, the tally and the open questions.
#include <catch2/catch.hpp>

#include "plugins/stats/rules.hpp"
#include "plugins/stats/tally.hpp"

using namespace plugins::stats;

namespace {

bot::civil_date d(int day) { return {2026, 3, day}; }

group_data sample() {
    group_data g;
    g.counts = {{d(2), 12, 2, 1, 1, 0, 40}, {d(3), 3, 0, 0, 0, 1, std::nullopt}, {d(9), 6, 1, 1, 2, 0, 41}};
    g.members = {{d(2), "u:a", "alice", 6}, {d(2), "u:b", "bob", 6}, {d(3), "u:c", "carol", 3},
                 {d(9), "u:a", "Alice2", 5}, {d(9), "u:d", "dave", 1}};
    return g;
}

}  // namespace

TEST_CASE("a range word names 7, 30 or 1 days, and nothing else", "[stats][rules]") {
    CHECK(parse_range("") == 7);
    CHECK(parse_range(" 7d ") == 7);
    CHECK(parse_range("30D") == 30);
    CHECK(parse_range("30天") == 30);
    CHECK(parse_range("今天") == 1);
    CHECK(parse_range("today") == 1);
    CHECK_FALSE(parse_range("8d"));
    CHECK_FALSE(parse_range("last year"));
}

TEST_CASE("the trend compares with the period before", "[stats][rules]") {
    CHECK(trend(125, 100) == "↑25%");
    CHECK(trend(90, 100) == "↓10%");
    CHECK(trend(100, 100) == "→");
    CHECK(trend(5, 0) == "↑新");
    CHECK(trend(0, 0) == "");
    CHECK(trend(0, 4) == "↓100%");
    CHECK(percent(1, 8) == "12.5%");
    CHECK(percent(1, 2) == "50%");
    CHECK(percent(3, 0) == "—");
}

TEST_CASE("each day has its figures, days without data are zero", "[stats][rules]") {
    auto g = sample();
    g.checkins.emplace();
    (*g.checkins)[d(3).serial()] = {"u:c", "u:e"};
    auto rows = per_day(g, d(2), d(4), 5);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].messages == 12);
    CHECK(rows[0].active == 2);
    CHECK(rows[0].contributors == 2);  // six messages each
    CHECK(rows[0].size == 40);
    CHECK(rows[0].checkins == 0);
    CHECK(rows[1].active == 1);
    CHECK(rows[1].contributors == 2);  // carol has 3 messages but checked in, and so did e
    CHECK(rows[1].left == 1);
    CHECK(rows[1].checkins == 2);
    CHECK(rows[2].messages == 0);
    CHECK(rows[2].active == 0);
    CHECK_FALSE(per_day(sample(), d(2), d(2), 5)[0].checkins.has_value());
}

TEST_CASE("a period sums its days and counts each member once", "[stats][rules]") {
    auto f = summarize(sample(), {d(8), 7}, 5);
    CHECK(f.messages == 15);
    CHECK(f.active == 3);
    CHECK(f.contributors == 2);
    CHECK(f.questions == 2);
    CHECK(f.answered == 1);
    CHECK(f.joined == 1);
    CHECK(f.left == 1);
    CHECK(f.days_with_data == 2);
    CHECK(f.latest_size == 40);
    CHECK(f.first_data == d(2));
    CHECK_FALSE(f.checkins.has_value());
    auto next = summarize(sample(), {d(15), 7}, 5);
    CHECK(next.messages == 6);
    CHECK(next.contributors == 1);
}

TEST_CASE("silent members spoke in the period before and not since", "[stats][rules]") {
    std::size_t total = 0;
    auto quiet = silent_members(sample(), {d(8), 7}, {d(15), 7}, 1, &total);
    CHECK(total == 2);
    REQUIRE(quiet.size() == 1);
    CHECK(quiet[0].name == "bob");  // the most messages first
    CHECK(silent_members(sample(), {d(8), 7}, {d(8), 7}, 10).empty());
}

TEST_CASE("top talkers by messages, without those who opted out", "[stats][rules]") {
    auto top = top_talkers(sample(), {d(15), 14}, {}, 2);
    REQUIRE(top.size() == 2);
    CHECK(top[0].user == "u:a");
    CHECK(top[0].messages == 11);
    CHECK(top[0].name == "Alice2");  // the latest name
    CHECK(top[1].name == "bob");
    auto without = top_talkers(sample(), {d(15), 14}, {"u:a"}, 5);
    CHECK(without.size() == 3);
    CHECK(without[0].name == "bob");
}

TEST_CASE("the member cap is the platform's unless configured", "[stats][rules]") {
    CHECK(cap_for("wechat", 0).cap == 500);
    CHECK(cap_for("wecom", 0).cap == 500);
    CHECK(cap_for("qq", 0).cap == 2000);
    CHECK(cap_for("qq", 0).assumed);
    CHECK(cap_for("qq", 3000).cap == 3000);
    CHECK_FALSE(cap_for("qq", 3000).assumed);
    CHECK(cap_for("console", 0).cap == 0);
    CHECK(near_cap(450, 500));
    CHECK_FALSE(near_cap(449, 500));
    CHECK_FALSE(near_cap(10, 0));
}

TEST_CASE("the tally adds up until taken, and a failed write puts it back", "[stats][rules]") {
    tally t;
    t.message("g", d(2), "u:a", "alice", true);
    t.message("g", d(2), "u:a", "alice", false);
    t.message("g", d(2), "", "", false);
    t.joined("g", d(2));
    t.message("g", d(3), "u:a", "alice", false);
    CHECK(t.member_days() == 2);  // alice on two days; the anonymous message is nobody's
    auto taken = t.take();
    CHECK(t.empty());
    CHECK(t.member_days() == 0);
    auto const& day = taken.at({"g", d(2).serial()});
    CHECK(day.messages == 3);
    CHECK(day.questions == 1);
    CHECK(day.joined == 1);
    CHECK(day.members.at("u:a").messages == 2);
    t.message("g", d(2), "u:a", "alice", false);
    t.restore(taken);
    CHECK(t.member_days() == 2);
    CHECK(t.take().at({"g", d(2).serial()}).members.at("u:a").messages == 3);
}

TEST_CASE("a question is answered once, by someone else, within the window", "[stats][rules]") {
    question_book book(2);
    bot::time_point t0{std::chrono::seconds(1'000'000)};
    auto window = std::chrono::seconds(std::chrono::hours(24));
    book.asked("g", "m1", "u:a", t0, d(2));
    CHECK(book.answer("g", "m1", {}, "u:a", t0, window).empty());  // the asker's own follow-up
    CHECK(book.answer("g", "m1", {}, "u:b", t0, window) == std::vector<bot::civil_date>{d(2)});
    CHECK(book.answer("g", "m1", {}, "u:c", t0, window).empty());  // already answered
    book.asked("g", "m2", "u:a", t0, d(2));
    CHECK(book.answer("g", "", {"u:a"}, "u:b", t0 + std::chrono::hours(25), window).empty());  // too late
    book.asked("g", "m3", "u:a", t0, d(3));
    book.asked("g", "m4", "u:b", t0, d(3));
    book.asked("g", "m5", "u:c", t0, d(3));
    CHECK(book.open("g") == 2);  // bounded: the oldest went
    CHECK(book.answer("g", "", {"u:c"}, "u:b", t0, window).size() == 1);
}
