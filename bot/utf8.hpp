#pragma once
/// Small text helpers every part shares: UTF-8 code points, text cut to a size without splitting a
/// character, ASCII case and trimming.

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

/// The code point at byte `i` of `s`, moving `i` past it. A malformed or cut-off sequence gives
/// U+FFFD and moves one byte, so every byte is visited and the loop always ends.
char32_t next_code_point(std::string_view s, std::size_t& i);
/// How many characters (code points) `s` has; a malformed byte counts as one.
std::size_t code_points(std::string_view s);

/// `s` with A–Z lowered; other bytes (UTF-8 included) unchanged.
std::string lower_ascii(std::string_view s);
/// Whether `a` and `b` are equal ignoring ASCII case.
bool iequals_ascii(std::string_view a, std::string_view b);
/// `s` without leading and trailing white space: space, tab, CR, LF and the ideographic space
/// U+3000 that Chinese input methods type.
std::string_view trim(std::string_view s);

}  // namespace bot
