#pragma once
/// The duty plugin's state, shared by its commands, jobs, counting and panel.

#include <memory>
#include <string>
#include <unordered_map>

#include "bot/plugin_context.hpp"
#include "plugins/duty/config.hpp"
#include "plugins/duty/kpi.hpp"
#include "plugins/duty/repository.hpp"
#include "plugins/duty/rotation.hpp"

namespace plugins::duty {

struct state : std::enable_shared_from_this<state> {
    explicit state(bot::plugin_context& c);

    bot::plugin_context& ctx;
    repository repo;
    tally counts;
    question_book questions;
    std::uint64_t flush_timer = 0;

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    clock_face face(bot::group_ref const& g);
    /// The group's roster, from memory; read from the database once, and again after a write.
    roster const& roster_of(std::string const& group_key);
    /// Stores a changed roster in one transaction and keeps it as the cached one.
    void store(std::string const& group_key, roster const& r);
    /// The shift containing `t` in the group.
    shift shift_at(bot::group_ref const& g, bot::time_point t);
    /// Writes what the KPI counted in memory, in one transaction; on failure it stays pending.
    void flush();
    /// Starts the timer that writes the counts after flush_every, unless it runs already.
    void arm_flush();
    /// Stored figures of the shifts that began on the dates [from, to], with what is pending.
    std::map<std::string, shift_figures> figures(std::string const& group_key, bot::civil_date from, bot::civil_date to);
    /// How a member is shown: the name stored on the roster, else their ID.
    std::string name_of(std::string const& group_key, bot::id const& who);
    /// "03-02 09:00" in the group's zone.
    std::string local(bot::group_ref const& g, bot::time_point t);

private:
    std::unordered_map<std::string, roster> cache_;
};

/// The first date (a Monday) of the KPI week that contains the duty date `day`.
inline bot::civil_date week_of(bot::civil_date day) { return day.plus_days(1 - day.weekday()); }

void define_texts(bot::plugin_context& ctx);
void register_commands(std::shared_ptr<state> const& st);
void register_counting(std::shared_ptr<state> const& st);
void register_jobs(std::shared_ptr<state> const& st);
void register_panel(std::shared_ptr<state> const& st);
/// The KPI of the week beginning on `monday` (a Monday) as one text: one line per shift, then totals.
std::string week_report(state& st, bot::group_ref const& g, bot::civil_date monday, std::string const& head_key);

}  // namespace plugins::duty
