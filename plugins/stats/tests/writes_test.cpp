// No write per message: counters wait in memory and a flush writes them in one transaction (on
// the timer, before a read, at a clean shutdown). A crash loses at most one flush interval.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cstring>

#include "plugins/stats/tests/support.hpp"
#include "storage/database.hpp"
#include "tests/support/commits.hpp"

namespace {


int stored_messages(testing::fake_chat& chat) {
    auto& q = chat.bot().db().prepare("SELECT COALESCE(SUM(messages), 0) FROM stats_days");
    storage::statement_guard guard(q);
    q.executeStep();
    return q.getColumn(0).getInt();
}

/// Counts the runs of statements whose text begins with `prefix` on the bot's connection while it
/// lives: the statistics' own writes, apart from the core's timed batch, which commits on a real
/// timer and may land in the middle of a long test.
class statement_counter {
public:
    statement_counter(testing::fake_chat& chat, std::string prefix)
        : handle_(chat.bot().db().raw().getHandle()), prefix_(std::move(prefix)) {
        sqlite3_trace_v2(handle_, SQLITE_TRACE_STMT, &statement_counter::seen, this);
    }
    ~statement_counter() { sqlite3_trace_v2(handle_, 0, nullptr, nullptr); }
    statement_counter(statement_counter const&) = delete;
    statement_counter& operator=(statement_counter const&) = delete;
    int runs() const { return runs_; }

private:
    static int seen(unsigned, void* self, void*, void* text) {
        // The statement's own text when it begins; a trigger it enters comes as "-- TRIGGER ...".
        auto* me = static_cast<statement_counter*>(self);
        auto const* sql = static_cast<char const*>(text);
        if (sql && std::strncmp(sql, me->prefix_.c_str(), me->prefix_.size()) == 0) ++me->runs_;
        return 0;
    }
    sqlite3* handle_;
    std::string prefix_;
    int runs_ = 0;
};

/// One run per flush: each writes its group day once.
constexpr char const* flush_statement = "INSERT INTO stats_days";

}  // namespace

TEST_CASE("messages cause no commit until the flush, and the flush is one commit", "[stats][writes]") {
    testing::fake_chat chat("", stats_test::loaded());
    chat.user("alice").says("早上好");  // the group is known and its jobs scheduled
    chat.advance(std::chrono::seconds(31));
    REQUIRE(stored_messages(chat) == 1);
    testing::commit_counter counter(chat.bot().db());
    for (int i = 0; i < 40; ++i) chat.user(i % 2 ? "alice" : "bob").says("聊天 " + std::to_string(i));
    chat.advance(std::chrono::seconds(20));
    CHECK(counter.commits() == 0);
    CHECK(stored_messages(chat) == 1);
    chat.advance(std::chrono::seconds(11));  // flush_every (30s) after the first of them
    CHECK(counter.commits() == 1);
    CHECK(stored_messages(chat) == 41);
    chat.advance(std::chrono::minutes(5));  // nothing waiting: no timer, no write
    CHECK(counter.commits() == 1);
}

TEST_CASE("flush_every sets how long counts wait", "[stats][writes]") {
    testing::fake_chat chat("[plugins.stats]\nflush_every = \"2m\"\n", stats_test::loaded());
    chat.user("alice").says("早上好");
    chat.advance(std::chrono::seconds(90));
    CHECK(stored_messages(chat) == 0);
    chat.advance(std::chrono::seconds(31));
    CHECK(stored_messages(chat) == 1);
}

TEST_CASE("flush_members member days waiting are written at once, without waiting for flush_every",
          "[stats][writes]") {
    testing::fake_chat chat("[plugins.stats]\nflush_members = 100\nflush_every = \"10m\"\n", stats_test::loaded());
    chat.user("alice").says("早上好");
    chat.advance(std::chrono::minutes(11));
    REQUIRE(stored_messages(chat) == 1);
    statement_counter flushes(chat, flush_statement);
    // 99 members and 50 more messages of theirs: 99 member days wait, nothing is written.
    for (int i = 0; i < 99; ++i) chat.user("m" + std::to_string(i)).says("你好 " + std::to_string(i));
    for (int i = 0; i < 50; ++i) chat.user("m" + std::to_string(i)).says("又来了 " + std::to_string(i));
    CHECK(flushes.runs() == 0);
    CHECK(stored_messages(chat) == 1);
    // The hundredth member day is written with the rest, in one flush, long before ten minutes.
    chat.user("m99").says("我也来了");
    CHECK(flushes.runs() == 1);
    CHECK(stored_messages(chat) == 151);
}

TEST_CASE("after a failed write, counts past flush_members wait for the timer instead of trying again per message",
          "[stats][writes]") {
    testing::fake_chat chat("[plugins.stats]\nflush_members = 100\nflush_every = \"10m\"\n", stats_test::loaded());
    chat.user("alice").says("早上好");
    chat.advance(std::chrono::minutes(11));
    REQUIRE(stored_messages(chat) == 1);
    auto& raw = chat.bot().db().raw();
    // Every member-day row fails, as on a full disk; each try of a flush is one INSERT begun.
    raw.exec("CREATE TEMP TRIGGER no_member_days BEFORE INSERT ON stats_member_days "
             "BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    {
        statement_counter tries(chat, "INSERT INTO stats_member_days");
        for (int i = 0; i < 150; ++i) chat.user("m" + std::to_string(i)).says("你好 " + std::to_string(i));
        CHECK(tries.runs() == 1);  // the hundredth member day tried once; the fifty after it did not try again
    }
    raw.exec("DROP TRIGGER no_member_days");
    // The timer writes everything kept, and the bound works again after it.
    chat.advance(std::chrono::minutes(11));
    CHECK(stored_messages(chat) == 151);
    statement_counter flushes(chat, flush_statement);
    for (int i = 0; i < 100; ++i) chat.user("n" + std::to_string(i)).says("再见 " + std::to_string(i));
    CHECK(flushes.runs() == 1);
    CHECK(stored_messages(chat) == 251);
}

TEST_CASE("a clean shutdown writes what is counted, a crash loses at most one interval", "[stats][writes]") {
    testing::fake_chat chat("", stats_test::loaded());
    chat.user("alice").says("一");
    chat.user("bob").says("二");
    chat.shut_down();
    CHECK(stored_messages(chat) == 2);
    chat.restart();
    chat.user("alice").says("三");
    chat.advance(std::chrono::seconds(31));
    chat.user("alice").says("四");  // not flushed yet when the bot crashes
    chat.restart();
    CHECK(stored_messages(chat) == 3);
}

TEST_CASE("a read flushes first, so /stats includes the last message", "[stats][writes]") {
    testing::fake_chat chat("", stats_test::loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    chat.user("alice").says("刚说的一句");
    boss.says("/stats 今天");
    CHECK(chat.replied("💬 消息 1 条"));
}
