#pragma once
/// JSON from a peer, parsed with bounds: nesting depth is limited before anything recurses over
/// it, and what a lenient reader can keep (lone UTF-16 surrogates, stray bytes that are not
/// UTF-8, raw control characters in strings) is repaired instead of losing the whole frame.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace adapters::net {

/// How deep a peer's JSON may nest. Real OneBot frames stay under ten levels; a limit far below
/// the stack's keeps every recursive reader and `json::dump` safe.
inline constexpr std::size_t max_json_depth = 64;

/// A parsed frame, or why it was refused.
struct json_frame {
    nlohmann::json value;
    std::string error;  ///< empty when `value` holds the frame
    bool repaired = false;  ///< lone surrogates or bad bytes were replaced by U+FFFD
    explicit operator bool() const { return error.empty(); }
};

/// Parses `text` with the bounds above; never throws.
json_frame parse_json(std::string_view text, std::size_t max_depth = max_json_depth);

/// Appends `value` as a JSON string, byte for byte what `dump_frame` writes for it: UTF-8 kept as
/// it is, quotes, backslashes and control characters escaped, bytes that are not UTF-8 replaced by
/// U+FFFD. For frames written without building a JSON tree.
void append_json_string(std::string& out, std::string_view value);

/// The deepest nesting of arrays and objects in `text` (strings skipped), counting no further
/// than `stop_after`.
std::size_t json_depth(std::string_view text, std::size_t stop_after = max_json_depth + 1);

}  // namespace adapters::net
