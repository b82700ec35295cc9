#include "adapters/onebot11/ids.hpp"

#include <charconv>
#include <cstdint>

namespace adapters::onebot11 {

std::optional<bot::id> id_from_json(nlohmann::json const& value) {
    if (value.is_number_integer()) {
        // Lagrange writes IDs as uint; one past int64 stays an unsigned number, so it goes back as one.
        if (value.is_number_unsigned()) return bot::id::from_unsigned(value.get<std::uint64_t>());
        return bot::id(value.get<std::int64_t>());
    }
    if (value.is_string()) return bot::id(value.get<std::string>());
    return std::nullopt;
}

std::optional<bot::id> id_from_param(nlohmann::json const& value) {
    auto v = id_from_json(value);
    if (!v) return v;
    return param_id(std::move(*v));
}

bot::id param_id(bot::id value) {
    if (!value.is_string()) return value;
    auto const& text = value.as_string();
    if (auto n = value.to_int(); n && std::to_string(*n) == text) return bot::id(*n);
    // Digits past INT64_MAX name the same user as the unsigned number in an event field.
    std::uint64_t u = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), u);
    if (ec == std::errc{} && ptr == text.data() + text.size() && std::to_string(u) == text)
        return bot::id::from_unsigned(u);
    return value;
}

nlohmann::json id_to_json(bot::id const& value) {
    if (value.is_int()) return value.as_int();
    // nlohmann keeps a uint64_t as number_unsigned, so it is written with every digit, unquoted.
    if (value.is_uint()) return value.as_uint();
    if (value.is_string()) return value.as_string();
    return nullptr;
}

std::string id_to_param(bot::id const& value) {
    return value.str();
}

}  // namespace adapters::onebot11
