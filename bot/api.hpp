#pragma once
/// What plugins call to act on a platform account: sends go through the outbox; moderation and
/// look-ups go to the adapter. Every call reports success or a typed error.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bot/outbox.hpp"
#include "bot/platform.hpp"

namespace bot {

/// One connected account. The core owns it (shared); sessions and plugins hold it only while they
/// use it, and a call in progress keeps it alive. When the adapter lets the account go (detach), the
/// object lives on for whoever still holds it, but no longer reaches the platform: its calls fail
/// with errc::not_connected.
class api : public std::enable_shared_from_this<api> {
public:
    api(bot::platform& p, outbox_settings const& cfg)
        : platform_(&p), name_(p.name()), self_(p.self_id()), caps_(p.caps()), outbox_(p, cfg) {}

    std::string const& platform_name() const { return name_; }
    id const& self_id() const { return self_; }
    /// What the account can do (as it was when it went, once detached).
    capabilities const& caps() const { return platform_ ? platform_->caps() : caps_; }
    /// False once the adapter let the account go.
    bool connected() const { return platform_ != nullptr; }
    /// Cuts the account off its platform (the adapter is letting it go); see the class comment.
    void detach();

    /// Sends to a group or a user, paced and split.
    task<result<id>> send(target to, message msg);
    task<status> recall(id message_id);
    /// Mutes a member for `duration` (zero unmutes). `why` says who or what muted them, for the
    /// record of the bot's mutes (`/mutes`): "antiad", "welcome", an admin's name.
    task<status> mute(id group, id user, std::chrono::seconds duration, std::string why = {});
    task<status> unmute(id group, id user) { return mute(std::move(group), std::move(user), std::chrono::seconds(0)); }
    task<status> kick(id group, id user, bool reject_rejoin = false);
    task<result<member_info>> member(id group, id user);
    task<result<std::vector<member_info>>> members(id group);
    task<status> answer_request(request_answer answer);
    task<status> mute_all(id group, bool on);
    task<status> set_card(id group, id user, std::string card);
    task<status> set_title(id group, id user, std::string title);
    task<status> set_essence(id message_id);

    /// Told of every mute (and unmute, with zero) that succeeded through this account.
    using mute_observer = std::function<void(id const& group, id const& user, std::chrono::seconds duration,
                                             std::string const& why)>;
    void on_mute(mute_observer fn) { on_mute_ = std::move(fn); }
    /// Told of every call that reached the platform or the outbox ("send", "mute", "kick", …) and
    /// whether it succeeded, for the metrics.
    using action_observer = std::function<void(std::string_view action, bool ok)>;
    void on_action(action_observer fn) { on_action_ = std::move(fn); }
    void note_action(std::string_view action, bool ok) const {
        if (on_action_) on_action_(action, ok);
    }

    bot::outbox& outbox() { return outbox_; }
    /// The platform it speaks through, while connected; nullptr after detach.
    bot::platform* platform() const { return platform_; }

private:
    bot::platform* platform_;
    std::string name_;
    id self_;
    capabilities caps_;  ///< as at attach, for after detach
    bot::outbox outbox_;
    mute_observer on_mute_;
    action_observer on_action_;
};

}  // namespace bot
