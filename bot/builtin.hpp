#pragma once
/// The core's own commands: help, plugin and command switches, per-group settings and texts.

namespace bot {

class plugin_context;

/// Registers the built-in commands and the core's message templates under the plugin name "core".
void register_builtin(plugin_context& ctx);

}  // namespace bot
