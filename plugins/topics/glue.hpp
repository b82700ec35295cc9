#pragma once
/// What the topic bank's handlers share: the context, the repository, and each group's quiet clock
/// (in memory only: a member's message never writes to the database).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bot/plugin_context.hpp"
#include "plugins/topics/config.hpp"
#include "plugins/topics/repository.hpp"
#include "plugins/topics/rules.hpp"

namespace plugins::topics {

/// A group's quiet clock: its last member message since start, and whether its bank has topics
/// (unknown until asked, so a chatty group without topics arms nothing).
struct watch {
    std::optional<bot::time_point> last_member;
    std::optional<bool> has_bank;
    std::uint64_t armed_generation = 0;  ///< the settings generation the post check was armed under
};

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()), started(c.clock().now()) {}
    bot::plugin_context& ctx;
    repository repo;
    /// When this process started: a group not heard from since counts as active then, so a
    /// restart never posts at once.
    bot::time_point started;
    std::map<std::string, watch> watches;
    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    /// Whether /plugin off switched the plugin off in the group (the core keeps the switches).
    bool is_off(std::string const& gk) { return !ctx.bot().plugin_enabled(ctx.name(), gk); }
    std::int64_t unix(bot::time_point t) const {
        return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    }
};

/// What a post decision produced: the text to send, when a topic was taken.
struct taken {
    int number = 0;
    std::string text;
};

void register_texts(bot::plugin_context& ctx);
void register_commands(std::shared_ptr<state> const& st);
void register_poster(std::shared_ptr<state> const& st);
void register_panel(std::shared_ptr<state> const& st);

/// A member spoke in the group now: the quiet clock restarts.
void heard(state& st, bot::group_ref const& g, bot::time_point now);
/// Arms the group's post check when it has none and the bot may post there on its own.
void wake(state& st, bot::group_ref const& g);
/// The bank of the group changed: topics were added (true) or may be gone (false).
void bank_changed(state& st, bot::group_ref const& g, bool added);
/// Takes the next topic and records its post, in one transaction; nothing for an empty bank.
std::optional<taken> take_topic(state& st, bot::group_ref const& g, bot::time_point now, std::string const& how,
                                std::string const& by);
/// The group's automatic-post plan as of `now`.
post_plan plan_of(state& st, bot::group_ref const& g, bot::time_point now);

}  // namespace plugins::topics
