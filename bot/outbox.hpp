#pragma once
/// The outbox of one account: sends are paced per group and globally (with jitter), long texts
/// are split, and failures are reported to the caller and logged, never blindly retried.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <vector>

#include "bot/config.hpp"
#include "bot/platform.hpp"

namespace bot {

/// Splits a message so no part has more than `max_chars` characters (UTF-8 code points) of text or
/// more than `max_lines` lines. Splits at line breaks where it can; non-text segments stay in order.
/// No part is empty or starts blank, so a message of nothing but line breaks gives no parts.
std::vector<message> split_message(message const& msg, std::size_t max_chars, std::size_t max_lines);

/// A pacing gate: the "generic cell rate" form of a token bucket. `reserve` hands out send slots
/// in call order, so FIFO order is kept without a queue.
class pacer {
public:
    using clock = std::chrono::steady_clock;
    pacer(std::chrono::milliseconds interval, int burst) : interval_(interval), burst_(burst) {}
    /// The earliest time a send may go, given the earliest the caller could send (`t`).
    clock::time_point earliest(clock::time_point t) const;
    /// Books a send at `at` (which must be ≥ earliest()).
    void book(clock::time_point at);

private:
    std::chrono::milliseconds interval_;
    int burst_;
    clock::time_point tat_{};   ///< theoretical arrival time of the next send
    clock::time_point last_{};  ///< the latest slot booked, so slots never go backwards
};

class outbox {
public:
    outbox(platform& p, outbox_settings const& cfg);

    /// Sends `msg` (split if long) after pacing. Returns the ID of the first part, or the first error.
    task<result<id>> send(target to, message msg);

    std::uint64_t sent() const { return sent_; }
    std::uint64_t failed() const { return failed_; }
    /// True while a send handed to the platform has been unanswered for `stall_after_ms` or more
    /// (a hung connection), so the core can speak through another account meanwhile.
    bool stalled(pacer::clock::time_point now) const;
    /// The account went: sends not yet handed to the platform fail with errc::not_connected.
    void detach() { platform_ = nullptr; }

private:
    /// Books the next send slot of a chat (and of the account) for a send that could go at `now`.
    pacer::clock::time_point reserve_slot(std::string const& key, pacer::clock::time_point now);
    task<> wait_until(pacer::clock::time_point at);

    platform* platform_;
    outbox_settings cfg_;
    pacer global_;
    std::map<std::string, pacer> groups_;
    std::multiset<pacer::clock::time_point> pending_;  ///< when each send now with the platform began
    std::mt19937 rng_{std::random_device{}()};
    std::uint64_t sent_ = 0;
    std::uint64_t failed_ = 0;
};

}  // namespace bot
