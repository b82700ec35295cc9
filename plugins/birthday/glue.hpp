#pragma once
/// What the birthday plugin's handlers share: its context and repository.

#include <memory>
#include <string>

#include "bot/plugin_context.hpp"
#include "plugins/birthday/birthday.hpp"
#include "plugins/birthday/config.hpp"
#include "plugins/birthday/repository.hpp"

namespace plugins::birthday {

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()) {}
    bot::plugin_context& ctx;
    repository repo;

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    /// The group's calendar date at `t` (its zone, not shifted by the day-close hour): birthdays
    /// follow the calendar, not the check-in day.
    bot::civil_date date_at(bot::group_ref const& g, bot::time_point t) { return ctx.group_tz(g).to_local(t).date; }
    bot::civil_date today(bot::group_ref const& g) { return date_at(g, ctx.clock().now()); }
};

using state_ptr = std::shared_ptr<state>;

/// The member commands (/birthday, remove, quiet, public) and the admins' (month, forget).
void register_commands(state_ptr const& st);
/// The morning greeting, once per group and day.
void register_greeting(state_ptr const& st);
/// The console panel ("members"): birthdays this month and next.
void register_panel(state_ptr const& st);
/// Birthdays from the welcome plugin's intake profiles (bot::profile_saved).
void register_profile_feed(state_ptr const& st);

}  // namespace plugins::birthday
