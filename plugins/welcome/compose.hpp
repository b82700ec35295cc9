#pragma once
/// Building welcome messages from rendered templates: member names stay text, @-mentions are
/// real mention segments, and rules are listed with their reasons.

#include <string>
#include <string_view>
#include <vector>

#include "bot/message.hpp"

namespace plugins::welcome {

/// A member to @-mention.
struct mention {
    bot::id user;
    std::string name;
};


/// The placeholder value that marks where mention `i` goes in a template.
std::string mention_marker(std::size_t i);
/// The placeholder value for all mentions, separated by "、".
std::string mention_markers(std::size_t count);

/// Turns a rendered template into a message: each marker becomes an @-mention of `people[i]`,
/// everything else stays plain text (whatever characters it holds).
bot::message splice_mentions(std::string_view rendered, std::vector<mention> const& people);

/// One rule with the reason that explains it.
struct group_rule {
    std::string text;
    std::string reason;
};

/// Reads "规则｜原因" (or "规则|原因"); a rule without a reason is allowed.
group_rule parse_rule(std::string_view line);
std::string format_rule(group_rule const& r);  ///< back to "规则｜原因"
std::vector<group_rule> parse_rules(std::vector<std::string> const& lines);

/// What to do with a join request.
enum class request_decision { approve, reject, ask_admins };

/// Keywords first reject, then approve; no keyword (or mode "admins") leaves it to the admins.
request_decision decide_request(std::string_view mode, std::string_view comment, std::vector<std::string> const& approve,
                                std::vector<std::string> const& reject);

}  // namespace plugins::welcome
