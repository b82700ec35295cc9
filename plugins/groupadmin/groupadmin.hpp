#pragma once
/// The group-admin rules as plain functions: the night window, the member text the bot writes into
/// cards and titles, and the words that switch something on or off.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bot/timezone.hpp"

namespace plugins::groupadmin {

/// The nightly whole-group mute: from `start` to `end`, minutes of the local day. A window whose
/// end is not after its start runs over midnight (23:00–07:00); equal ends make an empty window.
struct night_window {
    int start = 0;
    int end = 0;
};

/// Whether a local minute of the day is inside the window.
bool inside(night_window w, int minute_of_day);

/// The last time the window started or ended at or before `now`, in the group's zone.
struct boundary {
    bot::time_point at;
    bool starts = false;  ///< the night began there (else it ended)
};
std::optional<boundary> last_boundary(night_window w, bot::time_point now, bot::time_zone const& tz);

/// Member-written text for a card or title: printable, on one line, trimmed, cut to `max_bytes` on a
/// character boundary (no "…": it is a value, not a display). `cut` tells whether anything was cut.
std::string member_value(std::string_view text, std::size_t max_bytes, bool* cut = nullptr);

/// Member-written text (a name, a reason, a platform's error) made safe to print, cut to `limit` bytes.
std::string shown(std::string_view text, std::size_t limit = 48);

/// "开", "on", "关", "off" and the like; nullopt for anything else.
std::optional<bool> parse_switch(std::string_view word);

/// "2 小时 5 分钟", "3 天" for a remaining time.
std::string zh_left(std::int64_t seconds);

}  // namespace plugins::groupadmin
