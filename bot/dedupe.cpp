#include "bot/dedupe.hpp"

#include <functional>

namespace bot {

void dedupe::expire(std::chrono::steady_clock::time_point now) {
    // The oldest entries go first: by age, or by count when a flood outgrows the cap.
    while (!order_.empty() && (order_.front().first + window_ <= now || order_.size() > max_entries_)) {
        auto it = seen_.find(order_.front().second);
        if (it != seen_.end() && it->second == order_.front().first) seen_.erase(it);
        order_.pop_front();
    }
}

bool dedupe::first_time(std::string const& key, std::chrono::steady_clock::time_point now) {
    if (key.empty()) return true;
    expire(now);
    auto const hashed = std::hash<std::string>{}(key);
    auto [it, inserted] = seen_.try_emplace(hashed, now);
    if (!inserted) {
        ++dropped_;
        return false;
    }
    order_.emplace_back(now, hashed);
    // Trim again now that the key is in, so the table never holds more than max_entries keys.
    expire(now);
    return true;
}

}  // namespace bot
