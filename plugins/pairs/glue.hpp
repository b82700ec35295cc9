#pragma once
/// What the pairs plugin's handlers share: its context, repository, the check-in records, and the
/// cycle operations every command and job goes through.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/attendance.hpp"
#include "bot/plugin_context.hpp"
#include "plugins/pairs/config.hpp"
#include "plugins/pairs/grouping.hpp"
#include "plugins/pairs/repository.hpp"

namespace plugins::pairs {

/// A member the next grouping places.
struct participant {
    bot::id user;
    std::string name;
};

/// One group of a cycle as members see it: who, how today went, and its streak.
struct team_view {
    int team = 0;
    std::vector<placed> members;
    std::vector<bot::day_mark> today;  ///< per member, in order
    streak run;
};

/// What opening a cycle did.
struct formed {
    bool ok = false;
    int pool = 0;  ///< how many members took part
    cycle_row cycle;
    std::vector<placed> members;
    int repeats = 0;  ///< pairs together again (there was no way around it)
};

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()), records(c.require<bot::attendance>("checkin")) {}
    bot::plugin_context& ctx;
    repository repo;
    bot::service_ref<bot::attendance> records;  ///< the check-in records: who is done, on leave, missed

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    std::int64_t now() { return ctx.clock().now().time_since_epoch().count(); }
    bot::civil_date today(bot::group_ref const& g) { return ctx.group_day(g, ctx.clock().now()); }
};

using state_ptr = std::shared_ptr<state>;

// ---- cycles.cpp: forming, ending and mending cycles --------------------------------------------
/// The members the next grouping places: those who joined (enrol = "join"), or the check-in roster
/// without those who left the pairs (enrol = "roster").
std::vector<participant> pool(state& st, bot::group_ref const& g);
/// Forms groups and records a cycle from `start`, ending `previous` the day before in the same
/// transaction; schedules its end. Nothing changes when fewer than 2 take part or `previous` was
/// no longer running.
formed open_cycle(state& st, bot::group_ref const& g, int size, int days, bot::civil_date start,
                  std::optional<cycle_row> const& previous);
/// Ends the running cycle with `last` as its last day; false when none was running.
bool close_cycle(state& st, bot::group_ref const& g, cycle_row const& c, bot::civil_date last);
/// The cycle's groups with today's marks and streaks; only the group of `only` when it is set.
std::vector<team_view> teams_of(state& st, bot::group_ref const& g, cycle_row const& c,
                                std::optional<bot::id> const& only = std::nullopt);
/// The announcement of a new cycle's groups (text `key`: "announce", or "list" for /pairs list).
std::string announce(state& st, bot::group_ref const& g, formed const& f, std::string const& key = "announce");
/// Takes a member out of the running cycle; a group left with one member is merged into the
/// smallest other one, and a cycle left with one member ends. Returns what to tell the group
/// (empty when nothing changed for the others).
std::string drop_member(state& st, bot::group_ref const& g, bot::id const& user);
/// "alice、bob"
std::string names_of(std::vector<placed> const& members);

void register_cycle_end(state_ptr const& st);
/// The member and admin commands.
void register_commands(state_ptr const& st);
/// The nudge to partners after a group day a member missed.
void register_nudges(state_ptr const& st);
/// Profile fields from the welcome plugin's intake profiles (bot::profile_saved).
void register_profile_feed(state_ptr const& st);
/// The console panel ("checkins"): the cycle's groups and streaks.
void register_panel(state_ptr const& st);

}  // namespace plugins::pairs
