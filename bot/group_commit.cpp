#include "bot/group_commit.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace bot {

struct group_commit::job {
    std::function<void()> fn;
    std::exception_ptr error;
    bool done = false;
    asio::steady_timer signal;  ///< never expires by itself; cancel() wakes the caller

    job(asio::any_io_executor ex, std::function<void()> f)
        : fn(std::move(f)), signal(std::move(ex), asio::steady_timer::time_point::max()) {}
};

group_commit::group_commit(asio::any_io_executor ex, storage::database& db) : ex_(std::move(ex)), db_(db) {}

group_commit::~group_commit() {
    for (auto& j : waiting_) {
        j->error = std::make_exception_ptr(std::runtime_error("the bot stopped before the write was committed"));
        j->fn = nullptr;
        j->done = true;
        j->signal.cancel();
    }
}

task<> group_commit::run(std::function<void()> fn) {
    auto j = std::make_shared<job>(ex_, std::move(fn));
    waiting_.push_back(j);
    if (!posted_) {
        // Behind every handler already queued: what they hand in before it runs shares the commit.
        posted_ = true;
        asio::post(ex_, [alive = std::weak_ptr<group_commit*>(self_)] {
            if (auto self = alive.lock()) (*self)->flush();
        });
    }
    while (!j->done) co_await j->signal.async_wait(asio::as_tuple(asio::use_awaitable));
    if (j->error) std::rethrow_exception(j->error);
}

void group_commit::flush() {
    posted_ = false;
    auto jobs = std::move(waiting_);
    waiting_.clear();
    if (jobs.empty()) return;
    try {
        db_.immediate([&] {
            for (auto& j : jobs) {
                try {
                    db_.immediate(j->fn);  // a savepoint: a write that throws undoes only itself
                } catch (...) {
                    j->error = std::current_exception();
                }
            }
        });
        ++commits_;
    } catch (std::exception const& e) {
        spdlog::error("committing {} writes failed: {}", jobs.size(), e.what());
        for (auto& j : jobs)
            if (!j->error) j->error = std::current_exception();
    }
    for (auto& j : jobs) {
        ++writes_;
        j->fn = nullptr;  // what it captured belongs to its caller
        j->done = true;
        j->signal.cancel();
    }
}

}  // namespace bot
