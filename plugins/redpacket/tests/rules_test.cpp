#include <catch2/catch.hpp>

#include "plugins/redpacket/redpacket.hpp"

using namespace plugins::redpacket;
using bot::civil_date;

namespace {
civil_date d(int m, int day) { return {2026, m, day}; }
bot::fen sum(storage::posting const& p) {
    bot::fen s = 0;
    for (auto const& l : p.legs) s += l.fen;
    return s;
}
}  // namespace

TEST_CASE("an owed red packet is a receivable of the fund, keyed by member and day", "[redpacket][rules]") {
    auto p = owed_posting("qq:1", bot::id("alice"), d(3, 3), 500, "alice", 100);
    CHECK(p.key == "redpacket:owed:qq:1:s:alice:2026-03-03");
    CHECK(sum(p) == 0);
    CHECK(p.legs[0].account == "redpacket:owed:alice");
    CHECK(p.legs[0].fen == 500);
    CHECK(p.legs[1].account == "redpacket:promised:qq:1");
}

TEST_CASE("settling clears the receivable and books what was sent into the fund", "[redpacket][rules]") {
    auto sent = settle_posting("qq:1", 7, bot::id("alice"), 500, 800, "memo", "system", 100);
    CHECK(sent.key == "redpacket:settle:qq:1:7");
    CHECK(sent.kind == "redpacket");
    CHECK(sum(sent) == 0);
    bot::fen fund = 0, owed = 0;
    for (auto const& l : sent.legs) {
        if (l.account == "fund:qq:1") fund += l.fen;
        if (l.account == "redpacket:owed:alice") owed += l.fen;
    }
    CHECK(fund == 800);
    CHECK(owed == -500);

    auto waived = settle_posting("qq:1", 7, bot::id("alice"), 500, 0, "memo", "boss", 100);
    CHECK(waived.kind == "redpacket_waived");
    CHECK(waived.legs.size() == 2);
    CHECK(sum(waived) == 0);
}

TEST_CASE("lurkers are members silent for N days, never-seen ones once tracking is old enough", "[redpacket][rules]") {
    std::vector<seen_member> members{{bot::id("a"), "a", d(3, 10), {}},
                                     {bot::id("b"), "b", d(3, 2), {}},
                                     {bot::id("c"), "c", d(3, 6), {}},
                                     {bot::id("n"), "n", std::nullopt, {}}};
    auto young = find_lurkers(members, d(3, 11), 5, d(3, 9));
    REQUIRE(young.size() == 2);
    CHECK(young[0].user == bot::id("b"));
    CHECK(*young[0].silent_days == 9);
    CHECK(young[1].user == bot::id("c"));

    auto old = find_lurkers(members, d(3, 11), 5, d(3, 1));
    REQUIRE(old.size() == 3);
    CHECK(old[0].user == bot::id("n"));
    CHECK_FALSE(old[0].silent_days);
}

TEST_CASE("a lurker is mentioned at most once per K days", "[redpacket][rules]") {
    std::vector<seen_member> members{{bot::id("a"), "a", d(3, 1), d(3, 5)}, {bot::id("b"), "b", d(3, 1), std::nullopt}};
    auto lurkers = find_lurkers(members, d(3, 11), 3, d(3, 1));
    CHECK(due_mentions(lurkers, members, d(3, 11), 7) == std::vector<bot::id>{bot::id("b")});
    CHECK(due_mentions(lurkers, members, d(3, 12), 7) == std::vector<bot::id>{bot::id("a"), bot::id("b")});
}

TEST_CASE("the host notice time goes back across midnight and the week", "[redpacket][rules]") {
    CHECK(notice_time(3, 20 * 60, std::chrono::hours(2)) == weekly_time{3, 18 * 60});
    CHECK(notice_time(3, 60, std::chrono::hours(2)) == weekly_time{2, 23 * 60});
    CHECK(notice_time(1, 30, std::chrono::hours(1)) == weekly_time{7, 23 * 60 + 30});
    CHECK(notice_time(5, 600, std::chrono::seconds(0)) == weekly_time{5, 600});
}

TEST_CASE("fund entries are named in words", "[redpacket][rules]") {
    CHECK(kind_words("fine") == "罚金");
    CHECK(kind_words("forfeit") == "没收押金");
    CHECK(kind_words("redpacket") == "红包");
    CHECK(kind_words("payout") == "支出");
}
