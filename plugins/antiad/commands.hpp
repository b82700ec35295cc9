#pragma once
/// The admin commands of the anti-ad plugin.

#include <memory>

#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

/// /warn /unwarn /warns /mute /unmute /kick /approve /unapprove /antiad ... /modlog.
void register_commands(bot::plugin_context& ctx, std::shared_ptr<moderation> mod);

}  // namespace plugins::antiad
