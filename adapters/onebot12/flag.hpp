#pragma once
/// The opaque flag of a request event: what answering it needs, kept as one string for the core.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace adapters::onebot12 {

/// A WeChat friend request is answered with its v3 and v4 tickets (wx.accept_friend {v3, v4});
/// the flag carries both as compact JSON, `{"v3":"…","v4":"…"}`. The core stores and returns it
/// verbatim and never looks inside.
std::string wx_friend_flag(std::string const& v3, std::string const& v4);

/// The params of a flag made by wx_friend_flag; nullopt when `flag` is not one.
std::optional<nlohmann::json> wx_friend_params(std::string const& flag);

}  // namespace adapters::onebot12
