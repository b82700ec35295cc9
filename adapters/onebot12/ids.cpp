#include "adapters/onebot12/ids.hpp"

namespace adapters::onebot12 {

std::optional<bot::id> id_from_json(nlohmann::json const& value) {
    if (value.is_string()) return bot::id(value.get<std::string>());
    if (value.is_number_integer()) return bot::id(value.dump());
    return std::nullopt;
}

nlohmann::json id_to_json(bot::id const& value) {
    return value.str();
}

}  // namespace adapters::onebot12
