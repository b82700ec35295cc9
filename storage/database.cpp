#include "storage/database.hpp"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

namespace storage {
namespace {

constexpr char const* create_schema_versions_sql =
    "CREATE TABLE IF NOT EXISTS schema_versions(owner TEXT PRIMARY KEY, version INTEGER NOT NULL)";
constexpr char const* select_version_sql = "SELECT version FROM schema_versions WHERE owner = ?1";
constexpr char const* upsert_version_sql =
    "INSERT INTO schema_versions(owner, version) VALUES(?1, ?2) "
    "ON CONFLICT(owner) DO UPDATE SET version = excluded.version";
constexpr char const* wal_checkpoint_sql = "PRAGMA wal_checkpoint(TRUNCATE)";

constexpr int busy_timeout_ms = 5000;

bool is_in_memory(std::string const& path) {
    return path.empty() || path == ":memory:";
}

void create_parent_directory(std::string const& path) {
    auto const parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) {
        throw storage_error(
            fmt::format("cannot create directory '{}' for the database: {}", parent.string(), ec.message()));
    }
}

std::vector<migration> sorted_steps(std::string const& owner, std::vector<migration> const& steps) {
    auto sorted = steps;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](migration const& a, migration const& b) { return a.version < b.version; });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (sorted[i].version < 1) {
            throw storage_error(
                fmt::format("migration {} of '{}' is invalid: versions start at 1", sorted[i].version, owner));
        }
        if (i > 0 && sorted[i].version == sorted[i - 1].version) {
            throw storage_error(fmt::format("migration {} of '{}' is defined twice", sorted[i].version, owner));
        }
    }
    return sorted;
}

/// Runs a checkpoint on the calling thread and returns the seconds it took.
double timed_checkpoint(sqlite3* handle, char const* name, int mode) {
    auto began = std::chrono::steady_clock::now();
    sqlite3_wal_checkpoint_v2(handle, name, mode, nullptr, nullptr);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
}

}  // namespace

/// The worker that checkpoints the WAL from a second connection: woken by the writing thread's
/// commit hook when the log has grown past its threshold, it runs a PASSIVE checkpoint, which
/// copies what no reader still needs and never waits for the writer or blocks it.
class database::checkpointer {
public:
    checkpointer(std::string const& path, int pages) : pages_(pages) {
        // Opened here, so a database that cannot be opened twice fails at start, on the caller's thread.
        db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
        db_->exec("PRAGMA synchronous = NORMAL");
        // A RESTART checkpoint waits this long for the writer's transaction to end.
        db_->setBusyTimeout(2000);
        worker_ = std::thread([this] { run(); });
    }
    ~checkpointer() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        worker_.join();
    }
    checkpointer(checkpointer const&) = delete;
    checkpointer& operator=(checkpointer const&) = delete;

    /// Called after each commit with the WAL's size in pages.
    void grew(int pages) {
        if (pages < pages_) return;
        {
            std::lock_guard lock(mutex_);
            wanted_ = true;
            pages_seen_ = pages;
        }
        wake_.notify_one();
    }
    int threshold() const { return pages_; }
    /// Waits for the worker's checkpoint, if one runs, and keeps it from starting another while held.
    [[nodiscard]] std::unique_lock<std::mutex> hold() { return std::unique_lock(running_); }
    std::uint64_t runs() const { return runs_.load(std::memory_order_relaxed); }
    double seconds() const { return static_cast<double>(nanos_.load(std::memory_order_relaxed)) / 1e9; }

private:
    void run() {
        std::unique_lock lock(mutex_);
        while (true) {
            wake_.wait(lock, [this] { return wanted_ || stopping_; });
            if (stopping_) return;
            wanted_ = false;
            // Under a steady stream of commits a passive checkpoint never catches up with the writer,
            // and the log only starts again from its beginning once one has: past four times the
            // threshold the checkpoint waits for the writer's transaction to end (RESTART), so the
            // next commit starts the log afresh. The writer waits meanwhile; that is the price of a
            // bounded log, paid only when the passive ones fell that far behind.
            int const mode = pages_seen_ >= 4 * pages_ ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE;
            lock.unlock();
            std::lock_guard running(running_);
            auto began = std::chrono::steady_clock::now();
            // BUSY (another checkpoint runs) and I/O errors leave the log as it is: the next commit past
            // the threshold asks again, and the shutdown checkpoint copies whatever is left.
            sqlite3_wal_checkpoint_v2(db_->getHandle(), nullptr, mode, nullptr, nullptr);
            auto spent = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - began);
            nanos_.fetch_add(static_cast<std::uint64_t>(spent.count()), std::memory_order_relaxed);
            runs_.fetch_add(1, std::memory_order_relaxed);
            lock.lock();
        }
    }

    int pages_;
    int pages_seen_ = 0;  ///< the log's size at the last wake-up
    std::unique_ptr<SQLite::Database> db_;
    std::mutex mutex_;
    std::mutex running_;  ///< held while a checkpoint runs
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::atomic<std::uint64_t> runs_{0};
    std::atomic<std::uint64_t> nanos_{0};
    std::thread worker_;
};

database::database(std::string const& path) : path_(path) {
    bool const in_memory = is_in_memory(path);
    if (!in_memory) create_parent_directory(path);
    try {
        db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        // The busy wait goes first: switching to WAL needs a lock another process may hold. It waits
        // like busy_timeout, and counts the waits for the metrics.
        sqlite3_busy_handler(db_->getHandle(), &database::busy_wait, this);
        if (!in_memory) db_->exec("PRAGMA journal_mode = WAL");
        db_->exec("PRAGMA synchronous = NORMAL");
        // Checkpoint every 4,000 WAL pages (16 MiB) instead of 1,000: the same hot pages are copied
        // back and synced a quarter as often under a stream of small transactions. The hook does
        // what wal_autocheckpoint would (a passive checkpoint after the commit that crosses it),
        // timed for the metrics.
        if (!in_memory) sqlite3_wal_hook(db_->getHandle(), &database::wal_grew, this);
        db_->exec("PRAGMA foreign_keys = ON");
        db_->exec(create_schema_versions_sql);
    } catch (SQLite::Exception const& e) {
        throw storage_error(fmt::format("cannot open database '{}': {}", path, e.what()));
    }
}

database::~database() {
    checkpointer_.reset();
    // Statements must be finalized before the connection closes, or sqlite3_close reports BUSY.
    statements_.clear();
    db_.reset();
}

void database::migrate(std::string const& owner, std::vector<migration> const& steps) {
    auto const sorted = sorted_steps(owner, steps);
    int const known = sorted.empty() ? 0 : sorted.back().version;
    int const stored = schema_version(owner);
    if (stored > known) {
        throw storage_error(fmt::format("database schema of '{}' is version {}, newer than this qunbot knows ({})",
                                        owner, stored, known));
    }
    for (auto const& step : sorted) {
        if (step.version <= stored) continue;
        try {
            immediate([&] {
                // Re-read inside the write lock: another process may have migrated in the meantime.
                if (schema_version(owner) >= step.version) return;
                db_->exec(step.sql);
                auto& bump = prepare(upsert_version_sql);
                bump.bind(1, owner);
                bump.bind(2, step.version);
                bump.exec();
            });
        } catch (std::exception const& e) {
            throw storage_error(fmt::format("migration {} of '{}' failed: {}", step.version, owner, e.what()));
        }
    }
}

int database::schema_version(std::string const& owner) {
    auto& query = prepare(select_version_sql);
    statement_guard guard{query};
    query.bind(1, owner);
    return query.executeStep() ? query.getColumn(0).getInt() : 0;
}

SQLite::Statement& database::prepare(std::string const& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(*db_, sql)).first;
    auto& statement = *it->second;
    // tryReset, not reset: reset() rethrows the error of the statement's last failed step.
    statement.tryReset();
    statement.clearBindings();
    if (depth_ > 0) touched_.push_back(&statement);
    return statement;
}

void database::immediate(std::function<void()> const& fn) {
    if (depth_ == 0) {
        run_outermost(fn);
    } else {
        run_nested(fn);
    }
}

void database::run_outermost(std::function<void()> const& fn) {
    std::optional<SQLite::Transaction> transaction;
    transaction.emplace(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    depth_ = 1;
    try {
        fn();
        // A statement left mid-row would hold a read snapshot past the commit.
        reset_touched(0);
        transaction->commit();
    } catch (...) {
        reset_touched(0);
        depth_ = 0;
        transaction.reset();  // rolls back
        run_rollback_hooks(0);
        throw;
    }
    depth_ = 0;
    touched_.clear();
    rollback_hooks_.clear();
}

void database::run_nested(std::function<void()> const& fn) {
    auto const name = fmt::format("qunbot_nested_{}", depth_);
    auto const touched_mark = touched_.size();
    auto const hooks_mark = rollback_hooks_.size();
    db_->exec("SAVEPOINT " + name);
    ++depth_;
    try {
        fn();
    } catch (...) {
        --depth_;
        reset_touched(touched_mark);
        try {
            db_->exec("ROLLBACK TO " + name);
            db_->exec("RELEASE " + name);
        } catch (SQLite::Exception const&) {
            // SQLite already rolled the whole transaction back (disk full, I/O error); the
            // outermost level reports that when it tries to commit.
        }
        run_rollback_hooks(hooks_mark);
        throw;
    }
    --depth_;
    db_->exec("RELEASE " + name);
}

void database::reset_touched(std::size_t from) noexcept {
    for (auto i = from; i < touched_.size(); ++i) touched_[i]->tryReset();
    touched_.resize(std::min(from, touched_.size()));
}

void database::run_rollback_hooks(std::size_t from) noexcept {
    for (auto i = from; i < rollback_hooks_.size(); ++i) {
        try {
            rollback_hooks_[i]();
        } catch (...) {
            // A hook only drops cached state; a failure there must not mask the original error.
        }
    }
    rollback_hooks_.resize(std::min(from, rollback_hooks_.size()));
}

void database::on_rollback(std::function<void()> fn) {
    if (depth_ > 0) rollback_hooks_.push_back(std::move(fn));
}

void database::exec(std::string const& sql) {
    db_->exec(sql);
}

void database::checkpoint() {
    for (auto& [sql, statement] : statements_) statement->tryReset();
    auto began = std::chrono::steady_clock::now();
    db_->exec(wal_checkpoint_sql);
    stats_.checkpoint_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    ++stats_.checkpoints;
}

void database::checkpoint_in_background(int pages) {
    if (is_in_memory(path_) || checkpointer_) return;
    checkpointer_ = std::make_unique<checkpointer>(path_, pages);
    // When the log starts again from its beginning, a file grown past four times the threshold is
    // cut back to that size.
    db_->exec("PRAGMA journal_size_limit = " + std::to_string(std::int64_t{4} * pages * 4096));
}

database::counters database::stats() const {
    auto out = stats_;
    if (checkpointer_) {
        out.checkpoints += checkpointer_->runs();
        out.checkpoint_seconds += checkpointer_->seconds();
    }
    return out;
}

int database::busy_wait(void* self, int tries) {
    auto* db = static_cast<database*>(self);
    if (tries == 0) ++db->stats_.busy_waits;
    if (tries >= busy_timeout_ms) return 0;  // about busy_timeout_ms milliseconds: give up with SQLITE_BUSY
    sqlite3_sleep(1);
    return 1;
}

int database::wal_grew(void* self, sqlite3* handle, char const* name, int pages) {
    constexpr int checkpoint_pages = 4000;
    auto* db = static_cast<database*>(self);
    ++db->stats_.commits;  // SQLite calls this hook after every commit that wrote to the WAL
    if (db->checkpointer_) {
        db->checkpointer_->grew(pages);
        // The worker's RESTART can starve behind a writer that commits back to back (each of its
        // retries finds the next transaction holding the lock). Past eight times the threshold the
        // writer, which holds no lock in this hook, waits for the worker's checkpoint to finish and
        // then restarts the log itself: the log's hard bound, paid on the core thread only when the
        // worker fell that far behind.
        if (pages < 8 * db->checkpointer_->threshold()) return SQLITE_OK;
        auto worker_idle = db->checkpointer_->hold();
        db->stats_.checkpoint_seconds += timed_checkpoint(handle, name, SQLITE_CHECKPOINT_RESTART);
        ++db->stats_.checkpoints;
        return SQLITE_OK;
    }
    if (pages < checkpoint_pages) return SQLITE_OK;
    db->stats_.checkpoint_seconds += timed_checkpoint(handle, name, SQLITE_CHECKPOINT_PASSIVE);
    ++db->stats_.checkpoints;
    return SQLITE_OK;
}

}  // namespace storage
