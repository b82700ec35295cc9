#include "bot/display.hpp"

#include "bot/utf8.hpp"

namespace bot {

bool unprintable(char32_t c) {
    if (c == U'\n' || c == U'\t') return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
           (c >= 0xFFF9 && c <= 0xFFFB);
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

namespace {

/// Walks `s` once: line breaks (CR LF counts as one) go to `on_break`, printable characters to
/// `out`, the rest is dropped.
template <typename OnBreak>
std::string filtered(std::string_view s, OnBreak on_break) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto c = next_code_point(s, i);
        if (c == U'\r') {
            if (i < s.size() && s[i] == '\n') ++i;
            c = U'\n';
        }
        if (c == 0x2028 || c == 0x2029) c = U'\n';
        if (c == U'\n' || c == U'\t') {
            on_break(out, c);
            continue;
        }
        if (unprintable(c)) continue;
        append_utf8(out, c);
    }
    return out;
}

}  // namespace

std::string printable(std::string_view s) {
    return filtered(s, [](std::string& out, char32_t c) { out += static_cast<char>(c); });
}

std::string one_line(std::string_view s) {
    return filtered(s, [](std::string& out, char32_t) {
        if (!out.empty() && out.back() != ' ') out += ' ';
    });
}

std::string shown_name(std::string_view s, std::size_t limit) {
    auto line = one_line(s);
    std::string out;
    out.reserve(line.size());
    for (char c : line)
        if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    return shorten(trim(out), limit);
}

std::string shown_text(std::string_view s, std::size_t limit) {
    return shorten(trim(printable(s)), limit);
}

}  // namespace bot
