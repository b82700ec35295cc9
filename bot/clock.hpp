#pragma once
/// The injected clock: every "now" in the core and plugins comes from here, so tests move time.

#include <chrono>

#include "bot/event.hpp"

namespace bot {

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
