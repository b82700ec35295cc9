// Judging one member's day as a plain function: the verdict, the fine and what is left after it.
#include <catch2/catch.hpp>

#include "plugins/deposit/judging.hpp"

using namespace plugins::deposit;
using bot::day_mark;

namespace {

/// 7 days, 50 元, 5 元 per miss, one free miss, two leave days.
rules base() {
    rules r;
    r.name = "t";
    r.start = {2026, 3, 3};
    r.days = 7;
    r.full_days = 6;
    r.deposit = 5000;
    r.fine = 500;
    r.leave_limit = 2;
    return r;
}

day_history fresh() { return {0, 0, 5000}; }

}  // namespace

TEST_CASE("a completed day costs nothing and changes nothing", "[deposit][judging]") {
    auto j = judge_day(base(), fresh(), day_mark::done, false);
    CHECK(j.v == verdict::done);
    CHECK(j.why == day_reason::done);
    CHECK(j.fine == 0);
    CHECK_FALSE(j.leave_used);
    CHECK(j.free_left == 1);
    CHECK(j.after.remaining == 5000);
    CHECK(j.after.missed == 0);
}

TEST_CASE("the first miss is free, the next one is fined", "[deposit][judging]") {
    auto r = base();
    auto first = judge_day(r, fresh(), day_mark::missed, false);
    CHECK(first.v == verdict::missed);
    CHECK(first.why == day_reason::free_miss);
    CHECK(first.fine == 0);
    CHECK(first.free_left == 0);
    CHECK(first.after.missed == 1);
    auto second = judge_day(r, first.after, day_mark::missed, false);
    CHECK(second.why == day_reason::fined);
    CHECK(second.fine == 500);
    CHECK(second.after.remaining == 4500);
    CHECK(second.after.missed == 2);
}

TEST_CASE("leave within the limit is excused and uses a leave day, beyond it the day is a miss", "[deposit][judging]") {
    auto r = base();
    r.full_days = 7;  // no free misses
    auto h = fresh();
    for (int i = 0; i < 2; ++i) {
        auto j = judge_day(r, h, day_mark::leave, false);
        CHECK(j.v == verdict::leave);
        CHECK(j.why == day_reason::on_leave);
        CHECK(j.leave_used);
        CHECK(j.fine == 0);
        h = j.after;
    }
    CHECK(h.leave == 2);
    auto over = judge_day(r, h, day_mark::leave, false);
    CHECK(over.v == verdict::missed);
    CHECK(over.over_leave_limit);
    CHECK_FALSE(over.leave_used);
    CHECK(over.fine == 500);
    CHECK(over.after.leave == 2);
}

TEST_CASE("under the message rule speaking completes the day, whatever the check-in says", "[deposit][judging]") {
    auto r = base();
    r.rule = day_rule::message;
    CHECK(judge_day(r, fresh(), day_mark::missed, true).v == verdict::done);
    CHECK(judge_day(r, fresh(), day_mark::done, false).v == verdict::missed);
    CHECK(judge_day(r, fresh(), day_mark::leave, false).v == verdict::leave);
    CHECK(judge_day(r, fresh(), day_mark::leave, true).v == verdict::done);
    // Under the check-in rule, chat alone does not count.
    CHECK(judge_day(base(), fresh(), day_mark::missed, true).v == verdict::missed);
}

TEST_CASE("a fine never takes more than is held, and nothing left means nothing fined", "[deposit][judging]") {
    auto r = base();
    auto j = judge_day(r, {3, 0, 300}, day_mark::missed, false);
    CHECK(j.fine == 300);
    CHECK(j.after.remaining == 0);
    auto empty = judge_day(r, j.after, day_mark::missed, false);
    CHECK(empty.why == day_reason::nothing_left);
    CHECK(empty.fine == 0);
    CHECK(empty.after.remaining == 0);
}

TEST_CASE("the forfeit curve takes its share of what remains, down to the fen", "[deposit][judging]") {
    auto r = base();
    r.full_days = 7;
    r.mode = fine_mode::percent;
    r.percent = 50;
    day_history h{0, 0, 5001};
    std::vector<bot::fen> fines;
    for (int i = 0; i < 3; ++i) {
        auto j = judge_day(r, h, day_mark::missed, false);
        fines.push_back(j.fine);
        h = j.after;
    }
    CHECK(fines == std::vector<bot::fen>{2500, 1250, 625});
    CHECK(h.remaining == 626);
    CHECK(h.missed == 3);
}
