#pragma once
/// Field readers shared by the per-type decoders. They throw `malformed`, which decode_frame turns
/// into an error outcome, so each decoder reads like the table of fields it expects.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/onebot11/decode.hpp"

namespace adapters::onebot11::decoders {

using nlohmann::json;

/// A required field is missing or has the wrong JSON type.
struct malformed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A frame with the fields every event has already read.
struct frame {
    json const& j;
    bot::id self_id;
    bot::time_point time;

    /// An event from this frame's account and time.
    bot::event make(bot::event_payload payload) const { return {"qq", self_id, time, std::move(payload)}; }
};

/// A decoder for one event type.
using decoder = decoded (*)(frame const&);

/// A required ID (number or string, kept in its type).
bot::id need_id(json const& j, char const* key);
/// An optional ID: absent or null is empty; any other non-ID type is malformed.
bot::id opt_id(json const& j, char const* key);
/// An optional string: absent or null is empty; a number is written as digits.
std::string opt_string(json const& j, char const* key);
/// A required string.
std::string need_string(json const& j, char const* key);
/// An optional integer (a numeric string is accepted).
std::optional<std::int64_t> opt_int(json const& j, char const* key);

/// Unix seconds, or milliseconds when the value is past 10^12 (NapCat's Date.now() fallback).
bot::time_point unix_time(std::int64_t value);
/// The frame's `time`, required.
bot::time_point need_time(json const& j);

/// True when two IDs name the same account whatever their JSON types (10001 and "10001").
bool same_account(bot::id const& a, bot::id const& b);

/// group_id/user_id of a message sender, with nickname, card and role from `sender`.
bot::sender read_sender(json const& j);

}  // namespace adapters::onebot11::decoders
