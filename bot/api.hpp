#pragma once
/// What plugins call to act on a platform account: sends go through the outbox; moderation and
/// look-ups go to the adapter. Every call reports success or a typed error.

#include <chrono>
#include <memory>

#include "bot/outbox.hpp"
#include "bot/platform.hpp"

namespace bot {

class api {
public:
    api(bot::platform& p, outbox_settings const& cfg) : platform_(p), outbox_(p, cfg) {}

    std::string const& platform_name() const { return platform_.name(); }
    id const& self_id() const { return platform_.self_id(); }
    capabilities const& caps() const { return platform_.caps(); }

    /// Sends to a group or a user, paced and split.
    task<result<id>> send(target to, message msg) { return outbox_.send(std::move(to), std::move(msg)); }
    task<status> recall(id message_id);
    task<status> mute(id group, id user, std::chrono::seconds duration);
    task<status> unmute(id group, id user) { return mute(std::move(group), std::move(user), std::chrono::seconds(0)); }
    task<status> kick(id group, id user, bool reject_rejoin = false);
    task<result<member_info>> member(id group, id user);
    task<result<std::vector<member_info>>> members(id group);
    task<status> answer_request(request_answer answer);

    bot::outbox& outbox() { return outbox_; }
    bot::platform& platform() { return platform_; }

private:
    bot::platform& platform_;
    bot::outbox outbox_;
};

}  // namespace bot
