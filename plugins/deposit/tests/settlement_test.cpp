// Whole challenges to the end: every member's refund and the fund checked to the fen.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "plugins/deposit/tests/support.hpp"

using deposit_test::all;
using deposit_test::group_key;
using deposit_test::loaded;
using deposit_test::quiet;

namespace {

std::string morning(int day) { return bot::civil_date{2026, 3, 2}.plus_days(day).str() + " 09:00"; }

/// Plays days 1..last: each member in `done` checks in on each of their days.
void play(testing::fake_chat& chat, int first, int last, std::map<std::string, std::set<int>> const& misses,
          std::vector<std::string> const& who) {
    for (int day = first; day <= last; ++day) {
        chat.advance_to(morning(day));
        for (auto const& name : who) {
            auto it = misses.find(name);
            if (it != misses.end() && it->second.count(day)) continue;
            chat.user(name).says("打卡");
        }
    }
}

}  // namespace

TEST_CASE("a full 21-day challenge with several members' patterns settles to the fen", "[deposit][settlement]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 21天早起 start=2026-03-03 days=21 deposit=50 fine=5.05 full=19 to=split:25 leave=3 "
              "leaver=prorata");
    for (auto name : {"alice", "bob", "carol", "dave", "erin", "frank"}) chat.user(name).says("/challenge join");
    for (auto name : {"alice", "bob", "carol", "dave", "erin"}) boss.says(std::string("/deposit paid @") + name);
    auto& ledger = chat.bot().ledger();

    // alice never misses; bob misses two days (both free); carol misses five (three fined);
    // dave takes two days of leave and misses one; erin leaves the group on day 8; frank never pays.
    std::map<std::string, std::set<int>> misses{
        {"bob", {3, 10}}, {"carol", {2, 4, 6, 8, 10}}, {"dave", {5, 6, 15}}, {"erin", {}}};
    play(chat, 1, 4, misses, {"alice", "bob", "carol", "dave", "erin"});
    chat.advance_to(morning(5));
    chat.user("dave").says("/leave 2 出差");
    CHECK(chat.replied("请假"));
    play(chat, 5, 6, misses, {"alice", "bob", "carol", "erin"});
    chat.clear();
    chat.advance_to(morning(7));
    INFO(all(chat));
    CHECK(chat.replied("「21天早起」2026-03-08（第 6/21 天）：完成 3 人，请假 1 人，缺卡 1 人。\n@carol 扣 5.05 元，剩 44.95 元"));
    CHECK(ledger.balance(group_key, "deposit:1:s:dave") == 5000);
    play(chat, 7, 7, misses, {"alice", "bob", "carol", "dave", "erin"});

    chat.advance_to(morning(8).substr(0, 10) + " 08:00");
    chat.clear();
    chat.user("erin").leaves();
    // 7 of 21 days: 5000 × 7 / 21 = 1666.67 → 1666 back; 3334 forfeited, 25 % (833) to the fund.
    CHECK(chat.last().find("erin 中途退群：完成 7/21 天，按比例退还 16.66 元，其余 33.34 元不退") != std::string::npos);
    play(chat, 8, 21, misses, {"alice", "bob", "carol", "dave"});
    chat.clear();
    chat.advance_to("2026-03-24 09:00");
    CHECK(chat.replied("🏁「21天早起」全部 21 天结束啦！管理员请发送 /settle 生成退款清单。"));

    chat.clear();
    boss.says("/settle");
    INFO(all(chat));
    // carol: three fines of 505, each 126 to the fund and 379 to the pool. Pool: 3 × 379 + 2501 = 3638,
    // shared by alice, bob and dave: 1213, 1213 and 1212 (the odd fen to the earliest enrolled).
    CHECK(chat.last() ==
          "💰「21天早起」结算清单：\n"
          "1. alice：退 62.13 元 — 完成 21/21 天，分得奖池 12.13 元\n"
          "2. bob：退 62.13 元 — 完成 19/21 天，缺卡 2 天（免罚），分得奖池 12.13 元\n"
          "3. carol：退 34.85 元 — 完成 16/21 天，缺卡 5 天扣 15.15 元，未达到全额退还的 19 天\n"
          "4. dave：退 62.12 元 — 完成 18/21 天，请假 2 天，缺卡 1 天（免罚），分得奖池 12.12 元\n"
          "5. erin：退 16.66 元 — 中途退群，完成 7/21 天\n"
          "对账：押金合计 250.00 元 = 退款合计 237.89 元 + 进入群基金 12.11 元 ✅\n"
          "管理员把钱退给成员后，请发送 /refund paid @成员 标记。");
    std::map<std::string, bot::fen> expected{
        {"alice", 6213}, {"bob", 6213}, {"carol", 3485}, {"dave", 6212}, {"erin", 1666}};
    bot::fen refunds = 0;
    for (auto const& [name, amount] : expected) {
        CHECK(ledger.balance(group_key, "deposit:1:s:" + name) == amount);
        refunds += amount;
    }
    CHECK(ledger.balance(group_key, "deposit:1:pool") == 0);
    CHECK(ledger.balance(group_key, "fund:test:g1") == 1211);
    CHECK(refunds + 1211 == 25000);
    CHECK(ledger.balance(group_key, "deposit:1:s:frank") == 0);

    // Refunds are marked once each; the last one closes the books.
    chat.clear();
    boss.says("/refund paid @alice");
    CHECK(chat.last() == "已标记 alice 的退款 62.13 元为已退（1/5）。");
    boss.says("/refund paid @alice");
    CHECK(chat.last() == "alice 的退款 62.13 元已经标记过，不会重复退款。");
    boss.says("/refund paid @frank");
    CHECK(chat.last() == "frank 不在「21天早起」的结算清单里。");
    for (auto name : {"bob", "carol", "dave", "erin"}) boss.says(std::string("/refund paid @") + name);
    CHECK(chat.last() == "已标记 erin 的退款 16.66 元为已退（5/5）。\n🎉「21天早起」的退款全部完成。");
    // erin left the group: she can no longer be @-mentioned, her name still finds her.
    boss.says("/refund paid erin");
    CHECK(chat.last() == "erin 的退款 16.66 元已经标记过，不会重复退款。");
    boss.says("/refund paid nobody");
    CHECK(chat.last() == "找不到成员「nobody」，请 @ TA，或写 TA 报名时的名字。");
    for (auto const& [name, amount] : expected) {
        CHECK(ledger.balance(group_key, "deposit:1:s:" + name) == 0);
        CHECK(ledger.balance(group_key, "external:s:" + name) == amount - 5000);
    }
    CHECK(ledger.verify().ok());

    // The list can be shown again, with what was paid, and a new challenge can start.
    chat.clear();
    boss.says("/settle");
    CHECK(chat.last().find("1. alice：退 62.13 元 — 完成 21/21 天，分得奖池 12.13 元（已退）") != std::string::npos);
    CHECK(chat.last().find("对账：押金合计 250.00 元 = 退款合计 237.89 元 + 进入群基金 12.11 元 ✅") != std::string::npos);
    boss.says("/challenge new 下一期 days=7");
    CHECK(chat.replied("押金挑战「下一期」"));
}

TEST_CASE("a forfeit curve with nobody finishing sends the whole pool to the fund", "[deposit][settlement]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 冥想 start=2026-03-03 days=7 deposit=100 fine=50% to=finishers");
    for (auto name : {"bob", "carol"}) {
        chat.user(name).says("/challenge join");
        boss.says(std::string("/deposit paid @") + name + " 100");
    }
    play(chat, 1, 7, {{"bob", {2, 4, 6}}, {"carol", {7}}}, {"bob", "carol"});
    chat.advance_to("2026-03-10 09:00");
    auto& ledger = chat.bot().ledger();
    // bob: 10000 → 5000 → 2500 → 1250; carol: 10000 → 5000.
    CHECK(ledger.balance(group_key, "deposit:1:s:bob") == 1250);
    CHECK(ledger.balance(group_key, "deposit:1:s:carol") == 5000);
    CHECK(ledger.balance(group_key, "deposit:1:pool") == 13750);
    chat.clear();
    boss.says("/settle");
    INFO(all(chat));
    CHECK(chat.replied("1. bob：退 12.50 元 — 完成 4/7 天，缺卡 3 天扣 87.50 元，未达到全额退还的 7 天"));
    CHECK(chat.replied("2. carol：退 50.00 元 — 完成 6/7 天，缺卡 1 天扣 50.00 元，未达到全额退还的 7 天"));
    CHECK(chat.replied("无人完成挑战，奖池 137.50 元转入群基金。"));
    CHECK(chat.replied("对账：押金合计 200.00 元 = 退款合计 62.50 元 + 进入群基金 137.50 元 ✅"));
    CHECK(ledger.balance(group_key, "deposit:1:pool") == 0);
    CHECK(ledger.balance(group_key, "fund:test:g1") == 13750);
}

TEST_CASE("settling before the end is refused and refunds wait for the settlement", "[deposit][settlement]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 早起 start=2026-03-03 days=7");
    chat.user("bob").says("/challenge join");
    boss.says("/deposit paid @bob");
    chat.clear();
    boss.says("/settle");
    CHECK(chat.last() == "「早起」还没结束（最后一天是 2026-03-09），结束后才能结算。");
    boss.says("/refund paid @bob");
    CHECK(chat.last() == "「早起」还没有结算，请先发送 /settle。");
}
