#pragma once
/// Behaviour rules over recent messages: floods (N messages in T seconds in one group) and the same
/// normalised text repeated within a window, in one group or across groups. In memory, bounded.

#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "plugins/antiad/detect.hpp"

namespace plugins::antiad {

struct behaviour_limits {
    std::int64_t flood_messages = 8;
    std::int64_t flood_window = 10;  ///< seconds
    std::int64_t duplicate_count = 3;
    std::int64_t duplicate_window = 600;
    std::int64_t duplicate_min_chars = 6;
};

class behaviour {
public:
    /// Records one message of `user` in `group` at `now` (seconds) and says whether it floods or
    /// repeats. `chars` is the length of the normalised text in characters. After a hit the member's
    /// history is cleared, so one burst fires once.
    std::optional<hit> record(std::uint64_t user, std::uint64_t group, std::string_view compact, std::size_t chars,
                              std::int64_t now, behaviour_limits const& l);
    std::size_t tracked_users() const { return users_.size(); }

private:
    struct seen {
        std::int64_t at;
        std::uint64_t group;
        std::uint64_t text;  ///< hash of the normalised text; 0 when too short to count
    };
    struct history {
        std::deque<seen> recent;
        std::int64_t last = 0;
    };
    void sweep(std::int64_t now, std::int64_t horizon);

    std::unordered_map<std::uint64_t, history> users_;
    std::uint64_t records_ = 0;
};

}  // namespace plugins::antiad
