#pragma once
/// Typed events: what adapters decode the wire into and what plugins handle.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "bot/id.hpp"
#include "bot/message.hpp"
#include "bot/money.hpp"

namespace bot {

/// Wall-clock time with one-second precision; what events carry and the clock returns.
using time_point = std::chrono::sys_seconds;

/// A member's standing in a group. Owners are also admins for every permission check.
enum class role { member, admin, owner };

std::string_view role_name(role r);

/// Who sent a message.
struct sender {
    id user;
    std::string nickname;
    std::string card;  ///< the group card (group nickname), if any
    bot::role role = bot::role::member;

    /// The group card when it has something printable, else the nickname, else the ID, made safe
    /// to print with `shown_name` (one line, no controls, at most `max_shown_name` bytes).
    std::string display_name() const;
};

/// `card`, else `nickname`, else the ID, the first with something printable, through `shown_name`.
std::string shown_name_of(std::string_view card, std::string_view nickname, id const& user);

/// A group a bot account serves: platform, account and group ID. `key()` names it in storage.
struct group_ref {
    std::string platform;
    id self_id;
    id group;

    std::string key() const { return platform + ":" + group.str(); }
    friend bool operator==(group_ref const&, group_ref const&) = default;
};

namespace ev {
/// A message in a group. `seq` is its sequence number in the group, the same through every bot
/// account (NapCat's `real_seq`); empty when the platform gives none. `message_id` is per account.
struct group_message {
    id message_id;
    id group;
    sender from;
    message content;
    bool anonymous = false;
    id seq{};
};
/// A private (direct) message; `group` is set when it is a temporary chat started from a group.
struct private_message { id message_id; sender from; message content; id group; };
/// A member joined. `how`: "approve", "invite" or empty; `operator_id` approved or invited.
struct member_joined { id group; id user; id operator_id; std::string how; std::string nickname; };
/// A member left or was removed. `kicked` when removed by an admin; `bot_removed` when the bot itself was.
struct member_left { id group; id user; id operator_id; bool kicked = false; bool bot_removed = false; };
/// A message was recalled (deleted). `group` is empty for a private message.
struct message_recalled { id group; id message_id; id user; id operator_id; };
/// A member gained or lost admin rights.
struct admin_changed { id group; id user; bool granted = false; };
/// A member was muted (`duration` > 0) or unmuted (0); `whole_group` for the group-wide mute.
struct member_muted { id group; id user; id operator_id; std::chrono::seconds duration{0}; bool whole_group = false; };
/// A poke / nudge. `group` is empty in private.
struct poked { id group; id user; id target; };
/// Someone asks to join a group (or, with an empty `group`, to be a friend). `flag` answers it.
struct join_request { id group; id user; std::string comment; id flag; bool invite = false; };
/// A member sent a red packet, where the platform reports one. `amount` when the platform tells it.
struct red_packet { id group; id user; std::optional<fen> amount; std::string note; };
/// The connection to the platform changed: connected, disconnected, or a heartbeat.
struct lifecycle { enum class phase { connected, disconnected, heartbeat } what = phase::connected; };
}  // namespace ev

using event_payload = std::variant<ev::group_message, ev::private_message, ev::member_joined, ev::member_left,
                                   ev::message_recalled, ev::admin_changed, ev::member_muted, ev::poked,
                                   ev::join_request, ev::red_packet, ev::lifecycle>;

/// One event from one bot account on one platform.
struct event {
    std::string platform;  ///< "qq", "wechat", "console", ...
    id self_id;            ///< the bot account that saw it
    time_point time{};
    event_payload payload;

    template <typename T>
    T const* as() const { return std::get_if<T>(&payload); }
    template <typename T>
    bool is() const { return std::holds_alternative<T>(payload); }

    /// The group this event happened in, when it happened in one.
    std::optional<group_ref> group() const;
    /// The member the event is about or from, when there is one.
    id user() const;
    /// The key that identifies this event for dedupe: the same event delivered twice has the same key,
    /// whether an ID came as a number or as a string. Group notices that carry no per-account ID
    /// (joins, leaves, mutes, pokes...) have one key for every account in the group.
    std::string dedupe_key() const;
    /// The kind name ("group_message", "member_joined", ...), for logs.
    std::string_view kind() const;
};

}  // namespace bot
