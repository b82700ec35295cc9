#pragma once
/// The admin commands of the anti-ad plugin.

#include <cstdint>
#include <memory>
#include <optional>

#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

/// /warn /unwarn /warns /mute /unmute /kick /approve /unapprove.
void register_member_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod);
/// /antiad [on|off|dry-run], /antiad allow|disallow, /antiad rule add|list|remove, /modlog.
void register_group_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod);
/// /误判 (/wrong), /ad (/广告), /antiad learned, /antiad forget.
void register_learn_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod);
/// Undoes an incident and teaches the group that its text passes; returns the answer for the admin.
/// The incident is `number` when given (/误判 #N, as the log and the console name it), else the one
/// the session's message replies to (/误判, /unwarn as a reply).
bot::task<std::string> undo_incident(moderation& mod, bot::session& s, std::optional<std::int64_t> number = {});

}  // namespace plugins::antiad
