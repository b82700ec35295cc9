#include "adapters/net/json_frame.hpp"

#include <algorithm>
#include <optional>

namespace adapters::net {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

std::optional<unsigned> hex4(std::string_view s) {
    if (s.size() < 4) return std::nullopt;
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return std::nullopt;
    }
    return v;
}

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0.
std::size_t utf8_length(std::string_view s) {
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    auto c = b(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

struct scan_result {
    bool too_deep = false;
    bool needs_repair = false;
    std::size_t depth = 0;
};

// One pass over the text. With `out`, writes the repaired text; without, only finds whether a
// repair is needed, so well-formed frames (nearly all) are never copied.
scan_result scan(std::string_view text, std::size_t max_depth, std::string* out) {
    scan_result r;
    std::size_t depth = 0;
    bool in_string = false;
    auto emit = [&](std::string_view s) {
        if (out) out->append(s);
    };
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (!in_string) {
            if (c == '{' || c == '[') {
                if (++depth > r.depth) r.depth = depth;
                if (depth > max_depth) {
                    r.too_deep = true;
                    return r;
                }
            } else if ((c == '}' || c == ']') && depth > 0) {
                --depth;
            } else if (c == '"') {
                in_string = true;
            }
            emit(text.substr(i, 1));
            ++i;
            continue;
        }
        if (c == '"') {
            in_string = false;
            emit(text.substr(i, 1));
            ++i;
        } else if (c == '\\') {
            if (i + 1 < text.size() && text[i + 1] == 'u') {
                auto unit = hex4(text.substr(i + 2));
                if (unit && *unit >= 0xD800 && *unit <= 0xDBFF) {
                    auto next = text.substr(i + 6);
                    auto low = next.starts_with("\\u") ? hex4(next.substr(2)) : std::nullopt;
                    if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                        emit(text.substr(i, 12));
                        i += 12;
                        continue;
                    }
                    r.needs_repair = true;
                    emit("\\ufffd");
                    i += 6;
                    continue;
                }
                if (unit && *unit >= 0xDC00 && *unit <= 0xDFFF) {
                    r.needs_repair = true;
                    emit("\\ufffd");
                    i += 6;
                    continue;
                }
            }
            // Any other escape is two characters here; a malformed one fails the parse later.
            auto n = std::min<std::size_t>(2, text.size() - i);
            emit(text.substr(i, n));
            i += n;
        } else if (c < 0x20) {
            r.needs_repair = true;
            if (out) {
                static constexpr char digits[] = "0123456789abcdef";
                char escaped[] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 15]};
                out->append(escaped, sizeof escaped);
            }
            ++i;
        } else if (c >= 0x80) {
            auto n = utf8_length(text.substr(i));
            if (n == 0) {
                r.needs_repair = true;
                emit(replacement);
                ++i;
            } else {
                emit(text.substr(i, n));
                i += n;
            }
        } else {
            emit(text.substr(i, 1));
            ++i;
        }
    }
    return r;
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
    for (std::size_t i = 0; i < value.size();) {
        auto c = static_cast<unsigned char>(value[i]);
        auto n = c < 0x80 ? 1 : utf8_length(value.substr(i));
        if (n == 0) {  // rare: the library's own replacement, so the bytes stay those of dump_frame
            out += nlohmann::json(std::string(value)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return;
        }
        i += n;
    }
    out += '"';
    for (auto ch : value) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    static constexpr char digits[] = "0123456789abcdef";
                    char escaped[] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 15]};
                    out.append(escaped, sizeof escaped);
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

std::size_t json_depth(std::string_view text, std::size_t stop_after) {
    auto r = scan(text, stop_after, nullptr);
    return r.too_deep ? stop_after : r.depth;
}

json_frame parse_json(std::string_view text, std::size_t max_depth) {
    json_frame out;
    auto checked = scan(text, max_depth, nullptr);
    if (checked.too_deep) {
        out.error = "nested deeper than " + std::to_string(max_depth) + " levels";
        return out;
    }
    std::string repaired;
    if (checked.needs_repair) {
        repaired.reserve(text.size() + 16);
        scan(text, max_depth, &repaired);
        text = repaired;
        out.repaired = true;
    }
    out.value = nlohmann::json::parse(text, nullptr, false);
    if (out.value.is_discarded()) {
        out.value = nullptr;
        out.error = "not valid JSON";
    }
    return out;
}

}  // namespace adapters::net
