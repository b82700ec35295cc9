#pragma once
/// Backpressure between the core's queues and the connections that feed them.
///
/// The core counts the events that wait in its queues. When too many wait (all queues together,
/// or one chat's queue), the gate closes and the connections stop reading: TCP then holds the
/// events at the implementation, which keeps them, instead of qunbot's memory. Reading resumes
/// when the queues have fallen below the low-water mark. Nothing is dropped.
///
/// One exception keeps the bot from waiting on itself: answers to its own calls may share a
/// connection with events (a OneBot "Universal" WebSocket). A handler waiting for an answer holds
/// its chat's queue, and the answer comes after whatever the implementation sent before it, so a
/// connection that carries calls still waiting for their answers goes on reading. The events it
/// reads meanwhile do not join the queues: the link parks them unparsed (in memory, then in a
/// temporary file) and hands them on in order once the gate opens (adapters/net/parked_frames).
/// Where events and answers have connections of their own (OneBot v11 "Event" and "API" links,
/// HTTP API calls, WeCom), nothing is read while paused.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/asio/steady_timer.hpp>

#include "bot/config.hpp"
#include "bot/task.hpp"

namespace bot {

class flow_control {
public:
    using steady = std::chrono::steady_clock;

    flow_control(asio::any_io_executor ex, limits_settings const& cfg);

    // The core's side.
    /// An event joined a chat's queue, which now holds `in_chat` events.
    void queued(std::size_t in_chat);
    /// An event left a chat's queue, which now holds `in_chat` events.
    void dequeued(std::size_t in_chat);

    // The connections' side.
    /// Whether reading is allowed: true while the gate is open.
    bool open() const { return !paused_; }
    /// Whether a connection may read its next frame. `answers_due`: calls sent on it still wait
    /// for their answers.
    bool may_read(bool answers_due) const;
    /// Waits until the gate opens or poke() is called; returns at once when it is open.
    task<> wait();
    /// Wakes the waiting connections so they check again (a call went out on one of them).
    void poke() { wake_.cancel(); }

    // Figures for /metrics and the log.
    std::size_t queued_events() const { return total_; }
    /// The most events that waited at once since the start.
    std::size_t peak_events() const { return peak_; }
    std::uint64_t pauses() const { return pauses_; }
    /// Seconds spent paused, the current pause included.
    double paused_seconds() const;
    bool paused() const { return paused_; }
    /// The limits in effect.
    std::size_t max_total() const { return max_total_; }
    std::size_t max_per_chat() const { return max_chat_; }

private:
    void pause(std::size_t in_chat);
    void resume();

    std::size_t max_total_;
    std::size_t max_chat_;
    std::size_t resume_total_;
    std::size_t resume_chat_;
    std::size_t total_ = 0;
    std::size_t peak_ = 0;
    std::size_t hot_chats_ = 0;  ///< chats whose queue holds resume_chat_ events or more
    bool paused_ = false;
    std::uint64_t pauses_ = 0;
    std::uint64_t pauses_unlogged_ = 0;
    steady::time_point paused_since_{};
    steady::time_point last_logged_{};
    double paused_seconds_ = 0;
    asio::steady_timer wake_;  ///< never expires by itself; cancelled to wake the readers
};

}  // namespace bot
