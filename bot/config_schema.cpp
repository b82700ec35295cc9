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

// The expectation with another English wording (bot.toml sees values as TOML types).
expectation in_english(expectation e, std::string english) {
    e.english = std::move(english);
    return e;
}

template <typename Item, typename Read>
std::optional<expectation> read_list(config_node const& n, std::vector<Item>& out, expectation const& expected,
                                     Read read_item) {
    auto a = std::get_if<config_node::array>(&n.value);
    if (!a) return expected;
    std::vector<Item> items;
    for (std::size_t i = 0; i < a->size(); ++i) {
        auto item = read_item((*a)[i]);
        if (!item)
            return in_english(expected, expected.english + " (item " + std::to_string(i + 1) + " is " +
                                            describe_config_value((*a)[i]) + ")");
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

std::string describe_secret(config_node const& n) {
    if (auto s = std::get_if<std::string>(&n.value))
        return "a string of " + std::to_string(s->size()) + (s->size() == 1 ? " character" : " characters");
    return std::string(n.type_name());
}

// ---- expectations ----

namespace {

struct expectation_text {
    char const* kind;
    char const* text;
    std::vector<std::string> placeholders;
};

// The Chinese defaults; each reads after 「应为」.
std::vector<expectation_text> const& expectation_texts() {
    static std::vector<expectation_text> const all{
        {"boolean", "开或关（开/关、是/否、on/off、true/false、1/0）", {}},
        {"integer", "整数", {}},
        {"integer_range", "介于 {min} 和 {max} 之间的整数", {"min", "max"}},
        {"number", "数字，如 0.5", {}},
        {"number_range", "介于 {min} 和 {max} 之间的数", {"min", "max"}},
        {"text", "一段文字", {}},
        {"text_list", "一组文字，用逗号或顿号分隔", {}},
        {"integer_list", "一组整数，用逗号或顿号分隔，如 1、2", {}},
        {"duration", "时长，如 90s、10m、2h、3d、1w 或 1h30m（s 秒、m 分、h 时、d 天、w 周）", {}},
        {"duration_range", "介于 {min} 和 {max} 之间的时长，如 10m、2h、1h30m", {"min", "max"}},
        {"positive_duration", "大于 0 的时长，如 10m、2h、1h30m", {}},
        {"time", "时间，如 21:00（00:00 到 23:59）", {}},
        {"money", "金额，如 50 或 50.5元（最多两位小数）", {}},
        {"one_of", "以下之一：{choices}", {"choices"}},
    };
    return all;
}

expectation standard(std::string kind, text_args args, std::string english) {
    return {"core.expect." + kind, std::move(args), std::move(english)};
}

std::string number_text(double v) {
    return fmt::format("{}", v);
}

constexpr char const* duration_english = "a duration like \"90s\", \"10m\", \"2h\", \"3d\", \"1w\" or \"1h30m\"";
constexpr char const* money_english = "an amount like \"50\" or \"50.5元\" (at most two decimals)";

}  // namespace

namespace expect {

expectation boolean() {
    return standard("boolean", {}, "on or off (true/false, yes/no, 1/0, 开/关)");
}
expectation integer() {
    return standard("integer", {}, "an integer");
}
expectation integer_range(std::int64_t lo, std::int64_t hi) {
    return standard("integer_range", {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}},
                    fmt::format("a number from {} to {}", lo, hi));
}
expectation number() {
    return standard("number", {}, "a number");
}
expectation number_range(double lo, double hi) {
    return standard("number_range", {{"min", number_text(lo)}, {"max", number_text(hi)}},
                    fmt::format("a number from {} to {}", number_text(lo), number_text(hi)));
}
expectation text() {
    return standard("text", {}, "a string in quotes");
}
expectation text_list() {
    return standard("text_list", {}, "a list of strings like [\"a\", \"b\"]");
}
expectation integer_list() {
    return standard("integer_list", {}, "a list of integers like \"1, 2\"");
}
expectation duration() {
    return standard("duration", {}, duration_english);
}
expectation duration_range(std::chrono::seconds lo, std::chrono::seconds hi) {
    return standard("duration_range", {{"min", format_duration(lo)}, {"max", format_duration(hi)}},
                    fmt::format("a duration from {} to {}", format_duration(lo), format_duration(hi)));
}
expectation positive_duration() {
    return standard("positive_duration", {}, "a duration above zero, like 10m");
}
expectation time() {
    return standard("time", {}, "a time like \"21:00\" (00:00 to 23:59)");
}
expectation money() {
    return standard("money", {}, money_english);
}
expectation one_of(std::vector<std::string> const& allowed) {
    std::string quoted;
    std::string listed;
    for (auto const& a : allowed) {
        quoted += (quoted.empty() ? "" : ", ") + ("\"" + a + "\"");
        listed += (listed.empty() ? "" : "、") + a;
    }
    return standard("one_of", {{"choices", listed}}, "one of " + quoted);
}
expectation custom(std::string key, std::string english, text_args args) {
    return {std::move(key), std::move(args), std::move(english)};
}
expectation english_only(std::string english) {
    return {{}, {}, std::move(english)};
}

}  // namespace expect

void define_expectation_texts(texts& t) {
    for (auto const& e : expectation_texts())
        t.define(std::string("core.expect.") + e.kind, e.text, e.placeholders);
}

std::string render_expectation(texts const& t, std::string const& group, expectation const& e) {
    if (e.key.empty() || !t.has(e.key)) return e.english;
    return t.render(group, e.key, e.args);
}

// ---- codecs ----

namespace detail {

using std::optional;
using std::string;
using std::string_view;

optional<expectation> field_codec<bool>::from_node(config_node const& n, bool& out) {
    auto b = std::get_if<bool>(&n.value);
    if (!b) return in_english(expect::boolean(), "true or false");
    out = *b;
    return std::nullopt;
}
optional<expectation> field_codec<bool>::from_text(string_view s, bool& out) {
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
    return expect::boolean();
}
string field_codec<bool>::to_text(bool const& v) {
    return v ? "true" : "false";
}
expectation field_codec<bool>::kind() {
    return expect::boolean();
}

optional<expectation> field_codec<std::int64_t>::from_node(config_node const& n, std::int64_t& out) {
    auto i = std::get_if<std::int64_t>(&n.value);
    if (!i) return expect::integer();
    out = *i;
    return std::nullopt;
}
optional<expectation> field_codec<std::int64_t>::from_text(string_view s, std::int64_t& out) {
    auto i = parse_int(s);
    if (!i) return expect::integer();
    out = *i;
    return std::nullopt;
}
string field_codec<std::int64_t>::to_text(std::int64_t const& v) {
    return std::to_string(v);
}
expectation field_codec<std::int64_t>::kind() {
    return expect::integer();
}

namespace {
optional<expectation> narrow_int(std::int64_t wide, int& out) {
    constexpr auto lo = std::numeric_limits<int>::min();
    constexpr auto hi = std::numeric_limits<int>::max();
    if (wide < lo || wide > hi)
        return in_english(expect::integer_range(lo, hi), fmt::format("an integer from {} to {}", lo, hi));
    out = static_cast<int>(wide);
    return std::nullopt;
}
}  // namespace

optional<expectation> field_codec<int>::from_node(config_node const& n, int& out) {
    std::int64_t wide = 0;
    if (auto e = field_codec<std::int64_t>::from_node(n, wide)) return e;
    return narrow_int(wide, out);
}
optional<expectation> field_codec<int>::from_text(string_view s, int& out) {
    std::int64_t wide = 0;
    if (auto e = field_codec<std::int64_t>::from_text(s, wide)) return e;
    return narrow_int(wide, out);
}
string field_codec<int>::to_text(int const& v) {
    return std::to_string(v);
}
expectation field_codec<int>::kind() {
    return expect::integer();
}

optional<expectation> field_codec<double>::from_node(config_node const& n, double& out) {
    double v = 0;
    if (auto d = std::get_if<double>(&n.value))
        v = *d;
    else if (auto i = std::get_if<std::int64_t>(&n.value))
        v = static_cast<double>(*i);
    else
        return expect::number();
    if (!std::isfinite(v)) return in_english(expect::number(), "a finite number");
    out = v;
    return std::nullopt;
}
optional<expectation> field_codec<double>::from_text(string_view s, double& out) {
    auto t = trim(s);
    double v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc{} || ptr != t.data() + t.size() || !std::isfinite(v)) return expect::number();
    out = v;
    return std::nullopt;
}
string field_codec<double>::to_text(double const& v) {
    return fmt::format("{}", v);
}
expectation field_codec<double>::kind() {
    return expect::number();
}

optional<expectation> field_codec<string>::from_node(config_node const& n, string& out) {
    auto s = std::get_if<string>(&n.value);
    if (!s) return expect::text();
    out = *s;
    return std::nullopt;
}
optional<expectation> field_codec<string>::from_text(string_view s, string& out) {
    out = string(s);  // untrimmed, so that to_text and from_text round-trip exactly
    return std::nullopt;
}
string field_codec<string>::to_text(string const& v) {
    return v;
}
expectation field_codec<string>::kind() {
    return expect::text();
}

optional<expectation> field_codec<std::vector<string>>::from_node(config_node const& n, std::vector<string>& out) {
    return read_list(n, out, expect::text_list(), [](config_node const& item) {
        auto s = std::get_if<string>(&item.value);
        return s ? std::optional(*s) : std::nullopt;
    });
}
optional<expectation> field_codec<std::vector<string>>::from_text(string_view s, std::vector<string>& out) {
    out.clear();
    for (auto item : split_list(s)) out.emplace_back(item);
    return std::nullopt;
}
string field_codec<std::vector<string>>::to_text(std::vector<string> const& v) {
    return join(v);
}
expectation field_codec<std::vector<string>>::kind() {
    return expect::text_list();
}

optional<expectation> field_codec<std::vector<std::int64_t>>::from_node(config_node const& n,
                                                                        std::vector<std::int64_t>& out) {
    return read_list(n, out, in_english(expect::integer_list(), "a list of integers like [1, 2]"),
                     [](config_node const& item) {
                         auto i = std::get_if<std::int64_t>(&item.value);
                         return i ? std::optional(*i) : std::nullopt;
                     });
}
optional<expectation> field_codec<std::vector<std::int64_t>>::from_text(string_view s,
                                                                        std::vector<std::int64_t>& out) {
    std::vector<std::int64_t> items;
    for (auto item : split_list(s)) {
        auto i = parse_int(item);
        if (!i) return expect::integer_list();
        items.push_back(*i);
    }
    out = std::move(items);
    return std::nullopt;
}
string field_codec<std::vector<std::int64_t>>::to_text(std::vector<std::int64_t> const& v) {
    return join(v);
}
expectation field_codec<std::vector<std::int64_t>>::kind() {
    return expect::integer_list();
}

optional<expectation> field_codec<std::chrono::seconds>::from_node(config_node const& n, std::chrono::seconds& out) {
    if (auto i = std::get_if<std::int64_t>(&n.value)) {
        if (*i < 0 || *i > max_duration_seconds) return expect::duration();
        out = std::chrono::seconds(*i);
        return std::nullopt;
    }
    auto s = std::get_if<string>(&n.value);
    return s ? from_text(*s, out) : expect::duration();
}
optional<expectation> field_codec<std::chrono::seconds>::from_text(string_view s, std::chrono::seconds& out) {
    // A bare number is seconds, as an integer in bot.toml is.
    auto t = trim(s);
    if (all_digits(t)) {
        auto i = parse_int(t);
        if (!i || *i > max_duration_seconds) return expect::duration();
        out = std::chrono::seconds(*i);
        return std::nullopt;
    }
    auto d = parse_duration(s);
    if (!d) return expect::duration();
    out = *d;
    return std::nullopt;
}
string field_codec<std::chrono::seconds>::to_text(std::chrono::seconds const& v) {
    return format_duration(v);
}
expectation field_codec<std::chrono::seconds>::kind() {
    return expect::duration();
}

optional<expectation> field_codec<time_of_day>::from_node(config_node const& n, time_of_day& out) {
    auto s = std::get_if<string>(&n.value);
    return s ? from_text(*s, out) : in_english(expect::time(), "a time like \"21:00\"");
}
optional<expectation> field_codec<time_of_day>::from_text(string_view s, time_of_day& out) {
    auto m = parse_clock(s);
    if (!m) return expect::time();
    out.minutes = *m;
    return std::nullopt;
}
string field_codec<time_of_day>::to_text(time_of_day const& v) {
    return v.str();
}
expectation field_codec<time_of_day>::kind() {
    return expect::time();
}

optional<expectation> field_codec<money_amount>::from_node(config_node const& n, money_amount& out) {
    if (auto i = std::get_if<std::int64_t>(&n.value)) {
        if (*i < 0 || *i > std::numeric_limits<fen>::max() / 1000) return expect::money();
        out.value = *i * 100;
        return std::nullopt;
    }
    if (std::holds_alternative<double>(n.value))
        return in_english(expect::money(),
                          "an amount like \"50\" or \"50.5元\"; write decimals in quotes so no cent is lost");
    auto s = std::get_if<string>(&n.value);
    return s ? from_text(*s, out) : expect::money();
}
optional<expectation> field_codec<money_amount>::from_text(string_view s, money_amount& out) {
    auto v = parse_money(s);
    if (!v) return expect::money();
    out.value = *v;
    return std::nullopt;
}
string field_codec<money_amount>::to_text(money_amount const& v) {
    return format_money(v.value);
}
expectation field_codec<money_amount>::kind() {
    return expect::money();
}

}  // namespace detail

}  // namespace bot
