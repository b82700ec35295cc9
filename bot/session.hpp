#pragma once
/// One event being handled: what handlers read about it and how they answer it.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "bot/api.hpp"
#include "bot/event.hpp"
#include "bot/timezone.hpp"
#include "bot/wait_result.hpp"

namespace bot {

class core;
struct command;
struct event_chain;

class session {
public:
    /// `account` saw the event; `replier` (when set) is the account replies go through: in a group
    /// with several bot accounts, the one that speaks there. `sighting` names the group message
    /// across accounts, so a reply through another account can quote it by that account's ID.
    session(core& c, event e, std::shared_ptr<bot::api> const& account, std::shared_ptr<bot::api> const& replier = nullptr,
            std::uint64_t sighting = 0);

    event const& ev() const { return event_; }
    core& bot() const { return core_; }

    bool in_group() const { return group_.has_value(); }
    /// The group, when the event happened in one.
    std::optional<group_ref> const& group() const { return group_; }
    id group_id() const { return group_ ? group_->group : id{}; }
    id user_id() const { return event_.user(); }
    /// The sender of a message event, else nullptr.
    bot::sender const* sender() const;
    /// The sender's name as the group shows it, or the user ID.
    std::string user_name() const;
    bot::role role() const;
    /// The message of a message event, else nullptr.
    message const* content() const;
    /// The command this event's message calls (its name matched, whatever its arguments), or null:
    /// matched once per event, however many plugins ask (plugin_context::command_named).
    std::shared_ptr<command const> const& command_called() const;
    /// The message's plain text (mentions as @name); empty for other events.
    std::string text() const;
    id message_id() const;

    bool is_superuser() const;
    /// Whether `user` (on this event's platform) is one of the bot's superusers.
    bool is_superuser(id const& user) const;
    /// True when the message @-mentions the bot, or is a private message.
    bool to_me() const;

    time_point now() const;
    /// When the event happened: its own time when plausible (see check_event_time), else now (the
    /// implausible time is logged). A late delivery (a reconnect, an offline backlog) keeps the
    /// time it was sent.
    time_point sent_at() const;
    time_zone const& tz() const;
    int close_hour() const;
    /// The group's current day, shifted by its day-close hour.
    civil_date today() const;
    civil_time local_time() const;

    /// Replies in the same chat, quoting the message when the replying account knows its ID.
    task<result<id>> reply(message m);
    /// Sends to the same chat without quoting, through the replying account.
    task<result<id>> send(message m);
    /// The account that saw this event (its message IDs are valid there); nullptr if it is gone.
    /// Moderation of the message goes through it; replies may go through another (see reply).
    /// The session does not keep an account alive: hold the pointer only while using it.
    std::shared_ptr<bot::api> api() const { return api_.lock(); }
    /// The account replies and sends go through; the one that saw the event unless the group
    /// has several bot accounts. nullptr if it is gone.
    std::shared_ptr<bot::api> replier() const { return replier_.lock(); }

    /// Waits up to `timeout` on the bot's clock for this member's next message in this chat (the
    /// same group, or the same private chat). The message is consumed: it does not go on to
    /// commands and listeners. Meanwhile the chat's other events are handled.
    task<wait_result> next_message(std::chrono::seconds timeout);
    /// Like next_message, for this member's next message in this chat that also satisfies `pred`.
    task<wait_result> wait_for(std::function<bool(event const&)> pred, std::chrono::seconds timeout);
    /// True when `e` is a message from this event's member in this event's chat.
    bool same_member_same_chat(event const& e) const;

    /// Stops the rest of the chain for this event (later middleware, commands and listeners).
    void stop() { stopped_ = true; }
    bool stopped() const { return stopped_; }
    /// Set when a command handled the message, so listeners can tell commands from chat.
    bool handled_by_command = false;

private:
    friend class core;

    core& core_;
    event event_;
    std::weak_ptr<bot::api> api_;
    std::weak_ptr<bot::api> replier_;
    std::uint64_t sighting_;
    std::optional<group_ref> group_;
    mutable std::optional<time_zone> tz_;
    mutable std::optional<std::shared_ptr<command const>> command_;
    bool stopped_ = false;
    std::shared_ptr<event_chain> chain_;  ///< the chain handling this event; waits park it
};

}  // namespace bot
