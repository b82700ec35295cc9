#pragma once
/// Admin commands that change per-group settings: /plugin, /command, /set, /unset, /text, plus /whoami and /time.

namespace bot {

class plugin_context;

void register_settings_commands(plugin_context& ctx);
/// /role: the bot-level role 分管 granted for good, and who holds it now (bot/builtin_roles.cpp).
void register_role_commands(plugin_context& ctx);

}  // namespace bot
