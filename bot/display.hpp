#pragma once
/// Member-written text made safe to print. Names, cards, nicknames, answers and reasons come from
/// members and reach other members' screens; whatever they hold, what the bot prints has no control
/// characters, no marks that reorder the text around it, no line breaks where a name is expected,
/// and a bounded length. Every plugin and the core print member text through these.

#include <cstddef>
#include <string>
#include <string_view>

namespace bot {

/// The longest name printed, in bytes (16 Chinese characters or 48 Latin letters), "…" after a cut.
inline constexpr std::size_t max_shown_name = 48;

/// Whether the bot removes `c` from what it prints: C0 and C1 controls other than line breaks and
/// tabs, DEL, the marks and overrides that reorder text (U+061C, U+200E/F, U+202A–U+202E,
/// U+2066–U+2069), the byte-order mark and the interlinear annotation marks.
bool unprintable(char32_t c);

/// `s` with every `unprintable` character removed, CR LF, lone CR and the Unicode line and
/// paragraph separators as "\n", and malformed UTF-8 as U+FFFD: always valid UTF-8. Lines stay;
/// what the outbox applies to everything it sends.
std::string printable(std::string_view s);

/// `printable(s)` on one line: line breaks and tabs become one space.
std::string one_line(std::string_view s);

/// A name to print where a name is expected ("欢迎 {name}", "@name"): on one line, runs of spaces
/// as one, trimmed, and cut to `limit` bytes on a character boundary with "…". Empty when nothing
/// printable is left; `sender::display_name()` then falls back to the ID.
std::string shown_name(std::string_view s, std::size_t limit = max_shown_name);

/// Member-written text of several lines (an answer, a reason), printable and cut to `limit` bytes.
std::string shown_text(std::string_view s, std::size_t limit);

/// Appends code point `c` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

}  // namespace bot
