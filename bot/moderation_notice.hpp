#pragma once
/// A notice (plugin_context::notify) raised when a member used one of the bot's moderation commands
/// (/warn, /mute, /kick, /recall, and their undoing), after it took effect, so a plugin that keeps
/// account of moderation (a duty roster's figures) can count it. Automatic actions raise none.

#include <cstdint>
#include <string>

#include "bot/id.hpp"

namespace bot {

struct moderation_taken {
    std::string group_key;
    id actor;            ///< the member who ran the command
    id target;           ///< the member acted on; empty when the platform did not say (a recall)
    std::string action;  ///< "warn", "unwarn", "mute", "unmute", "kick", "recall", ...
    std::int64_t at = 0; ///< unix seconds
};

}  // namespace bot
