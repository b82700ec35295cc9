#include "bot/config_schema.hpp"
#include "bot/utf8.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace bot {

namespace {

// Longer durations are refused so that `now + d` can never overflow a nanosecond time_point.
constexpr std::int64_t max_duration_seconds = std::int64_t{10} * 366 * 24 * 3600;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

struct duration_unit {
    char letter;
    std::int64_t seconds;
};
// Largest first: parse_duration requires this order and format_duration writes it.
constexpr duration_unit duration_units[] = {{'w', 604800}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};

std::optional<std::int64_t> parse_int(std::string_view text) {
    auto s = trim(text);
    if (s.starts_with('+')) s.remove_prefix(1);
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size()) return std::nullopt;
    return out;
}

// Chat lists are typed with ASCII commas, full-width commas or the Chinese enumeration comma.
std::size_t separator_at(std::string_view s) {
    if (s.starts_with(',')) return 1;
    if (s.starts_with("，") || s.starts_with("、")) return 3;
    return 0;
}

std::vector<std::string_view> split_list(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    auto push = [&](std::size_t end) {
        if (auto item = trim(text.substr(start, end - start)); !item.empty()) out.push_back(item);
    };
    for (std::size_t i = 0; i < text.size();) {
        std::size_t sep = separator_at(text.substr(i));
        if (sep == 0) {
            ++i;
            continue;
        }
        push(i);
        i += sep;
        start = i;
    }
    push(text.size());
    return out;
}

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            default:
                out += c;
        }
    }
    return out + "\"";
}

// A one-line rendering of a value, as it would be written in TOML.
std::string render(config_node const& n) {
    if (auto b = std::get_if<bool>(&n.value)) return *b ? "true" : "false";
    if (auto i = std::get_if<std::int64_t>(&n.value)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&n.value)) return fmt::format("{}", *d);
    if (auto s = std::get_if<std::string>(&n.value)) return quote(*s);
    if (auto a = std::get_if<config_node::array>(&n.value)) {
        std::string out = "[";
        for (auto const& item : *a) out += (out.size() > 1 ? ", " : "") + render(item);
        return out + "]";
    }
    if (n.is_table()) return "{...}";
    return "";
}

template <typename Item, typename Read>
std::optional<std::string> read_list(config_node const& n, std::vector<Item>& out, std::string const& expected,
                                     Read read_item) {
    auto a = std::get_if<config_node::array>(&n.value);
    if (!a) return expected;
    std::vector<Item> items;
    for (std::size_t i = 0; i < a->size(); ++i) {
        auto item = read_item((*a)[i]);
        if (!item) return expected + " (item " + std::to_string(i + 1) + " is " + describe_config_value((*a)[i]) + ")";
        items.push_back(std::move(*item));
    }
    out = std::move(items);
    return std::nullopt;
}

template <typename Item>
std::string join(std::vector<Item> const& items) {
    return fmt::format("{}", fmt::join(items, ", "));
}

std::optional<int> parse_clock(std::string_view text) {
    auto s = trim(text);
    std::size_t colon = s.find(':');
    std::size_t sep = 1;
    if (colon == std::string_view::npos) {
        colon = s.find("：");
        sep = 3;
    }
    if (colon == std::string_view::npos) return std::nullopt;
    auto h = s.substr(0, colon);
    auto m = s.substr(colon + sep);
    if (h.size() > 2 || m.size() != 2 || !all_digits(h) || !all_digits(m)) return std::nullopt;
    int hour = h.size() == 1 ? h[0] - '0' : (h[0] - '0') * 10 + (h[1] - '0');
    int minute = (m[0] - '0') * 10 + (m[1] - '0');
    if (hour > 23 || minute > 59) return std::nullopt;
    return hour * 60 + minute;
}

}  // namespace

// ---- durations, times, descriptions ----

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
    auto s = trim(text);
    if (s.empty()) return std::nullopt;
    std::int64_t total = 0;
    std::size_t next_unit = 0;  // units must come largest first, each at most once: "1h30m", not "30m1h"
    while (!s.empty()) {
        std::size_t i = 0;
        std::int64_t n = 0;
        for (; i < s.size() && is_digit(s[i]); ++i) {
            n = n * 10 + (s[i] - '0');
            if (n > max_duration_seconds) return std::nullopt;
        }
        if (i == 0 || i == s.size()) return std::nullopt;
        std::size_t u = next_unit;
        while (u < std::size(duration_units) && duration_units[u].letter != s[i]) ++u;
        if (u == std::size(duration_units) || n > max_duration_seconds / duration_units[u].seconds) return std::nullopt;
        total += n * duration_units[u].seconds;
        if (total > max_duration_seconds) return std::nullopt;
        next_unit = u + 1;
        s = trim(s.substr(i + 1));
    }
    return std::chrono::seconds(total);
}

std::string format_duration(std::chrono::seconds s) {
    auto left = s.count();
    if (left == 0) return "0s";
    std::string out;
    if (left < 0) {
        if (left == std::numeric_limits<std::int64_t>::min()) return std::to_string(left) + "s";
        out = "-";
        left = -left;
    }
    for (auto [letter, size] : duration_units) {
        if (left >= size) out += std::to_string(left / size) + letter;
        left %= size;
    }
    return out;
}

std::string time_of_day::str() const {
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string describe_config_value(config_node const& n) {
    constexpr std::size_t limit = 40;
    std::string type(n.type_name());
    if (auto s = std::get_if<std::string>(&n.value)) return type + " " + quote(shorten(*s, limit));
    if (auto a = std::get_if<config_node::array>(&n.value)) {
        if (a->empty()) return "empty array";
        auto text = render(n);
        if (text.size() <= limit) return type + " " + text;
        return type + " of " + std::to_string(a->size()) + (a->size() == 1 ? " item" : " items");
    }
    if (n.is_table() || std::holds_alternative<std::monostate>(n.value)) return type;
    return type + " " + render(n);
}

// ---- codecs ----

namespace detail {

using std::optional;
using std::string;
using std::string_view;

optional<string> field_codec<bool>::from_node(config_node const& n, bool& out) {
    auto b = std::get_if<bool>(&n.value);
    if (!b) return "true or false";
    out = *b;
    return std::nullopt;
}
optional<string> field_codec<bool>::from_text(string_view s, bool& out) {
    auto t = lower_ascii(trim(s));
    for (string_view yes : {"true", "on", "yes", "1", "开", "开启", "是"}) {
        if (t == yes) {
            out = true;
            return std::nullopt;
        }
    }
    for (string_view no : {"false", "off", "no", "0", "关", "关闭", "否"}) {
        if (t == no) {
            out = false;
            return std::nullopt;
        }
    }
    return "on or off (true/false, yes/no, 1/0, 开/关)";
}
string field_codec<bool>::to_text(bool const& v) {
    return v ? "true" : "false";
}
string_view field_codec<bool>::type_name() {
    return "boolean";
}

optional<string> field_codec<std::int64_t>::from_node(config_node const& n, std::int64_t& out) {
    auto i = std::get_if<std::int64_t>(&n.value);
    if (!i) return "an integer";
    out = *i;
    return std::nullopt;
}
optional<string> field_codec<std::int64_t>::from_text(string_view s, std::int64_t& out) {
    auto i = parse_int(s);
    if (!i) return "an integer";
    out = *i;
    return std::nullopt;
}
string field_codec<std::int64_t>::to_text(std::int64_t const& v) {
    return std::to_string(v);
}
string_view field_codec<std::int64_t>::type_name() {
    return "integer";
}

namespace {
optional<string> narrow_int(std::int64_t wide, int& out) {
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
        return fmt::format("an integer from {} to {}", std::numeric_limits<int>::min(),
                           std::numeric_limits<int>::max());
    out = static_cast<int>(wide);
    return std::nullopt;
}
}  // namespace

optional<string> field_codec<int>::from_node(config_node const& n, int& out) {
    std::int64_t wide = 0;
    if (auto e = field_codec<std::int64_t>::from_node(n, wide)) return e;
    return narrow_int(wide, out);
}
optional<string> field_codec<int>::from_text(string_view s, int& out) {
    std::int64_t wide = 0;
    if (auto e = field_codec<std::int64_t>::from_text(s, wide)) return e;
    return narrow_int(wide, out);
}
string field_codec<int>::to_text(int const& v) {
    return std::to_string(v);
}
string_view field_codec<int>::type_name() {
    return "integer";
}

optional<string> field_codec<double>::from_node(config_node const& n, double& out) {
    double v = 0;
    if (auto d = std::get_if<double>(&n.value))
        v = *d;
    else if (auto i = std::get_if<std::int64_t>(&n.value))
        v = static_cast<double>(*i);
    else
        return "a number";
    if (!std::isfinite(v)) return "a finite number";
    out = v;
    return std::nullopt;
}
optional<string> field_codec<double>::from_text(string_view s, double& out) {
    auto t = trim(s);
    double v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc{} || ptr != t.data() + t.size() || !std::isfinite(v)) return "a number";
    out = v;
    return std::nullopt;
}
string field_codec<double>::to_text(double const& v) {
    return fmt::format("{}", v);
}
string_view field_codec<double>::type_name() {
    return "number";
}

optional<string> field_codec<string>::from_node(config_node const& n, string& out) {
    auto s = std::get_if<string>(&n.value);
    if (!s) return "a string in quotes";
    out = *s;
    return std::nullopt;
}
optional<string> field_codec<string>::from_text(string_view s, string& out) {
    out = string(s);  // untrimmed, so that to_text and from_text round-trip exactly
    return std::nullopt;
}
string field_codec<string>::to_text(string const& v) {
    return v;
}
string_view field_codec<string>::type_name() {
    return "string";
}

optional<string> field_codec<std::vector<string>>::from_node(config_node const& n, std::vector<string>& out) {
    return read_list(n, out, "a list of strings like [\"a\", \"b\"]", [](config_node const& item) {
        auto s = std::get_if<string>(&item.value);
        return s ? std::optional(*s) : std::nullopt;
    });
}
optional<string> field_codec<std::vector<string>>::from_text(string_view s, std::vector<string>& out) {
    out.clear();
    for (auto item : split_list(s)) out.emplace_back(item);
    return std::nullopt;
}
string field_codec<std::vector<string>>::to_text(std::vector<string> const& v) {
    return join(v);
}
string_view field_codec<std::vector<string>>::type_name() {
    return "list of strings";
}

optional<string> field_codec<std::vector<std::int64_t>>::from_node(config_node const& n,
                                                                   std::vector<std::int64_t>& out) {
    return read_list(n, out, "a list of integers like [1, 2]", [](config_node const& item) {
        auto i = std::get_if<std::int64_t>(&item.value);
        return i ? std::optional(*i) : std::nullopt;
    });
}
optional<string> field_codec<std::vector<std::int64_t>>::from_text(string_view s, std::vector<std::int64_t>& out) {
    std::vector<std::int64_t> items;
    for (auto item : split_list(s)) {
        auto i = parse_int(item);
        if (!i) return "a list of integers like \"1, 2\"";
        items.push_back(*i);
    }
    out = std::move(items);
    return std::nullopt;
}
string field_codec<std::vector<std::int64_t>>::to_text(std::vector<std::int64_t> const& v) {
    return join(v);
}
string_view field_codec<std::vector<std::int64_t>>::type_name() {
    return "list of integers";
}

namespace {
constexpr char const* duration_expected = "a duration like \"90s\", \"10m\", \"2h\", \"3d\", \"1w\" or \"1h30m\"";
}

optional<string> field_codec<std::chrono::seconds>::from_node(config_node const& n, std::chrono::seconds& out) {
    if (auto i = std::get_if<std::int64_t>(&n.value)) {
        if (*i < 0 || *i > max_duration_seconds) return duration_expected;
        out = std::chrono::seconds(*i);
        return std::nullopt;
    }
    auto s = std::get_if<string>(&n.value);
    return s ? from_text(*s, out) : duration_expected;
}
optional<string> field_codec<std::chrono::seconds>::from_text(string_view s, std::chrono::seconds& out) {
    // A bare number is seconds, as an integer in bot.toml is.
    auto t = trim(s);
    if (all_digits(t)) {
        auto i = parse_int(t);
        if (!i || *i > max_duration_seconds) return duration_expected;
        out = std::chrono::seconds(*i);
        return std::nullopt;
    }
    auto d = parse_duration(s);
    if (!d) return duration_expected;
    out = *d;
    return std::nullopt;
}
string field_codec<std::chrono::seconds>::to_text(std::chrono::seconds const& v) {
    return format_duration(v);
}
string_view field_codec<std::chrono::seconds>::type_name() {
    return "duration like \"10m\"";
}

optional<string> field_codec<time_of_day>::from_node(config_node const& n, time_of_day& out) {
    auto s = std::get_if<string>(&n.value);
    return s ? from_text(*s, out) : "a time like \"21:00\"";
}
optional<string> field_codec<time_of_day>::from_text(string_view s, time_of_day& out) {
    auto m = parse_clock(s);
    if (!m) return "a time like \"21:00\" (00:00 to 23:59)";
    out.minutes = *m;
    return std::nullopt;
}
string field_codec<time_of_day>::to_text(time_of_day const& v) {
    return v.str();
}
string_view field_codec<time_of_day>::type_name() {
    return "time like \"21:00\"";
}

namespace {
constexpr char const* money_expected = "an amount like \"50\" or \"50.5元\" (at most two decimals)";
}

optional<string> field_codec<money_amount>::from_node(config_node const& n, money_amount& out) {
    if (auto i = std::get_if<std::int64_t>(&n.value)) {
        if (*i < 0 || *i > std::numeric_limits<fen>::max() / 1000) return money_expected;
        out.value = *i * 100;
        return std::nullopt;
    }
    if (std::holds_alternative<double>(n.value))
        return "an amount like \"50\" or \"50.5元\"; write decimals in quotes so no cent is lost";
    auto s = std::get_if<string>(&n.value);
    return s ? from_text(*s, out) : money_expected;
}
optional<string> field_codec<money_amount>::from_text(string_view s, money_amount& out) {
    auto v = parse_money(s);
    if (!v) return money_expected;
    out.value = *v;
    return std::nullopt;
}
string field_codec<money_amount>::to_text(money_amount const& v) {
    return format_money(v.value);
}
string_view field_codec<money_amount>::type_name() {
    return "money like \"50\" or \"50.5元\"";
}

}  // namespace detail

}  // namespace bot
