#pragma once
/// Admin commands that change per-group settings: /plugin, /command, /set, /unset, /text, plus /whoami and /time.

namespace bot {

class plugin_context;

void register_settings_commands(plugin_context& ctx);

}  // namespace bot
