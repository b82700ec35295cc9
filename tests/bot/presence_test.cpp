// The core's presence record on a real SQLite file: a member's first message of a group day is
// told apart from their others and counted once in the batch's first_words (whatever the memory
// forgot, after a restart too), the day only moves forward, joins and leaves and the platform's
// list are kept, and nothing is written until the batch runs.
#include "bot/presence.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "bot/write_batch.hpp"
#include "tests/storage/temp_dir.hpp"
#include "tests/support/commits.hpp"

namespace {

bot::civil_date march(int d) { return bot::civil_date{2026, 3, d}; }

/// A presence record over a database file, batched as the core batches it (written on flush()),
/// with the first words each batch told, as "group day members".
struct record {
    explicit record(std::string const& file) : db(file), batch(io.get_executor(), db, std::chrono::hours(1)) {
        db.migrate("presence", bot::presence::schema());
        book.batch_through([this] { batch.changed(); }, [this] { batch.flush(); });
        batch.add({"presence", [this] { book.write(); }, [this] { book.written(); }});
        book.on_first_words([this](bot::first_words& n) {
            told.push_back(n.group + " " + n.day.str() + " " + std::to_string(n.members));
        });
    }
    /// Writes the batch and returns what it told.
    std::vector<std::string> flush() {
        told.clear();
        REQUIRE(batch.flush());
        return told;
    }
    ~record() { batch.flush(); }
    int rows() { return db.raw().execAndGet("SELECT count(*) FROM member_presence").getInt(); }

    storage::database db;
    boost::asio::io_context io;
    bot::write_batch batch;
    bot::presence book{db};
    std::vector<std::string> told;
};

using lines = std::vector<std::string>;

std::string const g = "test:bot:g1";

}  // namespace

TEST_CASE("a member's first message of a day is told apart, and only it changes their row", "[presence]") {
    storage::testing::temp_dir dir;
    record r(dir.file());
    testing::commit_counter commits(r.db);
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(2));
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(2));
    r.book.spoke(g, bot::id("carol"), "卡罗尔", march(2));
    // The same member in another group is another row.
    r.book.spoke("test:bot:g2", bot::id("bob"), "鲍勃", march(2));
    CHECK(commits.commits() == 0);
    CHECK(r.rows() == 0);
    CHECK(r.flush() == lines{g + " 2026-03-02 2", "test:bot:g2 2026-03-02 1"});
    CHECK(commits.commits() == 1);
    CHECK(r.rows() == 3);
    // The other messages of the day write nothing.
    r.book.spoke(g, bot::id("carol"), "卡罗尔", march(2));
    CHECK(r.flush().empty());
    CHECK(commits.commits() == 1);
    // The next day is a first again; the name follows the latest message.
    r.book.spoke(g, bot::id("bob"), "新名", march(3));
    r.book.spoke(g, bot::id("bob"), "新名", march(3));
    CHECK(r.flush() == lines{g + " 2026-03-03 1"});
    auto bob = r.book.member(g, bot::id("bob"));
    REQUIRE(bob);
    CHECK(bob->name == "新名");
    CHECK(bob->first_day == march(2));
    CHECK(bob->last_spoke == march(3));
    CHECK(r.rows() == 3);
}

TEST_CASE("a member's first words of two days in one batch count on both", "[presence]") {
    storage::testing::temp_dir dir;
    record r(dir.file());
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(2));
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(3));
    r.book.spoke(g, bot::id("carol"), "卡罗尔", march(3));
    CHECK(r.flush() == lines{g + " 2026-03-02 1", g + " 2026-03-03 2"});
    auto bob = r.book.member(g, bot::id("bob"));
    REQUIRE(bob);
    CHECK(bob->last_spoke == march(3));
}

TEST_CASE("a late message from an earlier day is no first and moves nothing back", "[presence]") {
    storage::testing::temp_dir dir;
    record r(dir.file());
    r.book.spoke(g, bot::id("bob"), "新名", march(5));
    CHECK(r.flush() == lines{g + " 2026-03-05 1"});
    r.book.spoke(g, bot::id("bob"), "旧名", march(4));
    CHECK(r.flush().empty());
    // Not even when the memory has forgotten the member (a restart).
    record again(dir.file());
    again.book.spoke(g, bot::id("bob"), "旧名", march(4));
    CHECK(again.flush().empty());
    auto bob = again.book.member(g, bot::id("bob"));
    REQUIRE(bob);
    CHECK(bob->last_spoke == march(5));
    CHECK(bob->name == "新名");
}

TEST_CASE("after a restart the file tells whether a member already spoke today", "[presence]") {
    storage::testing::temp_dir dir;
    {
        record r(dir.file());
        r.book.spoke(g, bot::id("bob"), "鲍勃", march(2));
    }
    record r(dir.file());
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(2));
    r.book.spoke(g, bot::id("carol"), "卡罗尔", march(2));
    CHECK(r.flush() == lines{g + " 2026-03-02 1"});
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(3));
    CHECK(r.flush() == lines{g + " 2026-03-03 1"});
}

TEST_CASE("joins, leaves and the platform's list decide who is present", "[presence]") {
    storage::testing::temp_dir dir;
    record r(dir.file());
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(2));
    r.book.joined(g, bot::id("erin"), "艾琳", march(3));
    r.book.listed(g, bot::id("dave"), "大卫", march(4));
    // Listing a member the record knows changes nothing but their presence.
    r.book.listed(g, bot::id("bob"), "别名", march(4));
    r.book.left(g, bot::id("bob"));
    auto present = r.book.members(g);
    REQUIRE(present.size() == 2);
    CHECK(present[0].user == bot::id("dave"));
    CHECK_FALSE(present[0].last_spoke);
    CHECK_FALSE(present[0].joined);
    CHECK(present[0].first_day == march(4));
    CHECK(present[1].user == bot::id("erin"));
    CHECK(present[1].joined == march(3));
    CHECK_FALSE(present[1].last_spoke);
    auto bob = r.book.member(g, bot::id("bob"));
    REQUIRE(bob);
    CHECK(bob->name == "鲍勃");
    CHECK(r.book.since(g) == march(2));
    CHECK_FALSE(r.book.since("test:bot:g9"));
    // A joining member's first message is still their first words of the day.
    r.book.spoke(g, bot::id("erin"), "艾琳", march(3));
    CHECK(r.flush() == lines{g + " 2026-03-03 1"});
    // A message on a later day brings a member back: they are in the group again.
    r.book.spoke(g, bot::id("bob"), "鲍勃", march(5));
    CHECK(r.book.members(g).size() == 3);
}

TEST_CASE("past the memory's bound each member still counts once a day", "[presence]") {
    storage::testing::temp_dir dir;
    record r(dir.file());
    // More members than the in-memory shortcut holds (100,000 pairs): it starts afresh once.
    for (int i = 0; i < 100'100; ++i) r.book.spoke(g, bot::id(static_cast<std::int64_t>(i)), "m", march(2));
    CHECK(r.flush() == lines{g + " 2026-03-02 100100"});
    // The forgotten members are written again, and change nothing.
    for (int i = 0; i < 100'100; i += 1'000) r.book.spoke(g, bot::id(static_cast<std::int64_t>(i)), "m", march(2));
    CHECK(r.flush().empty());
    CHECK(r.rows() == 100'100);
}
