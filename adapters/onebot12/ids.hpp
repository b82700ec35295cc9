#pragma once
/// IDs on the OneBot v12 wire: always strings, sent back as strings.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/id.hpp"

namespace adapters::onebot12 {

/// A JSON string becomes a string id verbatim. The spec types every ID as a string; an integer from
/// a lax implementation is kept as its decimal text, so the same account is one id whatever the
/// frame. Anything else is not an ID: nullopt.
std::optional<bot::id> id_from_json(nlohmann::json const& value);

/// The id as a JSON string ("wxid_abc", "123@chatroom"); an empty id is the empty string.
nlohmann::json id_to_json(bot::id const& value);

}  // namespace adapters::onebot12
