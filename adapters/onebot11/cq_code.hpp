#pragma once
/// CQ code: the v11 string form of a message, `text[CQ:type,key=value,...]text`, with exact escaping.
/// It converts to and from the array form (`[{"type": ..., "data": {...}}]`); segments.hpp maps that
/// array to bot::message, so there is one mapping for both wire forms.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace adapters::onebot11 {

/// Escapes plain text: & [ ] (a comma is not escaped outside codes).
std::string cq_escape_text(std::string_view text);
/// Escapes a parameter value: & [ ] and ,.
std::string cq_escape_param(std::string_view value);
/// Undoes either escape: &#91; &#93; &#44; and &amp; in one left-to-right pass, which is the same as
/// decoding the first three before &amp; (so "&amp;#91;" becomes "&#91;", not "[").
std::string cq_unescape(std::string_view text);

/// Parses a CQ string into array form. Anything that is not a well-formed code (`[CQ:at,qq=1`
/// without its `]`, a stray `[` inside a code, a parameter without `=`) stays text, shown literally.
/// Adjacent text is merged into one text segment. All values come out as unescaped strings.
nlohmann::json cq_parse(std::string_view cq);

/// Serialises array-form segments (or one segment object) to a CQ string. Text is escaped, so text
/// a member wrote can never become a code. Non-string values are written as their JSON text.
std::string cq_serialise(nlohmann::json const& segments);

}  // namespace adapters::onebot11
