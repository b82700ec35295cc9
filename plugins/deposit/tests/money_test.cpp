// The money rules as plain functions: every fen accounted for.
#include <catch2/catch.hpp>

#include <numeric>

#include "plugins/deposit/money.hpp"

using namespace plugins::deposit;

namespace {

rules base() {
    rules r;
    r.name = "t";
    r.start = {2026, 3, 3};
    r.days = 21;
    r.full_days = 21;
    r.deposit = 5000;
    r.fine = 500;
    return r;
}

}  // namespace

TEST_CASE("a fixed fine is taken per miss and never more than what remains", "[deposit][money]") {
    auto r = base();
    CHECK(fine_for(r, 0, 5000) == 500);
    CHECK(fine_for(r, 9, 500) == 500);
    CHECK(fine_for(r, 10, 300) == 300);
    CHECK(fine_for(r, 11, 0) == 0);
}

TEST_CASE("free misses cost nothing and the next miss is fined", "[deposit][money]") {
    auto r = base();
    r.full_days = 19;  // two free misses
    CHECK(r.free_misses() == 2);
    CHECK(fine_for(r, 0, 5000) == 0);
    CHECK(fine_for(r, 1, 5000) == 0);
    CHECK(fine_for(r, 2, 5000) == 500);
}

TEST_CASE("the forfeit curve takes a share of what remains, rounded down to the fen", "[deposit][money]") {
    auto r = base();
    r.mode = fine_mode::percent;
    r.percent = 50;
    bot::fen remaining = 5000;
    std::vector<bot::fen> fines;
    for (int miss = 0; miss < 6; ++miss) {
        auto f = fine_for(r, miss, remaining);
        fines.push_back(f);
        remaining -= f;
    }
    CHECK(fines == std::vector<bot::fen>{2500, 1250, 625, 312, 156, 78});
    CHECK(remaining == 79);
    r.percent = 33;
    CHECK(fine_for(r, 0, 1001) == 330);  // 330.33 rounds down in the member's favour
}

TEST_CASE("a leave day is excused until the challenge's leave limit, then it is a miss", "[deposit][money]") {
    auto r = base();
    r.leave_limit = 2;
    CHECK(judge(true, false, 0, r) == verdict::done);
    CHECK(judge(false, true, 0, r) == verdict::leave);
    CHECK(judge(false, true, 1, r) == verdict::leave);
    CHECK(judge(false, true, 2, r) == verdict::missed);
    CHECK(judge(false, false, 0, r) == verdict::missed);
    r.leave_limit = 0;
    CHECK(judge(false, true, 0, r) == verdict::missed);
}

TEST_CASE("a forfeit is split between fund and pool with the odd fen in the pool", "[deposit][money]") {
    auto r = base();
    r.to = destination::fund;
    CHECK(split_forfeit(r, 501).to_fund == 501);
    r.to = destination::finishers;
    CHECK(split_forfeit(r, 501).to_pool == 501);
    r.to = destination::split;
    r.fund_percent = 50;
    auto s = split_forfeit(r, 501);
    CHECK(s.to_fund == 250);
    CHECK(s.to_pool == 251);
    r.fund_percent = 30;
    s = split_forfeit(r, 333);
    CHECK(s.to_fund == 99);
    CHECK(s.to_pool == 234);
    CHECK(s.to_fund + s.to_pool == 333);
}

TEST_CASE("a pool is shared equally and the remainder goes one fen each to the first in order", "[deposit][money]") {
    CHECK(share_equally(1000, 3) == std::vector<bot::fen>{334, 333, 333});
    CHECK(share_equally(1001, 3) == std::vector<bot::fen>{334, 334, 333});
    CHECK(share_equally(2, 3) == std::vector<bot::fen>{1, 1, 0});
    CHECK(share_equally(0, 2) == std::vector<bot::fen>{0, 0});
    CHECK(share_equally(500, 0).empty());
    for (bot::fen pool : {1, 7, 99, 100, 12345}) {
        for (std::size_t n = 1; n < 9; ++n) {
            auto s = share_equally(pool, n);
            CHECK(std::accumulate(s.begin(), s.end(), bot::fen{0}) == pool);
            CHECK(s.front() - s.back() <= 1);
        }
    }
}

TEST_CASE("a pro-rata refund is what remains times the share of days completed, rounded down", "[deposit][money]") {
    CHECK(prorata_refund(5000, 7, 21) == 1666);  // 1666.67
    CHECK(prorata_refund(4500, 10, 21) == 2142);  // 2142.86
    CHECK(prorata_refund(5000, 0, 21) == 0);
    CHECK(prorata_refund(5000, 21, 21) == 5000);
    CHECK(prorata_refund(0, 10, 21) == 0);
}

TEST_CASE("settlement: finishers share the pool, others keep what remains, and the sums balance", "[deposit][money]") {
    auto r = base();
    r.full_days = 19;
    r.to = destination::finishers;
    std::vector<tally> members{
        {"a", "a", 5000, 5000, 0, 21, 0, 0, 0, false},   // perfect
        {"b", "b", 5000, 5000, 0, 19, 2, 0, 0, false},   // two free misses
        {"c", "c", 5000, 3500, 1500, 16, 5, 0, 0, false},  // three fined misses
        {"d", "d", 5000, 4000, 1000, 17, 4, 0, 0, false},
        {"e", "e", 5000, 1666, 0, 7, 0, 0, 0, true},     // left, refunded pro rata
    };
    // The pool holds c's and d's fines and e's forfeit: 1500 + 1000 + 3334.
    auto s = settle(r, members, 5834, 0);
    REQUIRE(s.lines.size() == 5);
    CHECK(s.lines[0].why == reason::finished);
    CHECK(s.lines[1].why == reason::finished);
    CHECK(s.lines[2].why == reason::not_finished);
    CHECK(s.lines[4].why == reason::left);
    CHECK(s.lines[0].share == 2917);
    CHECK(s.lines[1].share == 2917);
    CHECK(s.lines[0].amount == 7917);
    CHECK(s.lines[2].amount == 3500);
    CHECK(s.lines[3].amount == 4000);
    CHECK(s.lines[4].amount == 1666);
    CHECK(s.deposits == 25000);
    CHECK(s.refunds == 7917 + 7917 + 3500 + 4000 + 1666);
    CHECK(s.to_fund == 0);
    CHECK(s.balanced());
}

TEST_CASE("settlement: nobody finished, so the pool goes to the fund", "[deposit][money]") {
    auto r = base();
    r.to = destination::split;
    std::vector<tally> members{{"a", "a", 5000, 4500, 500, 20, 1, 0, 0, false}};
    auto s = settle(r, members, 250, 250);
    CHECK(s.pool_to_fund == 250);
    CHECK(s.to_fund == 500);
    CHECK(s.refunds == 4500);
    CHECK(s.balanced());
}

TEST_CASE("leave and excused days count towards the full-refund threshold", "[deposit][money]") {
    auto r = base();
    r.full_days = 21;
    CHECK(finished(r, {"a", "a", 5000, 5000, 0, 19, 0, 2, 0, false}));
    CHECK(finished(r, {"a", "a", 5000, 5000, 0, 20, 0, 0, 1, false}));
    CHECK_FALSE(finished(r, {"a", "a", 5000, 5000, 0, 20, 1, 0, 0, false}));
    CHECK_FALSE(finished(r, {"a", "a", 5000, 5000, 0, 21, 0, 0, 0, true}));
}
