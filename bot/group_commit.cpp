#include "bot/group_commit.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <type_traits>

#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace bot {

struct group_commit::job {
    std::function<void()> fn;
    std::exception_ptr error;
    /// Resumes the waiting caller: at once (inside the commit's handler) or from the loop's queue.
    std::function<void(bool now)> resume;

    /// Commits what waits in `gc`; `resume_now`: the callers run on inside this call (the loop's
    /// own commit), not from the loop's queue.
    static void commit_waiting(group_commit& gc, bool resume_now);
};

group_commit::group_commit(asio::any_io_executor ex, storage::database& db) : ex_(std::move(ex)), db_(db) {}

group_commit::~group_commit() {
    for (auto& j : waiting_) {
        j->error = std::make_exception_ptr(std::runtime_error("the bot stopped before the write was committed"));
        j->fn = nullptr;
        if (j->resume) j->resume(false);
    }
}

task<> group_commit::run(std::function<void()> fn) {
    auto j = std::make_shared<job>();
    j->fn = std::move(fn);
    waiting_.push_back(j);
    if (!posted_) {
        // Behind every handler already queued: what they hand in before it runs shares the commit.
        posted_ = true;
        asio::post(ex_, [alive = std::weak_ptr<group_commit*>(self_)] {
            if (auto self = alive.lock()) job::commit_waiting(**self, true);
        });
    }
    // Named, not a temporary: GCC 12 mishandles temporaries inside a co_await expression.
    auto keep_resume = [j](auto handler) {
        auto h = std::make_shared<std::decay_t<decltype(handler)>>(std::move(handler));
        j->resume = [h](bool now) {
            if (now)
                asio::dispatch(std::move(*h));
            else
                asio::post(std::move(*h));
        };
    };
    co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(keep_resume, asio::use_awaitable);
    if (j->error) std::rethrow_exception(j->error);
}

void group_commit::flush() { job::commit_waiting(*this, false); }

void group_commit::job::commit_waiting(group_commit& gc, bool resume_now) {
    gc.posted_ = false;
    auto jobs = std::move(gc.waiting_);
    gc.waiting_.clear();
    if (jobs.empty()) return;
    try {
        gc.db_.immediate([&] {
            for (auto& j : jobs) {
                try {
                    gc.db_.immediate(j->fn);  // a savepoint: a write that throws undoes only itself
                } catch (...) {
                    j->error = std::current_exception();
                }
            }
        });
        ++gc.commits_;
    } catch (std::exception const& e) {
        spdlog::error("committing {} writes failed: {}", jobs.size(), e.what());
        for (auto& j : jobs)
            if (!j->error) j->error = std::current_exception();
    }
    gc.writes_ += jobs.size();
    // The callers go on in the order they handed their writes in. From the loop's own commit they
    // resume at once, each up to its next wait (its reply on the wire), rather than queueing
    // behind every handler again; what one of them hands in next waits for the next commit.
    for (auto& j : jobs) {
        j->fn = nullptr;  // what it captured belongs to its caller
        if (j->resume) j->resume(resume_now);
    }
}

}  // namespace bot
