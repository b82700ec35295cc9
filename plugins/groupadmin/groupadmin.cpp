#include "plugins/groupadmin/groupadmin.hpp"

#include <array>
#include <fmt/format.h>

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

namespace {

bool dropped(char32_t c) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) return true;                 // controls
    if (c == 0x061c || c == 0x200e || c == 0x200f) return true;                         // direction marks
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;      // overrides, isolates
    if (c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb) || c == 0x2028 || c == 0x2029) return true;
    return false;
}

void append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xc0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xe0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    }
}

}  // namespace

std::string member_value(std::string_view text, std::size_t max_bytes, bool* cut) {
    std::string clean;
    for (std::size_t i = 0; i < text.size();) {
        auto c = bot::next_code_point(text, i);
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (dropped(c)) continue;
        append(clean, c);
    }
    auto trimmed = std::string(bot::trim(clean));
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
    return bot::shorten(member_value(text, bot::max_text_argument), limit);
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
