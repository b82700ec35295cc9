#pragma once
/// Drops events seen before: the same key within the window is a duplicate.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "bot/event.hpp"

namespace bot {

class dedupe {
public:
    dedupe(std::chrono::seconds window, std::size_t max_entries) : window_(window), max_entries_(max_entries) {}

    /// Returns true the first time a key is seen within the window and records it; false for a
    /// duplicate. An empty key is never a duplicate. `now` is monotonic time in seconds.
    bool first_time(std::string const& key, std::chrono::steady_clock::time_point now);

    std::size_t size() const { return seen_.size(); }
    std::uint64_t dropped() const { return dropped_; }

private:
    void expire(std::chrono::steady_clock::time_point now);

    std::chrono::seconds window_;
    std::size_t max_entries_;
    // Keys are kept as 64-bit hashes: a third of the memory of the strings, which a flood fills to
    // max_entries. A new key matches a stored one by chance with odds of about 1 in 10^14 at the
    // default cap.
    std::unordered_map<std::uint64_t, std::chrono::steady_clock::time_point> seen_;
    std::deque<std::pair<std::chrono::steady_clock::time_point, std::uint64_t>> order_;
    std::uint64_t dropped_ = 0;
};

}  // namespace bot
