#pragma once
/// Field readers shared by the per-type decoders. They throw `malformed`, which decode_frame turns
/// into an error outcome, so each decoder reads like the table of fields it expects.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/onebot12/decode.hpp"

namespace adapters::onebot12::decoders {

using nlohmann::json;

/// A required field is missing or has the wrong JSON type.
struct malformed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A frame with the envelope fields already read.
struct frame {
    json const& j;
    self_ref self;  ///< empty for meta events
    bot::time_point time;

    /// An event from this frame's account and time.
    bot::event make(bot::event_payload payload) const { return {self.platform, self.user, time, std::move(payload)}; }
};

/// A decoder for one event type.
using decoder = decoded (*)(frame const&);

/// A required ID: a non-empty string (an integer is accepted as its digits).
bot::id need_id(json const& j, char const* key);
/// An optional ID: absent, null or "" is empty (ComWeChat sends operator_id ""); other non-IDs are malformed.
bot::id opt_id(json const& j, char const* key);
/// An optional string: absent or null is empty; a number is written as digits.
std::string opt_string(json const& j, char const* key);
/// An optional integer.
std::optional<std::int64_t> opt_int(json const& j, char const* key);

/// The envelope's `time`: float seconds by the spec; integers, and milliseconds past 10^12, are
/// accepted too. Fractions are dropped (events carry whole seconds).
bot::time_point need_time(json const& j);
/// The `self` object of a non-meta event, required.
self_ref need_self(json const& j);

/// True when `user` is the account in `self`.
bool is_self(self_ref const& self, bot::id const& user);

}  // namespace adapters::onebot12::decoders
