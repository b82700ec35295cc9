#pragma once
/// The SQLite database: one connection, WAL, versioned migrations, cached prepared statements and
/// IMMEDIATE transactions. SQLiteCpp types stay in storage/ and in plugin repositories.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/migration.hpp"

struct sqlite3;  // the C library's connection, for the busy and WAL hooks

namespace storage {


/// Raised when the database cannot be opened or migrated; the message says which owner and step.
struct storage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The database connection. Not thread-safe: the core thread owns it.
class database {
public:
    /// Opens (creating if needed) the file at `path`; ":memory:" for a private in-memory database.
    /// Sets WAL, synchronous=NORMAL, foreign_keys=ON and a busy timeout.
    explicit database(std::string const& path);
    ~database();
    database(database const&) = delete;
    database& operator=(database const&) = delete;

    /// Applies the owner's migrations that are newer than its stored version, each in an IMMEDIATE
    /// transaction. A stored version newer than the code knows is an error (a downgrade).
    void migrate(std::string const& owner, std::vector<migration> const& steps);
    /// The stored schema version of an owner (0 when it has none).
    int schema_version(std::string const& owner);

    /// A prepared statement for `sql`, compiled once and reused; it comes back reset with no bindings.
    SQLite::Statement& prepare(std::string const& sql);

    /// Runs `fn` in one IMMEDIATE transaction: commit when it returns, rollback when it throws
    /// (the exception propagates). Nested calls join the outer transaction through a savepoint, so a
    /// nested block that throws undoes only its own writes before the exception reaches the caller.
    void immediate(std::function<void()> const& fn);
    bool in_transaction() const { return depth_ > 0; }

    /// Registers `fn` to run if the current transaction (or the nested block now running) rolls back,
    /// so a write-through cache can drop what it wrote. Outside a transaction it does nothing.
    void on_rollback(std::function<void()> fn);

    /// Runs statements that take no parameters.
    void exec(std::string const& sql);

    /// Flushes the WAL into the main file (used on shutdown). Resets every cached statement first.
    void checkpoint();
    /// From now on the WAL is copied back into the database by a worker thread with its own
    /// connection, once it holds `pages` pages or more, so the fsync of a checkpoint never blocks the
    /// thread that writes. Without this call (and for ":memory:") the writing thread checkpoints
    /// after the commit that passes 4,000 pages. The worker stops with the database.
    void checkpoint_in_background(int pages);

    std::string const& path() const { return path_; }
    SQLite::Database& raw() { return *db_; }

    /// What the metrics report of the connection.
    struct counters {
        std::uint64_t commits = 0;      ///< write transactions committed (each one appends to the WAL)
        std::uint64_t busy_waits = 0;   ///< statements that found the database locked and waited
        std::uint64_t checkpoints = 0;  ///< WAL checkpoints run (automatic and at shutdown)
        double checkpoint_seconds = 0;  ///< time spent in them
    };
    counters stats() const;

private:
    static int busy_wait(void* self, int tries);
    static int wal_grew(void* self, sqlite3* handle, char const* name, int pages);
    class checkpointer;
    counters stats_;
    std::unique_ptr<checkpointer> checkpointer_;
    std::string path_;
    std::unique_ptr<SQLite::Database> db_;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
    std::vector<SQLite::Statement*> touched_;  ///< handed out inside the open transaction
    std::vector<std::function<void()>> rollback_hooks_;
    int depth_ = 0;

    void run_outermost(std::function<void()> const& fn);
    void run_nested(std::function<void()> const& fn);
    void reset_touched(std::size_t from) noexcept;
    void run_rollback_hooks(std::size_t from) noexcept;
};

/// Resets a cached statement when it leaves scope, so a half-read SELECT does not keep a read
/// snapshot open (which would block a WAL checkpoint and hide other connections' writes).
class statement_guard {
public:
    explicit statement_guard(SQLite::Statement& statement) : statement_(statement) {}
    ~statement_guard() { statement_.tryReset(); }
    statement_guard(statement_guard const&) = delete;
    statement_guard& operator=(statement_guard const&) = delete;

private:
    SQLite::Statement& statement_;
};

}  // namespace storage
