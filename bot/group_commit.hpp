#pragma once
/// Writes that a reply depends on (a check-in, an incident before its recall), committed together:
/// every write handed in during one turn of the event loop runs in one IMMEDIATE transaction, each
/// in a savepoint of its own, and each caller goes on only after that transaction committed. So a
/// reply is never sent for a write that could still be lost, and a busy loop pays one commit (one
/// append to the WAL) for many writes instead of one each.

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "bot/task.hpp"
#include "storage/database.hpp"

namespace bot {

class group_commit {
public:
    group_commit(asio::any_io_executor ex, storage::database& db);
    /// Callers still waiting (stop() flushes before this) get an error instead of waiting forever.
    ~group_commit();
    group_commit(group_commit const&) = delete;
    group_commit& operator=(group_commit const&) = delete;

    /// Runs `fn` in the transaction of this loop turn and returns once it committed. When `fn`
    /// throws, only its own writes are undone and the exception reaches this caller; when the commit
    /// fails, every write of the turn is undone and each caller gets the error.
    task<> run(std::function<void()> fn);
    /// Runs and commits what waits now (at shutdown); the callers go on when the loop runs next.
    void flush();

    std::uint64_t commits() const { return commits_; }  ///< transactions committed
    std::uint64_t writes() const { return writes_; }    ///< writes handed in and run

private:
    struct job;
    asio::any_io_executor ex_;
    storage::database& db_;
    std::vector<std::shared_ptr<job>> waiting_;
    bool posted_ = false;
    /// What the posted commit holds, so that it does nothing once this is gone.
    std::shared_ptr<group_commit*> self_ = std::make_shared<group_commit*>(this);
    std::uint64_t commits_ = 0;
    std::uint64_t writes_ = 0;
};

}  // namespace bot
