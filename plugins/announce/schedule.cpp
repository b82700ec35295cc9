#include "plugins/announce/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace plugins::announce {

namespace {

constexpr std::string_view full_bar = "\xEF\xBD\x9C";    // ｜
constexpr std::string_view full_colon = "\xEF\xBC\x9A";  // ：

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

/// Strips the first of `prefixes` that `s` starts with; false when none does.
bool strip(std::string_view& s, std::initializer_list<std::string_view> prefixes) {
    for (auto p : prefixes)
        if (starts_with(s, p)) {
            s = trim(s.substr(p.size()));
            return true;
        }
    return false;
}

std::optional<int> small_number(std::string_view s) {
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(std::string(s));
}

/// "一三五", "1,3,5", "mon,wed fri", "周一、周三": the weekday bits; nullopt when unreadable.
std::optional<unsigned> weekday_bits(std::string_view s) {
    static constexpr std::pair<std::string_view, int> chinese[] = {
        {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"五", 5}, {"六", 6}, {"日", 7}, {"天", 7}, {"七", 7}};
    unsigned bits = 0;
    while (!s.empty()) {
        if (strip(s, {",", " ", "\xEF\xBC\x8C", "\xE3\x80\x81", "周", "星期"})) continue;  // ，、
        bool found = false;
        for (auto const& [name, day] : chinese)
            if (starts_with(s, name)) {
                bits |= 1u << (day - 1);
                s.remove_prefix(name.size());
                found = true;
                break;
            }
        if (found) continue;
        auto end = s.find_first_of(", ");
        auto word = s.substr(0, end);
        auto day = bot::parse_weekday(word);
        if (!day) return std::nullopt;
        bits |= 1u << (*day - 1);
        s.remove_prefix(word.size());
    }
    if (bits == 0) return std::nullopt;
    return bits;
}

parsed_schedule fail(schedule_error e) {
    return {std::nullopt, e};
}

}  // namespace

int days_in_month(int year, int month) {
    auto first_next = month == 12 ? bot::civil_date{year + 1, 1, 1} : bot::civil_date{year, month + 1, 1};
    return first_next.plus_days(-1).day;
}

std::string lower_trim(std::string_view s) {
    std::string out(trim(s));
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // The full-width colon of Chinese input methods ("20：00") is a colon.
    for (auto at = out.find(full_colon); at != std::string::npos; at = out.find(full_colon, at))
        out.replace(at, full_colon.size(), ":");
    return out;
}

std::vector<std::string> split_bar(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '|') {
            out.emplace_back(trim(cur));
            cur.clear();
            ++i;
        } else if (s.substr(i, full_bar.size()) == full_bar) {
            out.emplace_back(trim(cur));
            cur.clear();
            i += full_bar.size();
        } else {
            cur += s[i++];
        }
    }
    out.emplace_back(trim(cur));
    return out;
}

std::optional<long long> item_number(std::string_view s) {
    s = trim(s);
    if (!strip(s, {"#", "\xEF\xBC\x83"})) s = trim(s);  // ＃
    if (s.empty() || s.size() > 12 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoll(std::string(s));
}

std::optional<local_moment> parse_moment(std::string_view text) {
    auto normal = lower_trim(text);
    std::string_view s = normal;
    auto space = s.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    auto date = bot::parse_date(s.substr(0, space));
    auto minute = bot::parse_time_of_day(trim(s.substr(space + 1)));
    if (!date || !minute) return std::nullopt;
    return local_moment{*date, *minute};
}

parsed_schedule parse_schedule(std::string_view text, bot::civil_date today) {
    auto lowered = lower_trim(text);
    std::string_view s = lowered;
    strip(s, {"at ", "在"});
    // The time of day ends the schedule: "每月15日09:00", "daily 08:00".
    auto cut = s.size();
    while (cut > 0 && ((s[cut - 1] >= '0' && s[cut - 1] <= '9') || s[cut - 1] == ':')) --cut;
    auto time_text = s.substr(cut);
    auto head = trim(s.substr(0, cut));
    if (time_text.find(':') == std::string_view::npos) return fail(schedule_error::unreadable);
    auto minute = bot::parse_time_of_day(time_text);
    if (!minute) return fail(schedule_error::bad_time);
    schedule out;
    out.minute = *minute;
    if (auto date = bot::parse_date(head)) {
        out.kind = repeat::once;
        out.date = *date;
        return {out, {}};
    }
    if (head == "daily" || head == "every day" || head == "everyday" || head == "每天" || head == "每日") {
        out.kind = repeat::daily;
        return {out, {}};
    }
    if (strip(head, {"weekly", "每周", "每星期", "每礼拜"})) {
        auto bits = weekday_bits(head);
        if (!bits) return fail(schedule_error::unreadable);
        out.kind = repeat::weekly;
        out.weekdays = *bits;
        return {out, {}};
    }
    if (strip(head, {"monthly", "每月"})) {
        auto end = head.find_first_not_of("0123456789");
        auto rest = end == std::string_view::npos ? std::string_view{} : trim(head.substr(end));
        auto day = small_number(head.substr(0, end));
        if (!day || !(rest.empty() || rest == "日" || rest == "号")) return fail(schedule_error::unreadable);
        if (*day < 1 || *day > 31) return fail(schedule_error::never_fires);
        out.kind = repeat::monthly;
        out.day_of_month = *day;
        return {out, {}};
    }
    if (strip(head, {"every", "每"})) {
        auto end = head.find_first_not_of("0123456789");
        auto n = small_number(head.substr(0, end));
        if (!n || end == std::string_view::npos) return fail(schedule_error::unreadable);
        auto rest = trim(head.substr(end));
        if (!strip(rest, {"days", "day", "d", "天"})) return fail(schedule_error::unreadable);
        out.date = today;
        if (strip(rest, {"from"})) {
            auto start = bot::parse_date(rest);
            if (!start) return fail(schedule_error::unreadable);
            out.date = *start;
        } else if (!rest.empty()) {
            return fail(schedule_error::unreadable);
        }
        if (*n < 1) return fail(schedule_error::never_fires);
        if (*n > 366) return fail(schedule_error::unreadable);
        out.kind = repeat::every_days;
        out.every = *n;
        return {out, {}};
    }
    return fail(schedule_error::unreadable);
}

std::string schedule::str() const {
    auto hm = fmt::format("{:02}:{:02}", minute / 60, minute % 60);
    switch (kind) {
        case repeat::once:
            return fmt::format("at {} {}", date.str(), hm);
        case repeat::daily:
            return "daily " + hm;
        case repeat::weekly: {
            std::string days;
            for (int d = 1; d <= 7; ++d)
                if (weekdays & (1u << (d - 1))) days += (days.empty() ? "" : ",") + std::to_string(d);
            return fmt::format("weekly {} {}", days, hm);
        }
        case repeat::monthly:
            return fmt::format("monthly {} {}", day_of_month, hm);
        case repeat::every_days:
            return fmt::format("every {}d from {} {}", every, date.str(), hm);
    }
    return {};
}

std::optional<bot::time_point> schedule::next_after(bot::time_point after, bot::time_zone const& tz) const {
    auto at = [&](bot::civil_date d) { return tz.from_local(d, minute / 60, minute % 60); };
    auto from = tz.to_local(after).date.plus_days(-1);
    switch (kind) {
        case repeat::once: {
            auto t = at(date);
            if (t > after) return t;
            return std::nullopt;
        }
        case repeat::daily:
        case repeat::weekly:
            for (int i = 0; i < 10; ++i) {
                auto d = from.plus_days(i);
                if (kind == repeat::weekly && !(weekdays & (1u << (d.weekday() - 1)))) continue;
                if (auto t = at(d); t > after) return t;
            }
            return std::nullopt;
        case repeat::monthly:
            for (int i = 0; i < 3; ++i) {
                int month0 = from.month - 1 + i;
                int y = from.year + month0 / 12, m = month0 % 12 + 1;
                bot::civil_date d{y, m, std::min(day_of_month, days_in_month(y, m))};
                if (auto t = at(d); t > after) return t;
            }
            return std::nullopt;
        case repeat::every_days: {
            long k = std::max(0L, (from.serial() - date.serial() + every - 1) / every);
            for (int i = 0; i < 4; ++i) {
                auto d = date.plus_days((k + i) * every);
                if (auto t = at(d); t > after) return t;
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::vector<bot::time_point> schedule::next_times(bot::time_point after, bot::time_zone const& tz, int n) const {
    std::vector<bot::time_point> out;
    while (static_cast<int>(out.size()) < n) {
        auto t = next_after(after, tz);
        if (!t) break;
        out.push_back(*t);
        after = *t;
    }
    return out;
}

}  // namespace plugins::announce
