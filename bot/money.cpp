#include "bot/money.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>

namespace bot {

namespace {

std::string_view strip(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool consume_suffix(std::string_view& s, std::string_view suffix) {
    if (!s.ends_with(suffix)) return false;
    s.remove_suffix(suffix.size());
    s = strip(s);
    return true;
}

}  // namespace

std::optional<fen> parse_money(std::string_view text) {
    auto s = strip(text);
    for (std::string_view prefix : {"¥", "￥", "RMB", "rmb"}) {
        if (s.starts_with(prefix)) {
            s.remove_prefix(prefix.size());
            s = strip(s);
            break;
        }
    }
    for (std::string_view suffix : {"元", "块钱", "块", "rmb", "RMB"}) {
        if (consume_suffix(s, suffix)) break;
    }
    if (s.empty()) return std::nullopt;

    fen whole = 0;
    std::size_t i = 0;
    constexpr fen limit = std::numeric_limits<fen>::max() / 1000;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        whole = whole * 10 + (s[i] - '0');
        if (whole > limit) return std::nullopt;
    }
    if (i == 0) return std::nullopt;
    fen cents = 0;
    if (i < s.size()) {
        if (s[i] != '.') return std::nullopt;
        ++i;
        int digits = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            if (++digits > 2) return std::nullopt;
            cents = cents * 10 + (s[i] - '0');
        }
        if (digits == 0 || i != s.size()) return std::nullopt;
        if (digits == 1) cents *= 10;
    }
    return whole * 100 + cents;
}

std::string format_money(fen amount) {
    auto sign = amount < 0 ? "-" : "";
    auto mag = amount < 0 ? -static_cast<unsigned long long>(amount) : static_cast<unsigned long long>(amount);
    return fmt::format("{}{}.{:02}", sign, mag / 100, mag % 100);
}

}  // namespace bot
