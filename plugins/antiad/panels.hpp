#pragma once
/// The anti-ad plugin's panels in the admin console (section "moderation").

#include <memory>

#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

/// The moderation log with its undo buttons, and the group's lists with their remove buttons.
void register_panels(bot::plugin_context& ctx, std::shared_ptr<moderation> mod);

}  // namespace plugins::antiad
