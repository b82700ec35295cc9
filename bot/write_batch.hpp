#pragma once
/// Bookkeeping that no reply depends on (who was seen when, activity counters) is kept in memory
/// by its plugin and written here in batches: every writer's waiting rows in one transaction, at
/// most `[storage] batch_ms` after the first of them changed, before any read that needs them
/// (flush), and at shutdown. A batch that fails to commit is kept and tried again with the next.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "bot/task.hpp"
#include "storage/database.hpp"

namespace bot {

class write_batch {
public:
    /// A plugin's part of a batch: `write` writes what waits (inside the batch's transaction) and
    /// keeps it; `written` forgets it once the transaction has committed.
    struct writer {
        std::string owner;
        std::function<void()> write;
        std::function<void()> written;
    };

    write_batch(asio::any_io_executor ex, storage::database& db, std::chrono::milliseconds interval);
    ~write_batch();
    write_batch(write_batch const&) = delete;
    write_batch& operator=(write_batch const&) = delete;

    void add(writer w) { writers_.push_back(std::move(w)); }
    /// Drops the writers of `owner` (a plugin that goes), after writing what they hold.
    void forget(std::string const& owner);
    /// Something waits: a batch is written within the interval (at once when it is zero).
    void changed();
    /// Writes what waits now, in one transaction; inside the caller's transaction the rows commit
    /// (or roll back) with it. Returns false when the write failed; what waits is kept.
    bool flush();

    std::uint64_t batches() const { return batches_; }
    std::uint64_t failures() const { return failures_; }

private:
    storage::database& db_;
    std::chrono::milliseconds interval_;
    asio::steady_timer timer_;
    std::vector<writer> writers_;
    bool armed_ = false;
    bool dirty_ = false;
    std::uint64_t batches_ = 0;
    std::uint64_t failures_ = 0;
};

}  // namespace bot
