#pragma once
/// v11 message segments (`{"type": ..., "data": {...}}`) to and from bot::message.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/message.hpp"
#include "bot/result.hpp"

namespace adapters::onebot11 {

/// One array-form segment as a bot::segment. Values may be strings or numbers. Types the core has
/// no segment for, and known types whose data does not fit, become seg::unknown with the raw JSON.
/// Fails only when the segment is not an object with a string `type`.
bot::result<bot::segment> decode_segment(nlohmann::json const& segment);

/// A whole `message` field: an array of segments, one segment object, or a CQ string.
bot::result<bot::message> decode_message(nlohmann::json const& message);

/// A rich-card segment (json, xml, share, miniapp, music) with what could be extracted from it.
bot::seg::card decode_card(nlohmann::json const& segment);

/// One bot::segment in array form with string values, or nullopt when it cannot be sent on v11.
std::optional<nlohmann::json> encode_segment(bot::segment const& segment);

/// A message as a segment array (the only form we send); unsendable segments are dropped, replies
/// come first. Written as text without a JSON tree: the bytes dump_frame writes for encode_message.
std::string write_message(bot::message const& message);

/// The same array as a JSON tree.
nlohmann::json encode_message(bot::message const& message);

}  // namespace adapters::onebot11
