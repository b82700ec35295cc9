#include "plugins/deposit/rules.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>
#include <vector>

namespace plugins::deposit {

namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(std::array<std::pair<std::string_view, E>, N> const& table, std::string_view s) {
    for (auto const& [name, value] : table)
        if (name == s) return value;
    return std::nullopt;
}

// Names as stored and typed; the Chinese ones are what admins type in a group.
constexpr std::array<std::pair<std::string_view, fine_mode>, 2> fine_modes{{{"fixed", fine_mode::fixed},
                                                                             {"percent", fine_mode::percent}}};
constexpr std::array<std::pair<std::string_view, destination>, 6> destinations{{{"fund", destination::fund},
                                                                                 {"finishers", destination::finishers},
                                                                                 {"split", destination::split},
                                                                                 {"基金", destination::fund},
                                                                                 {"完成者", destination::finishers},
                                                                                 {"拆分", destination::split}}};
constexpr std::array<std::pair<std::string_view, leaver_rule>, 4> leavers{{{"forfeit", leaver_rule::forfeit},
                                                                            {"prorata", leaver_rule::prorata},
                                                                            {"没收", leaver_rule::forfeit},
                                                                            {"按比例", leaver_rule::prorata}}};
constexpr std::array<std::pair<std::string_view, day_rule>, 4> day_rules{{{"checkin", day_rule::checkin},
                                                                           {"message", day_rule::message},
                                                                           {"打卡", day_rule::checkin},
                                                                           {"发言", day_rule::message}}};

std::optional<int> parse_int(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

/// Splits on ASCII whitespace and the ideographic space.
std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    auto is_space = [&](std::size_t at) -> std::size_t {
        if (at >= s.size()) return 0;
        char c = s[at];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
        if (s.substr(at, 3) == "\u3000") return 3;
        return 0;
    };
    while (i < s.size()) {
        while (auto n = is_space(i)) i += n;
        if (i >= s.size()) break;
        auto start = i;
        while (i < s.size() && !is_space(i)) ++i;
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

/// The canonical key for a typed key (English or Chinese).
std::optional<std::string_view> canonical_key(std::string_view k) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> keys{{
        {"name", "name"},     {"名称", "name"},       {"start", "start"},   {"开始", "start"},
        {"days", "days"},     {"天数", "days"},       {"deposit", "deposit"}, {"押金", "deposit"},
        {"fine", "fine"},     {"罚", "fine"},         {"罚款", "fine"},     {"full", "full"},
        {"全额", "full"},     {"to", "to"},           {"去向", "to"},       {"leave", "leave"},
        {"请假", "leave"},    {"leaver", "leaver"},   {"退群", "leaver"},   {"rule", "rule"},
        {"完成", "rule"},     {"规则", "rule"},
    }};
    return lookup(keys, k);
}

std::optional<rules_error> apply(rules& r, std::string_view key, std::string_view value, bot::civil_date today,
                                 bool& full_given) {
    auto bad = [&](std::string what) { return rules_error{std::string(key), std::move(what)}; };
    if (key == "name") {
        if (value.empty() || value.size() > 60) return bad("1 到 20 个字的名称");
        r.name = std::string(value);
    } else if (key == "start") {
        if (value == "today" || value == "今天") {
            r.start = today;
        } else if (value == "tomorrow" || value == "明天") {
            r.start = today.plus_days(1);
        } else if (auto d = bot::parse_date(value)) {
            if (*d < today) return bad("今天或以后的日期（今天是 " + today.str() + "）");
            r.start = *d;
        } else {
            return bad("日期，如 " + today.plus_days(1).str() + "、today 或 tomorrow");
        }
    } else if (key == "days") {
        auto v = parse_int(value);
        if (!v || *v < 1 || *v > 366) return bad("1 到 366 的天数");
        r.days = *v;
    } else if (key == "deposit") {
        auto v = bot::parse_money(value);
        if (!v || *v <= 0) return bad("押金金额，如 50 或 50.5元");
        r.deposit = *v;
    } else if (key == "fine") {
        if (value.ends_with("%")) {
            auto v = parse_int(value.substr(0, value.size() - 1));
            if (!v || *v < 1 || *v > 100) return bad("1% 到 100% 的比例，如 50%");
            r.mode = fine_mode::percent;
            r.percent = *v;
        } else {
            auto v = bot::parse_money(value);
            if (!v || *v <= 0) return bad("每次缺卡的罚金如 5，或剩余押金的比例如 50%");
            r.mode = fine_mode::fixed;
            r.fine = *v;
        }
    } else if (key == "full") {
        auto v = parse_int(value);
        if (!v || *v < 0) return bad("全额退还所需的完成天数");
        r.full_days = *v;
        full_given = true;
    } else if (key == "to") {
        auto colon = value.find(':');
        auto head = value.substr(0, colon);
        auto d = lookup(destinations, head);
        if (!d) return bad("fund（基金）、finishers（完成者）或 split:30（拆分，30% 进基金）");
        r.to = *d;
        if (colon != std::string_view::npos) {
            auto p = parse_int(value.substr(colon + 1));
            if (*d != destination::split || !p || *p < 0 || *p > 100) return bad("split:0 到 split:100");
            r.fund_percent = *p;
        }
    } else if (key == "leave") {
        auto v = parse_int(value);
        if (!v || *v < 0 || *v > 366) return bad("整个挑战可请假的天数，如 3");
        r.leave_limit = *v;
    } else if (key == "leaver") {
        auto v = lookup(leavers, value);
        if (!v) return bad("forfeit（没收）或 prorata（按比例）");
        r.leaver = *v;
    } else if (key == "rule") {
        auto v = lookup(day_rules, value);
        if (!v) return bad("checkin（打卡）或 message（发言）");
        r.rule = *v;
    }
    return std::nullopt;
}

}  // namespace

std::string_view name_of(fine_mode v) { return v == fine_mode::fixed ? "fixed" : "percent"; }
std::string_view name_of(destination v) {
    return v == destination::fund ? "fund" : v == destination::finishers ? "finishers" : "split";
}
std::string_view name_of(leaver_rule v) { return v == leaver_rule::forfeit ? "forfeit" : "prorata"; }
std::string_view name_of(day_rule v) { return v == day_rule::checkin ? "checkin" : "message"; }
std::optional<fine_mode> fine_mode_from(std::string_view s) { return lookup(fine_modes, s); }
std::optional<destination> destination_from(std::string_view s) { return lookup(destinations, s); }
std::optional<leaver_rule> leaver_from(std::string_view s) { return lookup(leavers, s); }
std::optional<day_rule> day_rule_from(std::string_view s) { return lookup(day_rules, s); }

std::variant<rules, rules_error> parse_rules(std::string_view args, rules defaults, int free_misses,
                                            bot::civil_date today) {
    rules r = std::move(defaults);
    r.start = today.plus_days(1);
    bool full_given = false;
    bool first = true;
    for (auto w : words(args)) {
        auto eq = w.find('=');
        auto eq_len = std::size_t{1};
        if (auto wide = w.find("\uFF1D"); wide != std::string_view::npos && wide < eq) {
            eq = wide;
            eq_len = 3;
        }
        if (eq == std::string_view::npos) {
            if (!first) return rules_error{std::string(w), "应为 键=值，如 days=21"};
            if (auto e = apply(r, "name", w, today, full_given)) return *e;
            first = false;
            continue;
        }
        first = false;
        auto key = canonical_key(w.substr(0, eq));
        if (!key)
            return rules_error{std::string(w.substr(0, eq)),
                               "未知的设置；可用：name start days deposit fine full to leave leaver rule"};
        if (auto e = apply(r, *key, w.substr(eq + eq_len), today, full_given)) return *e;
    }
    // Without an explicit threshold, a full refund needs every day but the default free misses.
    if (!full_given) r.full_days = std::max(0, r.days - free_misses);
    if (auto e = check_rules(r)) return *e;
    return r;
}

std::optional<rules_error> check_rules(rules const& r) {
    if (r.name.empty()) return rules_error{"name", "请给挑战起个名字，如 name=21天早起"};
    if (r.full_days > r.days) return rules_error{"full", "全额退还所需天数不能超过挑战天数 " + std::to_string(r.days)};
    if (r.to == destination::split && (r.fund_percent < 0 || r.fund_percent > 100))
        return rules_error{"to", "split 的基金比例应在 0 到 100 之间"};
    return std::nullopt;
}

}  // namespace plugins::deposit
