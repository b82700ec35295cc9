#pragma once
/// What the red-packet plugin's handlers share.

#include <memory>

#include "bot/plugin_context.hpp"
#include "bot/attendance.hpp"
#include "plugins/redpacket/config.hpp"
#include "plugins/redpacket/repository.hpp"

namespace plugins::redpacket {

struct state {
    explicit state(bot::plugin_context& c)
        : ctx(c), repo(c.db()), records(c.require<bot::attendance>("checkin")) {}
    bot::plugin_context& ctx;
    repository repo;
    bot::service_ref<bot::attendance> records;  ///< the check-in records: who missed which day

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    std::int64_t now() { return ctx.clock().now().time_since_epoch().count(); }
};

void register_owed(std::shared_ptr<state> const& st);
void register_lurkers(std::shared_ptr<state> const& st);
/// The console panel: owed red packets and the group fund.
void register_panel(std::shared_ptr<state> const& st);

}  // namespace plugins::redpacket
