#pragma once
/// What the group-admin commands and the night jobs share: the plugin's state and the checks that
/// make each command refuse cleanly where the platform or the bot's own role cannot do it.

#include <memory>
#include <optional>
#include <string>

#include "bot/plugin_context.hpp"
#include "plugins/groupadmin/config.hpp"
#include "plugins/groupadmin/groupadmin.hpp"
#include "plugins/groupadmin/repository.hpp"

namespace plugins::groupadmin {

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()) {
        // The activity counts are bookkeeping no reply waits for: written in the core's batches.
        repo.batch_through([&c] { c.batch_changed(); }, [&c] { c.flush_batch(); });
        c.batched([this] { repo.write_counts(); }, [this] { repo.counts_written(); });
    }
    bot::plugin_context& ctx;
    repository repo;
};

/// Which capability a command needs, and what it is called in messages ("全员禁言").
struct need {
    bool bot::capabilities::*capability;
    std::string what;
    bot::role bot_role = bot::role::admin;  ///< the role the bot must hold in the group
};

/// The answer that refuses the command, or nullopt when the account can try: it is connected, the
/// platform has the capability, and the bot's role (where the platform tells it) is high enough.
/// Pass a named `need`: GCC 12 destroys a braced temporary in a co_await expression twice.
bot::task<std::optional<std::string>> refusal(state& st, bot::session& s, need const& n);

/// "撤回失败：…" for a platform error, in Chinese, with what usually causes it.
std::string failure(state& st, bot::group_ref const& g, std::string const& what, bot::error const& e,
                    std::string const& hint_key = "hint_admin");

/// The message a command replies to, when it was sent as a reply.
std::optional<bot::id> quoted(bot::session const& s);

/// A member's name as the group shows it, from the platform where it can tell.
bot::task<std::string> name_of(bot::session& s, bot::id const& user);

void declare_texts(bot::plugin_context& ctx);
/// /全员禁言, /解除全员禁言, /宵禁 and the night jobs.
void register_night(std::shared_ptr<state> const& st);
/// /recall (/撤回), /精华 (/essence).
void register_message_commands(std::shared_ptr<state> const& st);
/// /card (/名片), /title (/头衔), /mutes (/禁言列表).
void register_member_commands(std::shared_ptr<state> const& st);
/// The days a group's activity record keeps (the console shows the last 30).
inline constexpr long activity_days_kept = 120;
/// Counts every group message into the daily activity record.
void register_activity(std::shared_ptr<state> const& st);
/// The console panels: the bot's mutes and the night mode ("moderation"), the activity ("health").
void register_panels(std::shared_ptr<state> const& st);

}  // namespace plugins::groupadmin
