#pragma once
/// v12 message segments (`{"type": ..., "data": {...}}`) to and from bot::message.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/onebot12/profile.hpp"
#include "bot/message.hpp"
#include "bot/result.hpp"

namespace adapters::onebot12 {

/// One segment as a bot::segment. Types the core has no segment for (voice, audio, video,
/// extensions we do not know), and known types whose data does not fit, become seg::unknown with
/// the raw JSON. Fails only when the segment is not an object with a string `type`.
bot::result<bot::segment> decode_segment(nlohmann::json const& segment);

/// An event's `message`: a segment array (one segment object or a plain string are accepted too).
bot::result<bot::message> decode_message(nlohmann::json const& message);

/// A media file a message refers to by URL only; v12 sends media by file_id, so it is uploaded
/// first (upload_file, type "url").
struct upload {
    std::string url;
    std::string name;
    friend bool operator==(upload const&, upload const&) = default;
};

/// The images and files in `msg` that have a URL but no file_id yet, each URL once.
std::vector<upload> uploads_needed(bot::message const& msg);

/// URL → file_id, from upload_file responses.
using uploaded_files = std::map<std::string, std::string>;

/// One bot::segment as a v12 segment for this implementation, or nullopt when it cannot be sent.
std::optional<nlohmann::json> encode_segment(bot::segment const& segment, profile const& impl,
                                             uploaded_files const& uploaded = {});

/// A message as a segment array (replies first); unsendable segments are dropped and logged at debug.
nlohmann::json encode_message(bot::message const& message, profile const& impl, uploaded_files const& uploaded = {});

}  // namespace adapters::onebot12
