#include "adapters/onebot12/flag.hpp"

#include "adapters/net/json_frame.hpp"

namespace adapters::onebot12 {

using nlohmann::json;

std::string wx_friend_flag(std::string const& v3, std::string const& v4) {
    return json{{"v3", v3}, {"v4", v4}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<json> wx_friend_params(std::string const& flag) {
    auto j = net::parse_json(flag).value;
    if (!j.is_object() || j.size() != 2) return std::nullopt;
    auto v3 = j.find("v3");
    auto v4 = j.find("v4");
    if (v3 == j.end() || v4 == j.end() || !v3->is_string() || !v4->is_string()) return std::nullopt;
    return j;
}

}  // namespace adapters::onebot12
