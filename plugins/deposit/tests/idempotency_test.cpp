// Replays and crashes: a day close that runs twice, a crash in the middle of a day close, and
// commands repeated after a restart never move money twice or lose it.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "plugins/deposit/books.hpp"
#include "plugins/deposit/tests/support.hpp"

using deposit_test::all;
using deposit_test::group_key;
using deposit_test::marks;
using deposit_test::loaded;
using deposit_test::quiet;
using namespace plugins::deposit;

namespace {

/// alice, bob and carol enrolled and paid in a 7-day challenge from 2026-03-03; alice checks in on day 1.
void setup(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5");
    for (auto name : {"alice", "bob", "carol"}) {
        chat.user(name).says("/challenge join");
        boss.says(std::string("/deposit paid @") + name);
    }
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
}

int fine_postings(testing::fake_chat& chat) {
    int n = 0;
    for (auto const& p : chat.bot().ledger().history(group_key, "deposit:1:"))
        n += p.kind == "fine" ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("judging a closed day twice fines once", "[deposit][idempotency]") {
    testing::fake_chat chat(quiet, loaded());
    setup(chat);
    chat.advance_to("2026-03-04 00:00");
    REQUIRE(fine_postings(chat) == 2);
    books b(chat.bot().db(), chat.bot().ledger(), marks(chat));
    auto c = b.repo().current(group_key);
    REQUIRE(c);
    CHECK(b.judge_through(*c, bot::civil_date{2026, 3, 3}, 0).empty());
    CHECK(b.judge_through(*c, bot::civil_date{2026, 3, 3}, 0).empty());
    CHECK(fine_postings(chat) == 2);
    CHECK(chat.bot().ledger().balance(group_key, "deposit:1:s:bob") == 4500);
}

TEST_CASE("a day close that runs again after a crash before its bookkeeping fines nobody twice",
          "[deposit][idempotency]") {
    testing::fake_chat chat(quiet, loaded());
    setup(chat);
    chat.clear();
    chat.advance_to("2026-03-04 00:00");
    CHECK(chat.replied("@bob 扣 5.00 元"));
    auto close_time = chat.now();
    // The crash: the close ran, but the scheduler had not yet stored that it did.
    chat.bot().db().exec("UPDATE scheduler_jobs SET next_run = " +
                         std::to_string(close_time.time_since_epoch().count()) +
                         " WHERE key = 'deposit.close@test:g1'");
    chat.restart();
    CHECK(chat.bot().scheduler().next_run("deposit.close@test:g1") == close_time);
    chat.clear();
    chat.advance(std::chrono::minutes(1));
    // The close ran again (its next run moved on) and found nothing left to do.
    CHECK(chat.bot().scheduler().next_run("deposit.close@test:g1") == close_time + std::chrono::hours(24));
    CHECK(chat.sent().empty());
    CHECK(fine_postings(chat) == 2);
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(group_key, "deposit:1:s:bob") == 4500);
    CHECK(ledger.balance(group_key, "deposit:1:s:carol") == 4500);
    CHECK(ledger.balance(group_key, "fund:test:g1") == 1000);
}

TEST_CASE("a crash in the middle of a day close leaves none of that day judged, and the rerun judges it once",
          "[deposit][idempotency]") {
    testing::fake_chat chat(quiet, loaded());
    setup(chat);
    chat.advance_to("2026-03-03 23:59");
    {
        // The close starts early and dies on carol, after alice's and bob's days were judged.
        books crashing(chat.bot().db(), chat.bot().ledger(), marks(chat, "s:carol"));
        auto c = crashing.repo().current(group_key);
        REQUIRE_THROWS(crashing.judge_through(*c, bot::civil_date{2026, 3, 3}, 0));
        // The whole day is one transaction: bob's fine and the judged rows went with it.
        for (auto const& e : crashing.repo().members(c->id)) CHECK(crashing.repo().days(c->id, e.user).empty());
    }
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(group_key, "deposit:1:s:bob") == 5000);
    CHECK(ledger.balance(group_key, "deposit:1:s:carol") == 5000);
    CHECK(ledger.balance(group_key, "fund:test:g1") == 0);
    CHECK(fine_postings(chat) == 0);
    chat.restart();
    chat.clear();
    chat.advance_to("2026-03-04 00:00");
    INFO(all(chat));
    auto& after = chat.bot().ledger();
    CHECK(after.balance(group_key, "deposit:1:s:alice") == 5000);
    CHECK(after.balance(group_key, "deposit:1:s:bob") == 4500);
    CHECK(after.balance(group_key, "deposit:1:s:carol") == 4500);
    CHECK(after.balance(group_key, "fund:test:g1") == 1000);
    CHECK(fine_postings(chat) == 2);
    CHECK(chat.replied("@carol 扣 5.00 元"));
    CHECK(after.verify().ok());
}

TEST_CASE("days missed while the bot was down are judged once when it comes back", "[deposit][idempotency]") {
    testing::fake_chat chat(quiet, loaded());
    setup(chat);
    chat.advance_to("2026-03-03 12:00");
    // Down from here for three days: the clock moves while no job runs, as when the bot is off.
    auto& clock = dynamic_cast<bot::manual_clock&>(chat.bot().clock());
    clock.set(bot::time_zone::must_load("Asia/Shanghai").from_local({2026, 3, 6}, 9, 0));
    chat.restart();
    chat.advance(std::chrono::minutes(1));
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(group_key, "deposit:1:s:alice") == 4000);  // missed the 4th and 5th
    CHECK(ledger.balance(group_key, "deposit:1:s:bob") == 3500);
    CHECK(fine_postings(chat) == 8);
    chat.advance_to("2026-03-07 09:00");
    CHECK(fine_postings(chat) == 11);
}

TEST_CASE("settlement, refunds and confirmations repeated after a restart change nothing", "[deposit][idempotency]") {
    testing::fake_chat chat(quiet, loaded());
    setup(chat);
    chat.advance_to("2026-03-10 09:00");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/deposit paid @bob");
    CHECK(chat.last() == "bob 的押金已经确认过了，不会重复记账。");
    chat.clear();
    boss.says("/settle");
    auto list = chat.last();
    CHECK(list.find("✅") != std::string::npos);
    boss.says("/refund paid @bob");
    auto postings = chat.bot().ledger().verify().postings;
    chat.restart();
    chat.clear();
    boss.says("/settle");
    CHECK(chat.last().find("2. bob：退 15.00 元") != std::string::npos);
    CHECK(chat.last().find("（已退）") != std::string::npos);
    boss.says("/refund paid @bob");
    CHECK(chat.last() == "bob 的退款 15.00 元已经标记过，不会重复退款。");
    CHECK(chat.bot().ledger().verify().postings == postings);
    CHECK(chat.bot().ledger().balance(group_key, "external:s:bob") == -3500);
}
