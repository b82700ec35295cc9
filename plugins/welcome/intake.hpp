#pragma once
/// The intake profile (入群信息登记) as plain values: field specs, reading a filled-in template,
/// the directory search and the privacy rule.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plugins::welcome {

/// One profile field: a stable key ("role") and the labels members write ("职位", "岗位").
struct field_spec {
    std::string key;
    std::vector<std::string> labels;  ///< the first is shown; all are recognised
    std::string const& label() const { return labels.front(); }
};

/// Reads "role:职位/岗位"; nullopt when it is not of that form.
std::optional<field_spec> parse_field_spec(std::string_view text);
/// Reads the configured specs, skipping malformed ones (config validation already refused them).
std::vector<field_spec> parse_field_specs(std::vector<std::string> const& specs);
/// The spec whose key or one of whose labels is `word`, or nullptr.
field_spec const* find_field(std::vector<field_spec> const& specs, std::string_view word);

/// Field key → value.
using profile_values = std::map<std::string, std::string>;

/// Whether `text` may hold profile fields at all: every label ends in a colon or sits in 【】, so
/// ordinary chat without either skips parsing (the common case).
bool may_hold_profile(std::string_view text);

/// Reads "职位：产品经理 行业：教育 ..." (one per line, or several on one line; ":" or "：",
/// optional 【】 around labels). Fields left blank are not included.
profile_values parse_profile(std::string_view text, std::vector<field_spec> const& specs);

/// The empty template members copy and fill in: "职位：\n行业：\n...".
std::string blank_template(std::vector<field_spec> const& specs);

/// A stored profile of one member, as the directory sees it.
struct profile {
    std::string user;  ///< the member's ID as text
    std::string name;
    profile_values values;
};

/// Profiles with a field (or, for admins who may see it, the name) containing `keyword`,
/// best matches first (most matching fields), at most `limit`. Case-insensitive for ASCII.
std::vector<profile> search(std::vector<profile> const& all, std::string_view keyword,
                            std::vector<std::string> const& hidden_keys, std::size_t limit);

/// Whether private fields are hidden from this viewer: past the seed phase, except for admins.
bool hide_private(int member_count, int threshold, bool viewer_is_admin);

/// The longest field value shown, in bytes; longer values end in "…".
inline constexpr std::size_t max_shown_field = 120;

/// One line per field, in spec order ("职位：产品经理"); hidden keys become "（仅管理员可见）".
/// Values are member-written: each is shown on one line without controls (`bot::shown_name`).
std::string describe_profile(profile const& p, std::vector<field_spec> const& specs,
                             std::vector<std::string> const& hidden_keys);

/// Trims ASCII and full-width spaces at both ends.
std::string trim(std::string_view s);
/// Lower-cases ASCII letters and folds full-width ASCII to half-width.
std::string fold(std::string_view s);

}  // namespace plugins::welcome
