#pragma once
/// The injected clock: every "now" in the core and plugins comes from here, so tests move time.

#include <chrono>

#include "bot/event.hpp"

namespace bot {

/// How far an event's own time may run ahead of the bot's clock (clocks drift apart), and how far
/// back it may lie (a reconnect's or an implementation's offline backlog) before it is taken for a
/// wrong clock rather than a late delivery.
inline constexpr std::chrono::seconds event_time_skew{5 * 60};
inline constexpr std::chrono::seconds event_time_max_age{3 * 24 * 3600};

/// Whether an event's own time (already in seconds: adapters turn milliseconds into seconds) can
/// stand for when it happened.
enum class event_time_check { plausible, missing, future, too_old };
inline event_time_check check_event_time(time_point sent, time_point now) {
    if (sent.time_since_epoch().count() <= 0) return event_time_check::missing;
    if (sent > now + event_time_skew) return event_time_check::future;
    if (sent < now - event_time_max_age) return event_time_check::too_old;
    return event_time_check::plausible;
}

/// A source of the current wall-clock time.
class clock {
public:
    virtual ~clock() = default;
    virtual time_point now() const = 0;
    /// True when time only moves when told to (tests, the sandbox); the scheduler is then driven by
    /// `core::advance_time` instead of real timers.
    virtual bool is_manual() const = 0;
};

/// The real wall clock.
class system_clock final : public clock {
public:
    time_point now() const override {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
    bool is_manual() const override { return false; }
};

/// A clock that stands still until set; for tests and the sandbox.
class manual_clock final : public clock {
public:
    explicit manual_clock(time_point start) : now_(start) {}
    time_point now() const override { return now_; }
    bool is_manual() const override { return true; }
    void set(time_point t) { now_ = t; }

private:
    time_point now_;
};

}  // namespace bot
