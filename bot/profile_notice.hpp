#pragma once
/// A notice (plugin_context::notify) the plugin that keeps members' intake profiles (welcome)
/// raises inside the transaction that saves fields of one, so a listener (birthday) can take a
/// field it understands in that same transaction. The raiser does not know who listens.

#include <string>
#include <utility>
#include <vector>

#include "bot/id.hpp"

namespace bot {

struct profile_saved {
    std::string group_key;  ///< the group the profile was told in; empty in a private chat
    id user;
    std::string name;  ///< the member's name as the chat showed it (member-written: print with shown_name)
    /// The fields saved, as (label, value): the label members see ("生日"), not the config key. An
    /// empty value means the field was cleared.
    std::vector<std::pair<std::string, std::string>> fields;
};

}  // namespace bot
