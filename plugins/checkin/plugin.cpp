// Daily check-in: the glue between the chat and the check-in rules.
#include "bot/plugin_context.hpp"
#include "plugins/checkin/schema.hpp"

namespace plugins::checkin {

void register_plugin(bot::plugin_context& ctx) { ctx.migrations(schema()); }

}  // namespace plugins::checkin
