#include "storage/database.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/storage/temp_dir.hpp"

using storage::database;
using storage::migration;
using storage::storage_error;

namespace {

std::vector<migration> const two_steps = {
    {2, "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT ''"},
    {1, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)"},
};

std::int64_t count_rows(database& db, std::string const& table) {
    return db.raw().execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

void insert_note(database& db, std::string const& body) {
    auto& insert = db.prepare("INSERT INTO notes(body) VALUES(?1)");
    insert.bind(1, body);
    insert.exec();
}

}  // namespace

TEST_CASE("a fresh database applies every migration in version order") {
    database db(":memory:");
    REQUIRE(db.schema_version("notes") == 0);
    db.migrate("notes", two_steps);
    REQUIRE(db.schema_version("notes") == 2);
    db.exec("INSERT INTO notes(body, author) VALUES('hello', 'alice')");
    REQUIRE(count_rows(db, "notes") == 1);
}

TEST_CASE("running the migrations again is a no-op and a new step is applied alone") {
    database db(":memory:");
    db.migrate("notes", {two_steps[1]});
    REQUIRE(db.schema_version("notes") == 1);
    insert_note(db, "kept");

    // Step 1 would fail if it ran again (the table exists), so success proves it was skipped.
    db.migrate("notes", two_steps);
    db.migrate("notes", two_steps);
    REQUIRE(db.schema_version("notes") == 2);
    REQUIRE(count_rows(db, "notes") == 1);
}

TEST_CASE("a database schema newer than the code is refused") {
    database db(":memory:");
    db.migrate("notes", two_steps);
    REQUIRE_THROWS_WITH(db.migrate("notes", {two_steps[1]}),
                        "database schema of 'notes' is version 2, newer than this qunbot knows (1)");
    REQUIRE(db.schema_version("notes") == 2);
}

TEST_CASE("a failing migration step rolls back and leaves the version where it was") {
    database db(":memory:");
    std::vector<migration> steps = {
        two_steps[1],
        {2, "CREATE TABLE tags(name TEXT); INSERT INTO no_such_table VALUES(1)"},
    };
    REQUIRE_THROWS_AS(db.migrate("notes", steps), storage_error);
    REQUIRE_THROWS_WITH(db.migrate("notes", steps),
                        Catch::Contains("migration 2 of 'notes'") && Catch::Contains("no such table: no_such_table"));
    REQUIRE(db.schema_version("notes") == 1);
    REQUIRE_FALSE(db.raw().tableExists("tags"));
    REQUIRE_FALSE(db.in_transaction());
}

TEST_CASE("schema versions of different owners are independent") {
    database db(":memory:");
    db.migrate("notes", two_steps);
    db.migrate("other", {{1, "CREATE TABLE other(x)"}});
    REQUIRE(db.schema_version("notes") == 2);
    REQUIRE(db.schema_version("other") == 1);
}

TEST_CASE("migration lists with a repeated or zero version are refused") {
    database db(":memory:");
    REQUIRE_THROWS_AS(db.migrate("bad", {{1, "CREATE TABLE a(x)"}, {1, "CREATE TABLE b(x)"}}), storage_error);
    REQUIRE_THROWS_AS(db.migrate("bad", {{0, "CREATE TABLE a(x)"}}), storage_error);
    REQUIRE(db.schema_version("bad") == 0);
}

TEST_CASE("a file database creates its folder and runs in WAL mode with the expected pragmas") {
    storage::testing::temp_dir dir;
    auto const path = (dir.path() / "nested" / "deeper" / "qunbot.db").string();
    database db(path);
    REQUIRE(std::filesystem::exists(path));
    REQUIRE(db.path() == path);
    REQUIRE(db.raw().execAndGet("PRAGMA journal_mode").getString() == "wal");
    REQUIRE(db.raw().execAndGet("PRAGMA synchronous").getInt() == 1);  // NORMAL
    REQUIRE(db.raw().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    // The busy wait is the database's own handler, which counts the waits (tested below).
}

TEST_CASE("every write transaction is counted once, reads and rollbacks not at all") {
    storage::testing::temp_dir dir;
    database db(dir.file());
    db.exec("CREATE TABLE t(x INTEGER)");
    auto const before = db.stats().commits;
    db.immediate([&] {
        db.exec("INSERT INTO t VALUES(1)");
        db.exec("INSERT INTO t VALUES(2)");
    });
    CHECK(db.stats().commits == before + 1);
    db.exec("INSERT INTO t VALUES(3)");  // autocommit: one more
    CHECK(db.stats().commits == before + 2);
    CHECK(db.raw().execAndGet("SELECT count(*) FROM t").getInt() == 3);
    CHECK_THROWS(db.immediate([&] {
        db.exec("INSERT INTO t VALUES(4)");
        throw std::runtime_error("undo");
    }));
    CHECK(db.stats().commits == before + 2);
}

TEST_CASE("a commit that grows the WAL past 4,000 pages checkpoints it, and the time is counted") {
    storage::testing::temp_dir dir;
    database db(dir.file());
    db.exec("CREATE TABLE blobs(b BLOB)");
    db.checkpoint();
    REQUIRE(db.stats().checkpoints == 1);
    db.immediate([&] {
        auto& insert = db.prepare("INSERT INTO blobs VALUES(zeroblob(4000))");
        for (int i = 0; i < 4100; ++i) {
            insert.exec();
            insert.reset();
        }
    });
    CHECK(db.stats().checkpoints == 2);
    CHECK(db.stats().checkpoint_seconds > 0);
    db.exec("INSERT INTO blobs VALUES(zeroblob(10))");
    CHECK(db.stats().checkpoints == 2);  // a small commit does not
}

TEST_CASE("a prepared statement is cached and comes back reset with no bindings") {
    database db(":memory:");
    auto& first = db.prepare("SELECT ?1");
    first.bind(1, 42);
    REQUIRE(first.executeStep());
    REQUIRE(first.getColumn(0).getInt() == 42);

    auto& again = db.prepare("SELECT ?1");
    REQUIRE(&again == &first);
    REQUIRE(again.executeStep());
    REQUIRE(again.getColumn(0).isNull());
}

TEST_CASE("a cached statement whose last run failed can be used again") {
    database db(":memory:");
    db.migrate("notes", two_steps);
    auto const insert_with_id = [&](int id) {
        auto& insert = db.prepare("INSERT INTO notes(id, body) VALUES(?1, 'x')");
        insert.bind(1, id);
        insert.exec();
    };
    insert_with_id(1);
    REQUIRE_THROWS_AS(insert_with_id(1), SQLite::Exception);
    REQUIRE_NOTHROW(insert_with_id(2));
    REQUIRE(count_rows(db, "notes") == 2);
}

TEST_CASE("immediate commits when the function returns") {
    database db(":memory:");
    db.migrate("notes", two_steps);
    db.immediate([&] {
        REQUIRE(db.in_transaction());
        insert_note(db, "a");
        insert_note(db, "b");
    });
    REQUIRE_FALSE(db.in_transaction());
    REQUIRE(count_rows(db, "notes") == 2);
}

TEST_CASE("immediate rolls back every write when the function throws") {
    database db(":memory:");
    db.migrate("notes", two_steps);
    auto const failing = [&] {
        insert_note(db, "a");
        insert_note(db, "b");
        throw std::runtime_error("business rule failed");
    };
    REQUIRE_THROWS_AS(db.immediate(failing), std::runtime_error);
    REQUIRE_FALSE(db.in_transaction());
    REQUIRE(count_rows(db, "notes") == 0);
    db.immediate([&] { insert_note(db, "after"); });  // the connection is usable again
    REQUIRE(count_rows(db, "notes") == 1);
}

TEST_CASE("a nested immediate joins the outer transaction") {
    database db(":memory:");
    db.migrate("notes", two_steps);
    REQUIRE_THROWS(db.immediate([&] {
        insert_note(db, "outer");
        db.immediate([&] { insert_note(db, "inner"); });
        throw std::runtime_error("outer fails after the inner block returned");
    }));
    REQUIRE(count_rows(db, "notes") == 0);
}

TEST_CASE("a nested immediate that throws undoes only its own writes") {
    database db(":memory:");
    db.migrate("notes", two_steps);
    db.immediate([&] {
        insert_note(db, "outer");
        REQUIRE_THROWS(db.immediate([&] {
            insert_note(db, "inner");
            throw std::runtime_error("inner fails");
        }));
        REQUIRE(db.in_transaction());
    });
    REQUIRE(count_rows(db, "notes") == 1);
    REQUIRE(db.raw().execAndGet("SELECT body FROM notes").getString() == "outer");
}

TEST_CASE("rollback hooks run only when the transaction is undone") {
    database db(":memory:");
    int undone = 0;
    db.on_rollback([&] { ++undone; });  // outside a transaction: ignored
    db.immediate([&] { db.on_rollback([&] { ++undone; }); });
    REQUIRE(undone == 0);
    REQUIRE_THROWS(db.immediate([&] {
        db.on_rollback([&] { ++undone; });
        throw std::runtime_error("undo");
    }));
    REQUIRE(undone == 1);
}

TEST_CASE("a statement left mid-read inside immediate does not pin an old snapshot") {
    storage::testing::temp_dir dir;
    database first(dir.file());
    database second(dir.file());
    first.migrate("notes", two_steps);
    insert_note(first, "one");
    insert_note(first, "two");

    first.immediate([&] {
        auto& scan = first.prepare("SELECT body FROM notes ORDER BY id");
        REQUIRE(scan.executeStep());  // deliberately not read to the end
    });
    insert_note(second, "three");
    REQUIRE(count_rows(first, "notes") == 3);
}

TEST_CASE("checkpoint empties the write-ahead log") {
    storage::testing::temp_dir dir;
    database db(dir.file());
    db.migrate("notes", two_steps);
    for (int i = 0; i < 20; ++i) insert_note(db, "row");
    auto const wal = dir.file("qunbot.db-wal");
    REQUIRE(std::filesystem::file_size(wal) > 0);
    db.checkpoint();
    REQUIRE(std::filesystem::file_size(wal) == 0);
    REQUIRE(count_rows(db, "notes") == 20);
}

TEST_CASE("opening a database in a place that cannot be a folder fails with a storage error") {
    storage::testing::temp_dir dir;
    auto const blocker = dir.file("not-a-folder");
    { database make_file(blocker); }
    REQUIRE_THROWS_AS(database((std::filesystem::path(blocker) / "qunbot.db").string()), storage_error);
}

TEST_CASE("a write that finds the database locked waits, and the wait is counted") {
    storage::testing::temp_dir dir;
    auto path = dir.file("busy.db");
    database db(path);
    db.exec("CREATE TABLE t(x INTEGER)");
    CHECK(db.stats().busy_waits == 0);
    // Another connection holds the write lock for a moment.
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    std::thread writer([&] { db.exec("INSERT INTO t VALUES(1)"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    other.exec("COMMIT");
    writer.join();
    CHECK(db.stats().busy_waits == 1);
    auto& count = db.prepare("SELECT COUNT(*) FROM t");
    REQUIRE(count.executeStep());
    CHECK(count.getColumn(0).getInt() == 1);
    count.reset();
    db.checkpoint();
    CHECK(db.stats().checkpoints == 1);
    CHECK(db.stats().checkpoint_seconds >= 0);
}

TEST_CASE("with checkpoints in the background, a worker copies the WAL back and the log stays bounded") {
    storage::testing::temp_dir dir;
    database db(dir.file());
    db.exec("CREATE TABLE blobs(b BLOB)");
    db.checkpoint_in_background(200);
    auto const wal = dir.file() + "-wal";
    // Each commit adds about 5 pages; the worker is woken once the log passes 200 pages.
    std::uintmax_t largest = 0;
    auto write = [&](int commits) {
        for (int c = 0; c < commits; ++c) {
            db.immediate([&] {
                auto& insert = db.prepare("INSERT INTO blobs VALUES(zeroblob(4000))");
                for (int i = 0; i < 5; ++i) {
                    insert.exec();
                    insert.reset();
                }
            });
            largest = std::max(largest, std::filesystem::file_size(wal));
        }
    };
    write(100);
    // The worker runs on its own thread: wait for it (a generous bound, not a timing assertion).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (db.stats().checkpoints == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(db.stats().checkpoints >= 1);
    // Once a checkpoint has copied every frame, the next commit starts the log from its beginning,
    // so it does not grow without bound however long the writes go on.
    write(400);
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (db.stats().checkpoints < 3 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    write(1);
    // However the worker is scheduled (its RESTART can starve behind commits back to back), the
    // writer restarts the log itself past eight times the threshold: 1,600 pages and one commit.
    CHECK(largest < (8u * 200u + 20u) * (4096u + 24u));
    CHECK(std::filesystem::file_size(wal) < 2'000u * 4096u);
    CHECK(db.raw().execAndGet("SELECT count(*) FROM blobs").getInt() == 2505);
    CHECK(db.raw().execAndGet("PRAGMA integrity_check").getString() == "ok");
}
