#pragma once
/// What an adapter implements for one bot account: send, moderate, look up members.

#include <chrono>
#include <string>
#include <vector>

#include "bot/event.hpp"
#include "bot/result.hpp"
#include "bot/task.hpp"

namespace bot {

/// What a platform can do; plugins check these and degrade (warn the admins) when one is missing.
struct capabilities {
    bool recall = true;
    bool mute = true;
    bool kick = true;
    bool member_info = true;
    bool member_list = true;
    bool join_requests = true;
    bool red_packet_events = false;
    bool poke = false;
    /// Group administration beyond one member (issue 13). Off unless the adapter says it can.
    bool whole_mute = false;     ///< mute the whole group on and off (QQ: admins still speak)
    bool set_card = false;       ///< set a member's group card (the name shown in the group)
    bool special_title = false;  ///< set a member's special title (QQ: only the group owner can)
    bool essence = false;        ///< mark a message as essence (精华)
    /// The bot sees every message of its groups. False where it sees only those that @-mention it
    /// (WeCom's intelligent bot) or none (WeCom customer groups): silence then proves nothing, so
    /// nothing may be concluded from who did not speak (lurker lists, inactivity).
    bool all_messages = true;
    /// The bot can post into its groups itself. False for WeCom customer groups: the adapter hands
    /// a group message to the group's owner to post, and plugins avoid chatter there.
    bool group_post = true;
    /// False for local platforms (the sandbox) where sends need no pacing.
    bool needs_pacing = true;
};

/// Where a message goes: a group, or one user in private.
struct target {
    id group;  ///< empty for a private message
    id user;   ///< set for a private message

    static target group_of(id g) { return {std::move(g), {}}; }
    static target user_of(id u) { return {{}, std::move(u)}; }
    bool is_group() const { return !group.empty(); }
    std::string key() const { return is_group() ? "g:" + group.str() : "u:" + user.str(); }
};

/// A member as the platform describes them.
struct member_info {
    id user;
    std::string nickname;
    std::string card;
    bot::role role = bot::role::member;
    time_point joined_at{};
    time_point last_active{};
    std::string title;  ///< the special title (头衔), where the platform has one

    /// The card, else the nickname, else the ID, safe to print (see `sender::display_name`).
    std::string display_name() const { return shown_name_of(card, nickname, user); }
};

/// An answer to a join or friend request.
struct request_answer {
    id flag;
    bool group_request = true;  ///< false for a friend request
    bool approve = false;
    std::string reason;         ///< shown to the requester when rejecting
};

/// One bot account on one platform, as the adapter exposes it. Calls return typed errors, never throw.
class platform {
public:
    virtual ~platform() = default;

    virtual std::string const& name() const = 0;  ///< "qq", "wechat", "console"
    virtual id const& self_id() const = 0;
    virtual capabilities const& caps() const = 0;

    /// Sends one message (already paced and split by the outbox). Returns the new message's ID.
    virtual task<result<id>> send(target to, message msg) = 0;
    virtual task<status> recall(id message_id) = 0;
    /// Mutes for `duration`; zero unmutes. Parameters are always explicit on the wire.
    virtual task<status> mute(id group, id user, std::chrono::seconds duration) = 0;
    virtual task<status> kick(id group, id user, bool reject_rejoin) = 0;
    virtual task<result<member_info>> member(id group, id user) = 0;
    virtual task<result<std::vector<member_info>>> members(id group) = 0;
    /// Answers a join or friend request by its flag.
    virtual task<status> answer_request(request_answer answer) = 0;

    // Group administration. A platform without one keeps the default, which fails as unsupported;
    // the matching capability says which a platform has.
    /// Mutes the whole group (`on`) or lifts it.
    virtual task<status> mute_all(id group, bool on);
    /// Sets a member's group card; an empty card clears it.
    virtual task<status> set_card(id group, id user, std::string card);
    /// Sets a member's special title; an empty title clears it.
    virtual task<status> set_title(id group, id user, std::string title);
    /// Marks a message as essence (精华).
    virtual task<status> set_essence(id message_id);
};

}  // namespace bot
