#include "adapters/onebot11/ids.hpp"

#include <cstdint>
#include <limits>

namespace adapters::onebot11 {

std::optional<bot::id> id_from_json(nlohmann::json const& value) {
    if (value.is_number_integer()) {
        if (value.is_number_unsigned()) {
            auto u = value.get<std::uint64_t>();
            // Lagrange writes IDs as uint; one past int64 cannot be a number here, so keep every digit.
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return bot::id(std::to_string(u));
            return bot::id(static_cast<std::int64_t>(u));
        }
        return bot::id(value.get<std::int64_t>());
    }
    if (value.is_string()) return bot::id(value.get<std::string>());
    return std::nullopt;
}

std::optional<bot::id> id_from_param(nlohmann::json const& value) {
    auto v = id_from_json(value);
    if (!v || !v->is_string()) return v;
    if (auto n = v->to_int(); n && std::to_string(*n) == v->as_string()) return bot::id(*n);
    return v;
}

nlohmann::json id_to_json(bot::id const& value) {
    if (value.is_int()) return value.as_int();
    if (value.is_string()) return value.as_string();
    return nullptr;
}

std::string id_to_param(bot::id const& value) {
    return value.str();
}

}  // namespace adapters::onebot11
