#pragma once
/// A log line that may come in floods (the same failure for every call of an overload, a dead
/// platform): the first is written at once, then at most one per interval, each saying how many
/// occurrences it stands for. Single-threaded, like the core.

#include <chrono>
#include <cstdint>

namespace bot {

class log_every {
public:
    using steady = std::chrono::steady_clock;

    explicit log_every(steady::duration every = std::chrono::seconds(10)) : every_(every) {}

    /// Counts one occurrence. Returns how many the line to write now stands for (this one
    /// included), or 0 when no line is due yet.
    std::uint64_t due(steady::time_point now = steady::now()) {
        ++count_;
        if (written_ && now - last_ < every_) return 0;
        written_ = true;
        last_ = now;
        auto n = count_;
        count_ = 0;
        return n;
    }

private:
    steady::duration every_;
    steady::time_point last_{};
    bool written_ = false;
    std::uint64_t count_ = 0;
};

}  // namespace bot
