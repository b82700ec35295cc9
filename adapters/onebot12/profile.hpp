#pragma once
/// What each v12 implementation can do: capabilities for plugins and the actions that back them.

#include <string>
#include <string_view>

#include "bot/platform.hpp"

namespace adapters::onebot12 {

/// One implementation's abilities. v12 standardises messages, recall and member lookups only;
/// moderation exists, when at all, as extension actions, so it is looked up here and never guessed.
struct profile {
    std::string name;  ///< "ComWechat", or "generic" for an implementation we have no entry for
    bot::capabilities caps;
    bool send_reply = true;                ///< reply segments are accepted in send_message
    bool send_link_cards = false;          ///< wx.link segments can be sent
    std::string kick_action;               ///< extension action that removes members; empty: none
    std::string accept_friend_action;      ///< extension action that accepts a friend request; empty: none
    bool send_returns_message_id = true;   ///< false: send_message answers `true`, not {message_id}
};

/// The profile for an implementation, by the `impl` of its connect event (case-insensitive).
/// Unknown implementations get the standard-only "generic" profile under their own name.
profile profile_for(std::string_view impl);

/// The profile ComWeChatBotClient (PC WeChat through a hook) earns: no mute, no recall, kick only
/// through wx.delete_groupmember, friend requests through wx.accept_friend, no group join requests.
profile comwechat_profile();

/// Standard v12 only: send, recall, member lookups; no mute, no kick, no requests.
profile generic_profile();

}  // namespace adapters::onebot12
