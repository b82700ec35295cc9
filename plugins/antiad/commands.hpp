#pragma once
/// The admin commands of the anti-ad plugin.

#include <memory>

#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

/// /warn /unwarn /warns /mute /unmute /kick /approve /unapprove.
void register_member_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod);
/// /antiad [on|off|dry-run], /antiad allow|disallow, /antiad rule add|list|remove, /modlog.
void register_group_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod);

}  // namespace plugins::antiad
