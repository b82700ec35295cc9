#include "bot/flow.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace bot {

namespace {

/// At most one "overloaded" warning in this time; the pauses in between are counted in the next one.
constexpr auto log_every = std::chrono::seconds(10);

std::size_t share(std::int64_t limit, std::int64_t percent) {
    return static_cast<std::size_t>(std::max<std::int64_t>(1, limit * percent / 100));
}

}  // namespace

flow_control::flow_control(asio::any_io_executor ex, limits_settings const& cfg)
    : max_total_(static_cast<std::size_t>(cfg.max_queued_events)),
      max_chat_(static_cast<std::size_t>(cfg.max_queued_per_chat)),
      resume_total_(share(cfg.max_queued_events, cfg.resume_percent)),
      resume_chat_(share(cfg.max_queued_per_chat, cfg.resume_percent)),
      wake_(std::move(ex), steady::time_point::max()) {}

void flow_control::queued(std::size_t in_chat) {
    ++total_;
    peak_ = std::max(peak_, total_);
    if (in_chat == resume_chat_) ++hot_chats_;
    if (!paused_ && (total_ >= max_total_ || in_chat >= max_chat_)) pause(in_chat);
}

void flow_control::dequeued(std::size_t in_chat) {
    if (total_ > 0) --total_;
    if (in_chat + 1 == resume_chat_ && hot_chats_ > 0) --hot_chats_;
    if (paused_ && total_ < resume_total_ && hot_chats_ == 0) resume();
}

bool flow_control::may_read(bool answers_due) const {
    // An answer due on the connection may be behind unread events: stopping would leave its caller,
    // and the chat queue it holds, waiting until the call times out.
    return !paused_ || answers_due;
}

task<> flow_control::wait() {
    if (!paused_) co_return;
    co_await wake_.async_wait(asio::as_tuple(asio::use_awaitable));
}

double flow_control::paused_seconds() const {
    auto total = paused_seconds_;
    if (paused_) total += std::chrono::duration<double>(steady::now() - paused_since_).count();
    return total;
}

void flow_control::pause(std::size_t in_chat) {
    paused_ = true;
    ++pauses_;
    ++pauses_unlogged_;
    paused_since_ = steady::now();
    if (paused_since_ - last_logged_ < log_every && last_logged_ != steady::time_point{}) return;
    last_logged_ = paused_since_;
    spdlog::warn(
        "overloaded: {} events wait ({} in the chat of the last one; limits {} and {} per chat); reading from the "
        "connections pauses until fewer than {} wait ({} pause(s) since the last warning)",
        total_, in_chat, max_total_, max_chat_, resume_total_, pauses_unlogged_);
    pauses_unlogged_ = 0;
}

void flow_control::resume() {
    paused_ = false;
    auto spent = steady::now() - paused_since_;
    paused_seconds_ += std::chrono::duration<double>(spent).count();
    spdlog::debug("reading resumes after {} ms paused; {} events wait",
                  std::chrono::duration_cast<std::chrono::milliseconds>(spent).count(), total_);
    wake_.cancel();
}

}  // namespace bot
