#pragma once
/// Money as integer fen (1 元 = 100 fen): parsing what members type and formatting it back.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bot {

/// An amount of money in fen. Never a floating-point value.
using fen = std::int64_t;

/// Parses "50", "50.5", "50.50元", "¥8", "0.01 元", "50块": at most two decimals, no sign.
std::optional<fen> parse_money(std::string_view text);

/// Formats fen as yuan with two decimals: 5050 → "50.50".
std::string format_money(fen amount);

}  // namespace bot
