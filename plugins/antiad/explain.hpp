#pragma once
/// Showing member-written text to people: what a rule matched, in a warning, a report or /modlog,
/// with contact numbers masked, control and direction-changing characters removed, and cut short.

#include <cstddef>
#include <string>
#include <string_view>

namespace plugins::antiad {

/// Digit runs of five or more (ASCII or full-width) masked in the middle: a mainland mobile number
/// "13812345678" becomes "138****5678", "12345678" becomes "12****78", "123456" becomes "1****6".
std::string mask_numbers(std::string_view s);

/// On one line and printable (`bot::one_line`), masked and cut to at most `limit` bytes on a character boundary ("…" when cut).
std::string shown_text(std::string_view s, std::size_t limit = 60);

}  // namespace plugins::antiad
