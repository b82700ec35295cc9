// Writes a reply depends on, committed together on a real SQLite file: the writes handed in during
// one turn of the loop share one commit, each caller goes on only once its write is visible to
// another connection, a write that throws undoes only itself, and a failed commit reaches every
// caller.
#include "bot/group_commit.hpp"

#include <catch2/catch.hpp>

#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <SQLiteCpp/Database.h>

#include "tests/storage/temp_dir.hpp"
#include "tests/support/commits.hpp"

namespace {

struct fixture {
    fixture() { db.exec("CREATE TABLE said(caller INTEGER, v TEXT)"); }
    storage::testing::temp_dir dir;
    storage::database db{dir.file()};
    boost::asio::io_context io;
    bot::group_commit commits{io.get_executor(), db};

    /// Rows as a second connection sees them: only what has committed.
    int committed(std::string const& where = "1") {
        SQLite::Database other(dir.file(), SQLite::OPEN_READONLY);
        return other.execAndGet("SELECT count(*) FROM said WHERE " + where).getInt();
    }
    void insert(int caller, std::string const& v) {
        auto& q = db.prepare("INSERT INTO said(caller, v) VALUES(?1, ?2)");
        q.bind(1, caller);
        q.bind(2, v);
        q.exec();
    }
};

/// What a caller saw when it went on after its write.
struct outcome {
    bool resumed = false;
    int visible = -1;  ///< its rows, as another connection saw them at that moment
    std::string error;
};

}  // namespace

TEST_CASE("the writes of one loop turn share a commit, and each caller goes on after it", "[group_commit]") {
    fixture f;
    testing::commit_counter counter(f.db);
    std::vector<outcome> seen(5);
    for (int i = 0; i < 5; ++i) {
        boost::asio::co_spawn(
            f.io,
            [&f, &seen, i]() -> bot::task<> {
                co_await f.commits.run([&] {
                    f.insert(i, "a");
                    f.insert(i, "b");
                });
                seen[i].resumed = true;
                seen[i].visible = f.committed("caller = " + std::to_string(i));
            },
            boost::asio::detached);
    }
    f.io.run();
    CHECK(counter.commits() == 1);
    CHECK(f.commits.commits() == 1);
    CHECK(f.commits.writes() == 5);
    for (auto const& s : seen) {
        CHECK(s.resumed);
        CHECK(s.visible == 2);
    }
    CHECK(f.committed() == 10);
}

TEST_CASE("a write that throws undoes only itself and its caller gets the error", "[group_commit]") {
    fixture f;
    std::vector<outcome> seen(3);
    for (int i = 0; i < 3; ++i) {
        boost::asio::co_spawn(
            f.io,
            [&f, &seen, i]() -> bot::task<> {
                try {
                    co_await f.commits.run([&] {
                        f.insert(i, "first");
                        if (i == 1) throw std::runtime_error("no such member");
                        f.insert(i, "second");
                    });
                    seen[i].resumed = true;
                } catch (std::exception const& e) {
                    seen[i].error = e.what();
                }
            },
            boost::asio::detached);
    }
    f.io.run();
    CHECK(f.commits.commits() == 1);
    CHECK(seen[0].resumed);
    CHECK(seen[2].resumed);
    CHECK_FALSE(seen[1].resumed);
    CHECK(seen[1].error == "no such member");
    CHECK(f.committed("caller = 1") == 0);
    CHECK(f.committed("caller IN (0, 2)") == 4);
}

TEST_CASE("a commit that fails reaches every caller of the turn and keeps none of their writes", "[group_commit]") {
    fixture f;
    // A deferred foreign key is checked at the commit, after every write's own savepoint succeeded.
    f.db.exec("CREATE TABLE parent(id INTEGER PRIMARY KEY)");
    f.db.exec("CREATE TABLE child(parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
    std::vector<outcome> seen(2);
    for (int i = 0; i < 2; ++i) {
        boost::asio::co_spawn(
            f.io,
            [&f, &seen, i]() -> bot::task<> {
                try {
                    co_await f.commits.run([&] {
                        f.insert(i, "x");
                        if (i == 1) f.db.exec("INSERT INTO child(parent) VALUES(42)");
                    });
                    seen[i].resumed = true;
                } catch (std::exception const& e) {
                    seen[i].error = e.what();
                }
            },
            boost::asio::detached);
    }
    f.io.run();
    CHECK(f.commits.commits() == 0);
    for (auto const& s : seen) {
        CHECK_FALSE(s.resumed);
        CHECK_THAT(s.error, Catch::Matchers::Contains("FOREIGN KEY"));
    }
    CHECK(f.committed() == 0);

    // The next turn commits as usual.
    boost::asio::co_spawn(
        f.io, [&f]() -> bot::task<> { co_await f.commits.run([&] { f.insert(7, "after"); }); },
        boost::asio::detached);
    f.io.restart();
    f.io.run();
    CHECK(f.committed("caller = 7") == 1);
}

TEST_CASE("flush commits what waits at once, and the callers go on when the loop runs", "[group_commit]") {
    fixture f;
    outcome seen;
    boost::asio::co_spawn(
        f.io,
        [&]() -> bot::task<> {
            co_await f.commits.run([&] { f.insert(1, "at stop"); });
            seen.resumed = true;
        },
        boost::asio::detached);
    f.io.poll_one();  // the caller hands its write in and waits
    CHECK(f.committed() == 0);
    f.commits.flush();  // what the core's stop() does
    CHECK(f.committed() == 1);
    CHECK_FALSE(seen.resumed);
    f.io.run();
    CHECK(seen.resumed);
}

TEST_CASE("callers still waiting when the group commit goes get an error, and nothing runs after", "[group_commit]") {
    fixture f;
    auto early = std::make_unique<bot::group_commit>(f.io.get_executor(), f.db);
    outcome seen;
    boost::asio::co_spawn(
        f.io,
        [&]() -> bot::task<> {
            try {
                co_await early->run([&] { f.insert(1, "never"); });
                seen.resumed = true;
            } catch (std::exception const& e) {
                seen.error = e.what();
            }
        },
        boost::asio::detached);
    f.io.poll_one();  // handed in; its commit is posted
    early.reset();
    f.io.run();  // the posted commit finds it gone
    CHECK_FALSE(seen.resumed);
    CHECK_THAT(seen.error, Catch::Matchers::Contains("stopped"));
    CHECK(f.committed() == 0);
}
