#pragma once
/// Telling a group's admins something: in private where the platform lists members and roles,
/// else in the group addressed to them.

#include <string>

#include "bot/plugin_context.hpp"

namespace plugins::checkin {

/// Sends `text` to each admin and owner of the group in private; where the platform cannot list
/// members (or none is an admin), posts it in the group instead. Returns how many private messages went.
bot::task<int> tell_admins(bot::plugin_context& ctx, bot::group_ref const& g, std::string const& text);

/// Sends one message per `max` users: `head` and then the @-mentions. Returns the messages sent.
bot::task<int> mention_batches(bot::plugin_context& ctx, bot::group_ref const& g, std::string const& head,
                               std::vector<bot::id> const& users, int max);

}  // namespace plugins::checkin
