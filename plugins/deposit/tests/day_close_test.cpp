// A day close is one transaction: every member's judged day and fine, or none of them.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "plugins/deposit/books.hpp"
#include "plugins/deposit/tests/support.hpp"
#include "storage/database.hpp"

using deposit_test::group_key;
using deposit_test::marks;
using deposit_test::loaded;
using deposit_test::quiet;
using namespace plugins::deposit;

namespace {

/// Counts the commits of a database while it lives (SQLite calls the hook once per committed
/// write transaction; reads and savepoints inside a transaction do not count).
class commit_counter {
public:
    explicit commit_counter(storage::database& db) : handle_(db.raw().getHandle()) {
        sqlite3_commit_hook(handle_, &commit_counter::count_one, &count_);
    }
    ~commit_counter() { sqlite3_commit_hook(handle_, nullptr, nullptr); }
    commit_counter(commit_counter const&) = delete;
    commit_counter& operator=(commit_counter const&) = delete;

    int commits() const { return count_; }

private:
    static int count_one(void* n) {
        ++*static_cast<int*>(n);
        return 0;  // 0 lets the commit go ahead
    }

    sqlite3* handle_;
    int count_ = 0;
};

/// Four members enrolled and paid in a 7-day challenge from 2026-03-03; alice checks in on day 1.
void setup(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5");
    for (auto name : {"alice", "bob", "carol", "dave"}) {
        chat.user(name).says("/challenge join");
        boss.says(std::string("/deposit paid @") + name);
    }
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
}

}  // namespace

TEST_CASE("closing a day for four members commits once", "[deposit][transaction]") {
    testing::fake_chat chat(quiet, loaded());
    setup(chat);
    chat.advance_to("2026-03-03 23:00");  // before the scheduled close
    books b(chat.bot().db(), chat.bot().ledger(), marks(chat));
    auto c = b.repo().current(group_key);
    REQUIRE(c);
    commit_counter counter(chat.bot().db());
    auto results = b.judge_through(*c, bot::civil_date{2026, 3, 3}, 0);
    CHECK(results.size() == 4);
    CHECK(counter.commits() == 1);
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(group_key, "deposit:1:s:alice") == 5000);
    for (auto name : {"bob", "carol", "dave"})
        CHECK(ledger.balance(group_key, std::string("deposit:1:s:") + name) == 4500);
    CHECK(ledger.balance(group_key, "fund:test:g1") == 1500);
}

TEST_CASE("catching up three days commits once per day, and a replayed close writes nothing",
          "[deposit][transaction]") {
    testing::fake_chat chat(quiet, loaded());
    setup(chat);
    chat.advance_to("2026-03-03 23:00");
    books b(chat.bot().db(), chat.bot().ledger(), marks(chat));
    auto c = b.repo().current(group_key);
    REQUIRE(c);
    {
        commit_counter counter(chat.bot().db());
        auto results = b.judge_through(*c, bot::civil_date{2026, 3, 5}, 0);
        CHECK(results.size() == 12);
        CHECK(counter.commits() == 3);
        // Announced member by member, each one's days in order.
        REQUIRE(results.size() == 12);
        CHECK(results[0].name == "alice");
        CHECK(results[0].day == bot::civil_date{2026, 3, 3});
        CHECK(results[2].name == "alice");
        CHECK(results[2].day == bot::civil_date{2026, 3, 5});
        CHECK(results[3].name == "bob");
        CHECK(results[3].day == bot::civil_date{2026, 3, 3});
    }
    commit_counter counter(chat.bot().db());
    CHECK(b.judge_through(*c, bot::civil_date{2026, 3, 5}, 0).empty());
    CHECK(counter.commits() == 0);
    CHECK(chat.bot().ledger().balance(group_key, "deposit:1:s:bob") == 3500);
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("a member who paid late is judged for the days before in the same closes", "[deposit][transaction]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5");
    chat.user("alice").says("/challenge join");
    chat.user("bob").says("/challenge join");
    boss.says("/deposit paid @alice");
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-04 09:00");  // day 1 closed with alice alone
    chat.user("alice").says("打卡");
    boss.says("/deposit paid @bob");
    books b(chat.bot().db(), chat.bot().ledger(), marks(chat));
    auto c = b.repo().current(group_key);
    REQUIRE(c);
    commit_counter counter(chat.bot().db());
    auto results = b.judge_through(*c, bot::civil_date{2026, 3, 4}, 0);
    // Day 1 for bob (alice's is judged already), day 2 for both: one transaction each.
    CHECK(results.size() == 3);
    CHECK(counter.commits() == 2);
    CHECK(chat.bot().ledger().balance(group_key, "deposit:1:s:bob") == 4500);  // missed day 2 only
    CHECK(chat.bot().ledger().balance(group_key, "deposit:1:s:alice") == 5000);
}
