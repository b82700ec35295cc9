#pragma once
/// What the announce plugin's handlers share.

#include <memory>
#include <string>

#include "bot/plugin_context.hpp"
#include "plugins/announce/config.hpp"
#include "plugins/announce/repository.hpp"
#include "plugins/announce/schedule.hpp"

namespace plugins::announce {

/// The longest announcement, session title and place, in bytes.
inline constexpr std::size_t max_body = 1500;
inline constexpr std::size_t max_title = 120;
inline constexpr std::size_t max_place = 300;

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()) {}
    bot::plugin_context& ctx;
    repository repo;

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    bot::time_point now() { return ctx.clock().now(); }
    /// "2026-03-04 20:00 周三" in the group's zone.
    std::string when(bot::group_ref const& g, bot::time_point t);
    std::string when(bot::group_ref const& g, std::int64_t unix_seconds);
    /// A schedule in words, in the group's language ("每周一、三、五 20:00").
    std::string words(bot::group_ref const& g, schedule const& s);
};

bot::time_point from_unix(std::int64_t s);
std::int64_t to_unix(bot::time_point t);

/// Sets (or with nullopt removes) the job that sends announcement `id` next at `next`. Called inside
/// the transaction that changes the announcement: the scheduler stores jobs in the same database.
void plan(state& st, bot::group_ref const& g, std::int64_t id, std::optional<bot::time_point> next);
/// Sets the reminder job of a session (when its reminder time is still ahead).
void plan_reminder(state& st, bot::group_ref const& g, session_row const& s);
/// Plans the creation of a repeating session's next one, at its start.
void plan_repeat(state& st, bot::group_ref const& g, session_row const& s);
/// Ends a repeating session's series (it was cancelled).
void stop_repeat(state& st, std::int64_t id);

/// The schedule texts (words.cpp).
void register_texts(bot::plugin_context& ctx);
/// /announce and its commands (announcements.cpp); the send job (sending.cpp).
void register_announcements(std::shared_ptr<state> const& st);
void register_sending(std::shared_ptr<state> const& st);
/// Whether the bot may @all in the group: the platform tells the bot's own role there, and it is an
/// admin or the owner. Where the platform cannot tell, it may not.
bot::task<bool> may_mention_all(state& st, bot::group_ref const& g);
/// Whether an /announce add or edit asks for @all ("--all" before the schedule).
bool asks_for_all(std::string_view input);
/// Sessions: create, list, sign up (sessions.cpp); list, cancel, host, reminders (session_admin.cpp);
/// repeating sessions (repeat.cpp).
void register_sessions(std::shared_ptr<state> const& st);
void register_session_admin(std::shared_ptr<state> const& st);
void register_repeat(std::shared_ptr<state> const& st);
/// The console panel (panel.cpp).
void register_panel(std::shared_ptr<state> const& st);

}  // namespace plugins::announce
