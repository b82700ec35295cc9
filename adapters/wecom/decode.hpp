#pragma once
/// Callback plaintexts into bot events: the intelligent bot's JSON, the app's XML messages and the
/// customer-group change events.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/wecom/xml.hpp"
#include "bot/event.hpp"

namespace adapters::wecom {

/// A decoded intelligent-bot callback.
struct bot_callback {
    std::optional<bot::event> event;  ///< a message to dispatch; empty for events qunbot ignores
    std::string chat;                 ///< where an answer goes: the group ID, or "u:" + user
    std::string message_id;
    std::string response_url;
    std::string bot_id;               ///< aibotid
    std::string ignored;              ///< why nothing is dispatched, for the log
};

/// Reads the bot's decrypted JSON. `self` is the bot account's ID, `name` how members @ it ("" when
/// unknown): a leading "@name" becomes a mention of the bot, so commands after it are read.
/// nullopt with `error` for JSON that is not a bot callback.
std::optional<bot_callback> decode_bot(std::string_view plain, bot::id const& self, std::string const& name,
                                       bot::time_point now, std::string* error);

/// Turns "@Name rest" into [mention of self, "rest"] when the text starts by mentioning the bot.
bot::message with_mention(std::string const& text, bot::id const& self, std::string const& name);

/// A customer-group membership change (change_external_chat, update add_member/del_member).
struct group_change {
    std::string chat_id;
    bool joined = false;
    std::vector<std::string> users;  ///< MemChangeList; empty when WeCom did not list them
    int scene = 0;                   ///< JoinScene or QuitScene
    bot::time_point time{};
};

/// A decoded app callback: a private message, a group change, or something qunbot ignores.
struct app_callback {
    std::optional<bot::event> message;  ///< a member wrote to the app
    std::optional<group_change> change;
    std::string ignored;                ///< why nothing is dispatched, for the log
};

/// Reads the app's decrypted XML; `agent_id` must match a message's AgentID.
std::optional<app_callback> decode_app(xml_fields const& x, std::int64_t agent_id, bot::id const& self,
                                       bot::time_point now, std::string* error);

/// The events a group change makes, for the customer route's account `self`.
std::vector<bot::event> change_events(group_change const& c, bot::id const& self);

}  // namespace adapters::wecom
