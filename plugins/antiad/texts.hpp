#pragma once
/// The plugin's message templates.

#include "bot/plugin_context.hpp"

namespace plugins::antiad {

/// Declares every "antiad.*" text with its zh-CN default.
void define_texts(bot::plugin_context& ctx);

}  // namespace plugins::antiad
