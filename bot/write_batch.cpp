#include "bot/write_batch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace bot {

write_batch::write_batch(asio::any_io_executor ex, storage::database& db, std::chrono::milliseconds interval)
    : db_(db), interval_(interval), timer_(std::move(ex)) {}

write_batch::~write_batch() {
    timer_.cancel();
}

void write_batch::forget(std::string const& owner) {
    flush();
    std::erase_if(writers_, [&](writer const& w) { return w.owner == owner; });
}

void write_batch::changed() {
    dirty_ = true;
    if (armed_) return;
    if (interval_.count() == 0) {
        flush();
        return;
    }
    armed_ = true;
    timer_.expires_after(interval_);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;  // cancelled: the batch is going away
        armed_ = false;
        if (dirty_ && !flush()) changed();  // try again after another interval
    });
}

bool write_batch::flush() {
    if (!dirty_) return true;
    try {
        db_.immediate([&] {
            for (auto const& w : writers_) w.write();
        });
    } catch (std::exception const& e) {
        ++failures_;
        spdlog::error("writing batched bookkeeping failed (kept for the next batch): {}", e.what());
        return false;
    }
    // Inside the caller's transaction the rows commit with it; should it roll back, they are lost
    // with its own writes (an error path: the log says why).
    dirty_ = false;
    ++batches_;
    for (auto const& w : writers_) w.written();
    return true;
}

}  // namespace bot
