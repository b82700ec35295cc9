#pragma once
/// The io_context the fake OneBot implementations run on: one thread for the whole test process,
/// never destroyed, so connections may outlive the objects that made them without touching a dead
/// io_context.

#include <future>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace testing {

struct io_thread {
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard =
        boost::asio::make_work_guard(io);
    std::thread thread{[this] { io.run(); }};

    /// Runs `fn` on the io thread and waits for it (never call it from that thread).
    template <typename F>
    void run_sync(F fn) {
        std::promise<void> done;
        boost::asio::post(io, [&] {
            fn();
            done.set_value();
        });
        done.get_future().wait();
    }
};

inline io_thread& fake_io() {
    static auto* shared = new io_thread;  // deliberately never destroyed (see above)
    return *shared;
}

}  // namespace testing
