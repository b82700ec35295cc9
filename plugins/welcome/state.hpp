#pragma once
/// What the welcome plugin's handlers share: the context, the repository, and helpers that talk
/// to the platform (names, member counts, admin notices). Glue only; the rules live elsewhere.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bot/plugin_context.hpp"
#include "plugins/welcome/compose.hpp"
#include "plugins/welcome/config.hpp"
#include "plugins/welcome/repository.hpp"

namespace plugins::welcome {

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()) {}

    bot::plugin_context& ctx;
    repository repo;
    /// Guided introductions running now ("platform|user"); after a restart the stored ones resume.
    std::set<std::string> live_guides;
    /// Member counts from the platform by group key, with when they were read: listing a big
    /// group is costly, so a count is reused for a while and dropped when someone joins or leaves.
    std::map<std::string, std::pair<int, bot::time_point>> counts;

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    config const& base() { return ctx.config<config>(); }
    std::string text(std::optional<bot::group_ref> const& g, std::string const& key, bot::text_args const& args = {}) {
        return ctx.render(g, key, args);
    }
    std::int64_t now() const { return ctx.clock().now().time_since_epoch().count(); }
    /// How the welcome names the group: its configured name, else 本群.
    std::string group_label(bot::group_ref const& g);
};

using state_ptr = std::shared_ptr<state>;

/// The member's group card, else the nickname the event carried, else the platform's nickname, made safe.
bot::task<std::string> member_name(state_ptr st, bot::group_ref g, bot::id user, std::string fallback);
/// Members in the group as the platform counts them; nullopt where it cannot list members.
bot::task<std::optional<int>> member_count(state_ptr st, bot::group_ref g);
/// Tells the admins: in the admin group when one is set, else in the group with their @-mentions.
bot::task<> notify_admins(state_ptr st, bot::group_ref g, std::string text);
/// Whether the bot sees every message in the group (or cannot tell, being offline). Where it sees only
/// those that @ it, or none, a newcomer's answer or introduction may pass unseen: nothing is
/// concluded from not seeing one.
bool sees_all(state& st, bot::group_ref const& g);
/// Sends a message to a group; failures are logged.
bot::task<bool> send_to(state_ptr st, bot::group_ref g, bot::message m);

/// The group's rules: its own (set with /rules) or the bot.toml defaults.
std::vector<group_rule> group_rules(state& st, bot::group_ref const& g);
/// The full welcome for these newcomers: greeting with mentions, rules, template, ice-breaker.
bot::message welcome_message(state& st, bot::group_ref const& g, std::vector<mention> const& people,
                             std::optional<int> count);
/// Schedules the intake reminder for newcomers welcomed now.
void schedule_reminder(state& st, bot::group_ref const& g, std::vector<std::string> const& users);
/// "platform|user", the key of a member across groups.
std::string person_key(std::string const& platform, bot::id const& user);

void register_welcome(state_ptr st);
void register_verification(state_ptr st);
void register_intake(state_ptr st);
void register_requests(state_ptr st);
void register_rules(state_ptr st);
/// The console panels: directory, verifications, join requests, rules and history ("members"),
/// joins and leaves per day ("health").
void register_panels(state_ptr st);

/// Starts the verification of a newcomer (from the join listener); false when verify is off.
bot::task<bool> start_verification(state_ptr st, bot::group_ref g, bot::id user, std::string name);
/// Drops a member's pending verification (they left).
void forget_verification(state& st, bot::group_ref const& g, bot::id const& user);
/// The question line for a pending newcomer in the merged message.
std::string verification_line(state& st, bot::group_ref const& g, pending_check const& p, std::size_t mention_index);

}  // namespace plugins::welcome
