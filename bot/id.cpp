#include "bot/id.hpp"

#include <charconv>
#include <limits>

namespace bot {

id id::from_unsigned(std::uint64_t v) {
    constexpr auto int_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (v <= int_max) return id(static_cast<std::int64_t>(v));
    id out;
    out.v_ = v;
    return out;
}

std::optional<std::int64_t> id::to_int() const {
    if (is_int()) return as_int();
    if (!is_string()) return std::nullopt;
    auto const& s = as_string();
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc{} || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
    return out;
}

std::string id::str() const {
    if (is_int()) return std::to_string(as_int());
    if (is_uint()) return std::to_string(as_uint());
    if (is_string()) return as_string();
    return {};
}

std::string id::encode() const {
    if (is_int()) return "i:" + std::to_string(as_int());
    if (is_uint()) return "u:" + std::to_string(as_uint());
    if (is_string()) return "s:" + as_string();
    return {};
}

id id::decode(std::string_view text) {
    if (text.empty()) return {};
    if (text.starts_with("i:")) {
        std::int64_t out = 0;
        auto body = text.substr(2);
        auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), out);
        if (ec == std::errc{} && ptr == body.data() + body.size()) return id(out);
    }
    if (text.starts_with("u:")) {
        std::uint64_t out = 0;
        auto body = text.substr(2);
        auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), out);
        if (ec == std::errc{} && ptr == body.data() + body.size()) return from_unsigned(out);
    }
    if (text.starts_with("s:")) return id(std::string(text.substr(2)));
    return id(std::string(text));
}

std::strong_ordering id::key_order(id const& other) const {
    if (v_.index() != other.v_.index()) return v_.index() <=> other.v_.index();
    if (is_int()) return as_int() <=> other.as_int();
    if (is_uint()) return as_uint() <=> other.as_uint();
    if (is_string()) return as_string().compare(other.as_string()) <=> 0;
    return std::strong_ordering::equal;
}

}  // namespace bot
