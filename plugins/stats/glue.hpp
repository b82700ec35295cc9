#pragma once
/// What the statistics' handlers share: the context, the repository, today's counters in memory
/// (a message never writes to the database; a flush writes them in one transaction) and the open
/// questions.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "bot/attendance.hpp"
#include "bot/plugin_context.hpp"
#include "plugins/stats/config.hpp"
#include "plugins/stats/repository.hpp"
#include "plugins/stats/rules.hpp"
#include "plugins/stats/tally.hpp"

namespace plugins::stats {

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()) {}
    bot::plugin_context& ctx;
    repository repo;
    tally counts;
    question_book questions;
    std::optional<std::uint64_t> flush_timer;  ///< armed while counts wait for their flush
    std::uint64_t flushes = 0;                 ///< transactions written, for the metrics and tests
    bool flush_failing = false;  ///< the last flush failed: the timer retries, not every message

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    bot::civil_date today(bot::group_ref const& g) { return ctx.group_day(g, ctx.clock().now()); }
    /// The check-in records, when a plugin provides them and check-ins are on in the group.
    std::shared_ptr<bot::attendance> attendance(std::string const& group_key);
};

void register_texts(bot::plugin_context& ctx);
void register_counting(std::shared_ptr<state> const& st);
void register_commands(std::shared_ptr<state> const& st);
void register_report(std::shared_ptr<state> const& st);
void register_panel(std::shared_ptr<state> const& st);

/// Writes what is counted in memory, in one transaction; nothing when nothing is waiting.
void flush(state& st);

/// Everything stored about a group from `from` to `to`, written counts included (flushes first).
group_data load(state& st, bot::group_ref const& g, bot::civil_date from, bot::civil_date to);
/// The plain figures of each day from `from` to `to`: the rows /stats, the report and the panel read.
std::vector<day_row> daily(state& st, bot::group_ref const& g, bot::civil_date from, bot::civil_date to);

/// The group's member count and cap as the platform tells them now.
struct group_size {
    std::optional<int> size;  ///< nullopt: the platform lists no members
    member_cap cap;
    bool sees_all = true;  ///< the bot sees every message (silence means something)
};
bot::task<group_size> size_of(state& st, bot::group_ref const& g);

/// The figures of a period with their trend, as the lines /stats and the weekly report send.
std::string period_report(state& st, bot::group_ref const& g, period p, group_size const& size);

}  // namespace plugins::stats
