#include "plugins/groupadmin/groupadmin.hpp"

#include <array>
#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/utf8.hpp"

namespace plugins::groupadmin {

bool inside(night_window w, int minute) {
    if (w.start == w.end) return false;
    if (w.start < w.end) return minute >= w.start && minute < w.end;
    return minute >= w.start || minute < w.end;
}

std::optional<boundary> last_boundary(night_window w, bot::time_point now, bot::time_zone const& tz) {
    if (w.start == w.end) return std::nullopt;
    // Both ends on today and yesterday, through the zone (so a DST day is as long as it really is);
    // the latest one not after now is where the window last changed.
    auto today = tz.to_local(now).date;
    std::optional<boundary> best;
    for (auto day : {today.plus_days(-1), today}) {
        for (auto [minute, starts] : std::array<std::pair<int, bool>, 2>{{{w.start, true}, {w.end, false}}}) {
            auto t = tz.from_local(day, minute / 60, minute % 60);
            if (t > now) continue;
            if (!best || t > best->at || (t == best->at && !starts)) best = boundary{t, starts};
        }
    }
    return best;
}

std::string member_value(std::string_view text, std::size_t max_bytes, bool* cut) {
    auto trimmed = std::string(bot::trim(bot::one_line(text)));
    std::string out;
    if (cut) *cut = false;
    for (std::size_t i = 0; i < trimmed.size();) {
        auto start = i;
        bot::next_code_point(trimmed, i);
        if (i > max_bytes) {
            if (cut) *cut = true;
            break;
        }
        out.append(trimmed, start, i - start);
    }
    return std::string(bot::trim(out));
}

std::string shown(std::string_view text, std::size_t limit) {
    return bot::shown_name(text, limit);
}

std::optional<bool> parse_switch(std::string_view word) {
    auto w = bot::lower_ascii(bot::trim(word));
    for (auto const* on : {"开", "开启", "打开", "on", "enable", "1", "true"})
        if (w == on) return true;
    for (auto const* off : {"关", "关闭", "解除", "取消", "off", "disable", "0", "false"})
        if (w == off) return false;
    return std::nullopt;
}

std::string zh_left(std::int64_t seconds) {
    if (seconds < 60) return "不到 1 分钟";
    auto days = seconds / 86400;
    auto hours = seconds % 86400 / 3600;
    auto minutes = seconds % 3600 / 60;
    std::string out;
    if (days) out += fmt::format("{} 天", days);
    if (hours) out += fmt::format("{}{} 小时", out.empty() ? "" : " ", hours);
    if (minutes && !days) out += fmt::format("{}{} 分钟", out.empty() ? "" : " ", minutes);
    return out;
}

}  // namespace plugins::groupadmin
