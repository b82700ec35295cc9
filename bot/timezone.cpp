#include "bot/timezone.hpp"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <map>
#include <mutex>
#include <stdexcept>

namespace bot {

struct time_zone::impl {
    std::string name;
    cctz::time_zone zone;
};

namespace {

cctz::civil_day to_cctz(civil_date d) { return cctz::civil_day(d.year, d.month, d.day); }

civil_date from_cctz(cctz::civil_day d) {
    return {static_cast<int>(d.year()), d.month(), d.day()};
}

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && ptr == s.data() + s.size();
}

}  // namespace

std::string civil_date::str() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

long civil_date::serial() const { return static_cast<long>(to_cctz(*this) - cctz::civil_day(1970, 1, 1)); }

civil_date civil_date::from_serial(long days) { return from_cctz(cctz::civil_day(1970, 1, 1) + days); }

int civil_date::weekday() const {
    switch (cctz::get_weekday(to_cctz(*this))) {
        case cctz::weekday::monday: return 1;
        case cctz::weekday::tuesday: return 2;
        case cctz::weekday::wednesday: return 3;
        case cctz::weekday::thursday: return 4;
        case cctz::weekday::friday: return 5;
        case cctz::weekday::saturday: return 6;
        case cctz::weekday::sunday: return 7;
    }
    return 1;
}

std::string civil_time::str() const { return fmt::format("{} {:02}:{:02}", date.str(), hour, minute); }

std::optional<time_zone> time_zone::load(std::string_view name) {
    // Zones are immutable once loaded; share them so per-group lookups are cheap.
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<impl const>, std::less<>> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return time_zone(it->second);
    cctz::time_zone zone;
    if (name.empty() || !cctz::load_time_zone(std::string(name), &zone)) return std::nullopt;
    auto p = std::make_shared<impl const>(impl{std::string(name), zone});
    cache.emplace(std::string(name), p);
    return time_zone(p);
}

time_zone time_zone::must_load(std::string_view name) {
    auto tz = load(name);
    if (!tz) throw std::invalid_argument(fmt::format("unknown time zone \"{}\" (expected an IANA name like Asia/Shanghai)", name));
    return *tz;
}

std::string const& time_zone::name() const { return impl_->name; }

civil_time time_zone::to_local(time_point t) const {
    auto cs = cctz::convert(t, impl_->zone);
    return {{static_cast<int>(cs.year()), cs.month(), cs.day()}, cs.hour(), cs.minute(), cs.second()};
}

time_point time_zone::from_local(civil_date date, int hour, int minute, int second) const {
    auto cs = cctz::civil_second(date.year, date.month, date.day, hour, minute, second);
    auto lookup = impl_->zone.lookup(cs);
    // SKIPPED (a gap): `trans` is the first valid instant after the gap. REPEATED: `pre` is the
    // earlier of the two instants. UNIQUE: all three agree.
    auto chosen = lookup.kind == cctz::time_zone::civil_lookup::SKIPPED ? lookup.trans : lookup.pre;
    return std::chrono::time_point_cast<std::chrono::seconds>(chosen);
}

civil_date day_of(time_point t, time_zone const& tz, int close_hour) {
    auto local = tz.to_local(t);
    if (local.hour < close_hour) return local.date.plus_days(-1);
    return local.date;
}

time_point day_start(civil_date day, time_zone const& tz, int close_hour) { return tz.from_local(day, close_hour, 0); }

std::optional<civil_date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    civil_date d;
    if (!parse_int(text.substr(0, 4), d.year) || !parse_int(text.substr(5, 2), d.month) ||
        !parse_int(text.substr(8, 2), d.day))
        return std::nullopt;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
    // Reject dates that cctz would normalise (2026-02-30 → 2026-03-02).
    auto norm = from_cctz(to_cctz(d));
    if (norm != d) return std::nullopt;
    return d;
}

std::optional<int> parse_time_of_day(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() - colon - 1 != 2) return std::nullopt;
    int h = 0;
    int m = 0;
    if (!parse_int(text.substr(0, colon), h) || !parse_int(text.substr(colon + 1), m)) return std::nullopt;
    if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::optional<int> parse_weekday(std::string_view text) {
    static constexpr std::array<std::array<std::string_view, 6>, 7> names{{
        {"mon", "monday", "周一", "星期一", "1", "礼拜一"},
        {"tue", "tuesday", "周二", "星期二", "2", "礼拜二"},
        {"wed", "wednesday", "周三", "星期三", "3", "礼拜三"},
        {"thu", "thursday", "周四", "星期四", "4", "礼拜四"},
        {"fri", "friday", "周五", "星期五", "5", "礼拜五"},
        {"sat", "saturday", "周六", "星期六", "6", "礼拜六"},
        {"sun", "sunday", "周日", "星期日", "7", "星期天"},
    }};
    std::string lower(text);
    for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::size_t i = 0; i < names.size(); ++i)
        for (auto n : names[i])
            if (lower == n) return static_cast<int>(i) + 1;
    return std::nullopt;
}

}  // namespace bot
