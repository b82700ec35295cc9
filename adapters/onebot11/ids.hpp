#pragma once
/// IDs on the OneBot v11 wire: JSON numbers or strings, sent back in the type they came in.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/id.hpp"

namespace adapters::onebot11 {

/// A JSON number becomes an int64 id (negative and beyond int32 included), or an unsigned one past
/// INT64_MAX; a string stays a string verbatim. Floats, booleans, null, objects and arrays are not
/// IDs: nullopt.
std::optional<bot::id> id_from_json(nlohmann::json const& value);

/// A segment parameter as an id: numbers and strings of decimal digits become numbers (segment values
/// are strings by spec, but they name the same users and messages as the numeric event fields).
std::optional<bot::id> id_from_param(nlohmann::json const& value);

/// The rule of id_from_param for an id already read: a string of decimal digits becomes the number
/// it spells (unsigned past INT64_MAX); any other id is returned as it is.
bot::id param_id(bot::id value);

/// The id in its original JSON type (an unsigned number stays unsigned); an empty id is null.
nlohmann::json id_to_json(bot::id const& value);

/// The id as a segment parameter, which the spec types as a string: "-2147480100", "u_abc".
std::string id_to_param(bot::id const& value);

}  // namespace adapters::onebot11
