#include "plugins/birthday/birthday.hpp"

#include <fmt/format.h>

#include <optional>

namespace plugins::birthday {

namespace {

/// ASCII digits and separators for their full-width forms (０-９, －, ／, ．), without spaces.
std::string normalized(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
            auto last = static_cast<unsigned char>(text[i + 2]);
            if (last >= 0x90 && last <= 0x99) {
                out += static_cast<char>('0' + (last - 0x90));
                i += 2;
                continue;
            }
            if (last == 0x8D || last == 0x8E || last == 0x8F) {
                out += last == 0x8D ? '-' : last == 0x8E ? '.' : '/';
                i += 2;
                continue;
            }
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        out += text[i];
    }
    return out;
}

bool digit(char c) {
    return c >= '0' && c <= '9';
}

/// A cursor over the normalized text.
struct reader {
    std::string_view s;
    std::size_t at = 0;

    bool done() const { return at == s.size(); }
    /// A run of `min` to `max` digits as a number.
    std::optional<int> number(std::size_t min, std::size_t max) {
        std::size_t n = 0;
        int v = 0;
        while (at + n < s.size() && digit(s[at + n]) && n < max + 1) {
            v = v * 10 + (s[at + n] - '0');
            ++n;
        }
        if (n < min || n > max) return std::nullopt;
        at += n;
        return v;
    }
    bool literal(std::string_view w) {
        if (s.substr(at).substr(0, w.size()) != w) return false;
        at += w.size();
        return true;
    }
};

struct ymd {
    std::optional<int> year;
    int month = 0;
    int day = 0;
};

/// "3月14日", "1990年3月14号", "3月14"
std::optional<ymd> chinese_form(std::string_view s) {
    reader r{s};
    ymd out;
    auto save = r.at;
    if (auto y = r.number(4, 4); y && r.literal("年"))
        out.year = *y;
    else
        r.at = save;
    auto m = r.number(1, 2);
    if (!m || !r.literal("月")) return std::nullopt;
    auto d = r.number(1, 2);
    if (!d) return std::nullopt;
    if (!r.literal("日")) r.literal("号");
    if (!r.done()) return std::nullopt;
    out.month = *m;
    out.day = *d;
    return out;
}

/// "03-14", "3/14", "3.14", "1990-03-14": one separator kind throughout.
std::optional<ymd> separated_form(std::string_view s) {
    auto sep = s.find_first_of("-/.");
    if (sep == std::string_view::npos) return std::nullopt;
    char mark = s[sep];
    std::vector<std::string_view> parts;
    std::size_t from = 0;
    for (auto pos = s.find(mark); pos != std::string_view::npos; pos = s.find(mark, from)) {
        parts.push_back(s.substr(from, pos - from));
        from = pos + 1;
    }
    parts.push_back(s.substr(from));
    auto number = [](std::string_view p, std::size_t min, std::size_t max) -> std::optional<int> {
        reader r{p};
        auto v = r.number(min, max);
        return v && r.done() ? v : std::nullopt;
    };
    ymd out;
    std::size_t first = 0;
    if (parts.size() == 3) {
        out.year = number(parts[0], 4, 4);
        if (!out.year) return std::nullopt;
        first = 1;
    } else if (parts.size() != 2) {
        return std::nullopt;
    }
    auto m = number(parts[first], 1, 2);
    auto d = number(parts[first + 1], 1, 2);
    if (!m || !d) return std::nullopt;
    out.month = *m;
    out.day = *d;
    return out;
}

/// "0314", "19900314"
std::optional<ymd> digits_form(std::string_view s) {
    for (char c : s)
        if (!digit(c)) return std::nullopt;
    auto n = [&](std::size_t at, std::size_t len) { return std::stoi(std::string(s.substr(at, len))); };
    if (s.size() == 4) return ymd{std::nullopt, n(0, 2), n(2, 2)};
    if (s.size() == 8) return ymd{n(0, 4), n(4, 2), n(6, 2)};
    return std::nullopt;
}

}  // namespace

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int month_length(int year, int month) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

parsed_birthday parse_birthday(std::string_view text, bot::civil_date today) {
    parsed_birthday out;
    auto s = normalized(text);
    std::optional<ymd> read;
    if (s.find("月") != std::string::npos)
        read = chinese_form(s);
    else if (s.find_first_of("-/.") != std::string::npos)
        read = separated_form(s);
    else
        read = digits_form(s);
    if (!read) {
        out.error = date_error::format;
        return out;
    }
    out.had_year = read->year.has_value();
    // Without a year, any day that some year has is a birthday: 02-29 included.
    int year = read->year.value_or(2000);
    if (read->day < 1 || read->day > month_length(year, read->month)) {
        out.error = date_error::no_such_date;
        return out;
    }
    out.date = {read->month, read->day};
    if (read->year) {
        bot::civil_date born{*read->year, read->month, read->day};
        if (born > today)
            out.error = date_error::future;
        else if (*read->year < today.year - max_age)
            out.error = date_error::old_year;
    }
    return out;
}

std::vector<month_day> greeted_on(bot::civil_date day) {
    std::vector<month_day> out{{day.month, day.day}};
    if (day.month == 2 && day.day == 28 && !is_leap(day.year)) out.push_back({2, 29});
    return out;
}

std::string shown(month_day d) {
    return fmt::format("{}月{}日", d.month, d.day);
}

int parse_month(std::string_view text) {
    auto s = normalized(text);
    reader r{s};
    auto m = r.number(1, 2);
    if (!m) return 0;
    r.literal("月");
    if (!r.done() || *m < 1 || *m > 12) return 0;
    return *m;
}

}  // namespace plugins::birthday
