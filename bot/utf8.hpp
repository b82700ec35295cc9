#pragma once
/// UTF-8 text cut to a size without splitting a character.

#include <cstddef>
#include <string>
#include <string_view>

namespace bot {

/// The longest text argument a command takes, in bytes (about 2,700 Chinese characters, more
/// than QQ lets one message carry): what members write is stored, so it is bounded here whatever
/// a transport let through.
inline constexpr std::size_t max_text_argument = 8192;

/// `s` cut to at most `limit` bytes at a character boundary, with "…" after it when it was cut.
std::string shorten(std::string_view s, std::size_t limit);

}  // namespace bot
