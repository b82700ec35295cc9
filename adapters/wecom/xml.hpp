#pragma once
/// WeCom's flat callback XML: reading the fields of one <xml> element, building encrypted replies.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adapters::wecom {

/// Largest XML document parse_xml reads.
inline constexpr std::size_t max_xml_size = 1024 * 1024;

/// A WeCom XML document: <xml><Name>text or CDATA</Name>...<List><Item>a</Item><Item>b</Item></List></xml>.
struct xml_fields {
    std::map<std::string, std::string> fields;              ///< each direct child's text (the first of a name)
    std::map<std::string, std::vector<std::string>> lists;  ///< children that hold <Item> children
    /// The field's text, or nullptr.
    std::string const* get(std::string_view name) const;
};

/// nullopt with `error` for anything that is not one <xml> root element of at most 1 MiB, and for
/// any DOCTYPE (entities other than the five predefined ones and character references are never
/// expanded). Nested elements other than Item lists are kept as their text.
std::optional<xml_fields> parse_xml(std::string_view text, std::string* error = nullptr);

/// Builds <xml><Name><![CDATA[value]]></Name>...</xml> replies; a "]]>" in a value is split across
/// two CDATA sections. Names are ours and written as they are.
std::string build_xml(std::vector<std::pair<std::string, std::string>> const& fields);

}  // namespace adapters::wecom
