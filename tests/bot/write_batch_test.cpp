#include "bot/write_batch.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <stdexcept>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "tests/storage/temp_dir.hpp"
#include "tests/support/commits.hpp"

namespace {

int rows(storage::database& db) {
    return db.raw().execAndGet("SELECT count(*) FROM seen").getInt();
}

/// A writer as a plugin would keep it: rows in memory until the batch has committed them.
struct keeper {
    storage::database& db;
    std::vector<int> waiting;
    int failures_left = 0;
    void write() {
        if (failures_left > 0) {
            --failures_left;
            throw std::runtime_error("disk full");
        }
        for (int v : waiting) {
            auto& q = db.prepare("INSERT INTO seen(v) VALUES(?1)");
            q.bind(1, v);
            q.exec();
        }
    }
};

/// A database with a table to write to, and a batch over it.
struct fixture {
    explicit fixture(std::chrono::milliseconds interval) : batch(io.get_executor(), db, interval) {
        db.exec("CREATE TABLE seen(v INTEGER)");
    }
    /// Registers `k` as a writer named `owner`.
    void add(std::string const& owner, keeper& k) {
        batch.add({owner, [&k] { k.write(); }, [&k] { k.waiting.clear(); }});
    }
    storage::testing::temp_dir dir;
    storage::database db{dir.file()};
    boost::asio::io_context io;
    bot::write_batch batch;
};

}  // namespace

TEST_CASE("batched rows wait in memory and are written together in one transaction", "[write_batch]") {
    fixture f(std::chrono::milliseconds(20));
    auto& [dir, db, io, batch] = f;
    keeper a{db, {}, 0};
    keeper b{db, {}, 0};
    f.add("a", a);
    f.add("b", b);
    testing::commit_counter commits(db);
    for (int i = 0; i < 50; ++i) {
        (i % 2 ? a : b).waiting.push_back(i);
        batch.changed();
    }
    CHECK(commits.commits() == 0);
    CHECK(rows(db) == 0);
    // The timer writes them: 50 rows of two writers, one commit.
    io.run_for(std::chrono::seconds(2));
    CHECK(rows(db) == 50);
    CHECK(commits.commits() == 1);
    CHECK(batch.batches() == 1);
    CHECK(a.waiting.empty());
    CHECK(b.waiting.empty());
}

TEST_CASE("a flush before a read writes what waits at once, and with nothing waiting it writes nothing", "[write_batch]") {
    fixture f(std::chrono::seconds(60));
    auto& [dir, db, io, batch] = f;
    keeper a{db, {}, 0};
    f.add("a", a);
    testing::commit_counter commits(db);
    CHECK(batch.flush());
    CHECK(commits.commits() == 0);
    a.waiting = {1, 2, 3};
    batch.changed();
    CHECK(batch.flush());
    CHECK(rows(db) == 3);
    CHECK(commits.commits() == 1);
    // Forgetting a writer writes what it holds first.
    a.waiting = {4};
    batch.changed();
    batch.forget("a");
    CHECK(rows(db) == 4);
    a.waiting = {5};
    batch.changed();
    CHECK(batch.flush());
    CHECK(rows(db) == 4);
}

TEST_CASE("a batch that fails to commit keeps its rows and writes them with the next", "[write_batch]") {
    fixture f(std::chrono::milliseconds(10));
    auto& [dir, db, io, batch] = f;
    keeper a{db, {7, 8}, 1};
    keeper b{db, {9}, 0};
    f.add("b", b);
    f.add("a", a);
    batch.changed();
    CHECK_FALSE(batch.flush());
    CHECK(batch.failures() == 1);
    // b's row was rolled back with the batch: nothing is half written, nothing is forgotten.
    CHECK(rows(db) == 0);
    CHECK(b.waiting.size() == 1);
    CHECK(batch.flush());
    CHECK(rows(db) == 3);
    CHECK(a.waiting.empty());
}
